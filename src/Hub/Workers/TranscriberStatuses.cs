using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Store;
using StackExchange.Redis;

namespace LiveSession.Hub.Workers;

/// <summary>
/// Each meeting's last <see cref="TranscriberStatus"/>, kept in Redis until it would be stale: a secretary who opens
/// the page sees at once whether a worker serves the meeting, rather than "none" until the worker's next report.
/// </summary>
public sealed class TranscriberStatuses(IConnectionMultiplexer redis)
{
    private readonly IDatabase _db = redis.GetDatabase();

    public Task RememberAsync(string meetingId, TranscriberStatus status) =>
        _db.StringSetAsync(new MeetingKeys(meetingId).TranscriberStatus, DomainJson.Serialize(status), 2 * TranscriberStatus.Interval);

    public async Task<TranscriberStatus?> LastAsync(string meetingId) =>
        await _db.StringGetAsync(new MeetingKeys(meetingId).TranscriberStatus) is { HasValue: true } value
            ? DomainJson.Deserialize<TranscriberStatus>(value.ToString())
            : null;
}
