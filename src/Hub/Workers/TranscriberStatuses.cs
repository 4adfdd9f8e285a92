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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TranscriberStatus> _heardHere = new();

    public Task RememberAsync(string meetingId, TranscriberStatus status)
    {
        _heardHere[meetingId] = status;
        return _db.StringSetAsync(new MeetingKeys(meetingId).TranscriberStatus, DomainJson.Serialize(status), 2 * TranscriberStatus.Interval);
    }

    /// <summary>The statuses this host received that are not stale yet, by meeting (for the operator's figures).</summary>
    public IEnumerable<KeyValuePair<string, TranscriberStatus>> FreshHere(DateTimeOffset now)
    {
        foreach (var (meetingId, status) in _heardHere)
            if (status.IsStale(now)) _heardHere.TryRemove(new(meetingId, status));
            else yield return new(meetingId, status);
    }

    public async Task<TranscriberStatus?> LastAsync(string meetingId) =>
        await _db.StringGetAsync(new MeetingKeys(meetingId).TranscriberStatus) is { HasValue: true } value
            ? DomainJson.Deserialize<TranscriberStatus>(value.ToString())
            : null;
}
