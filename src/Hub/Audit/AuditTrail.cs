using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Store;
using LiveSession.Paperwork;
using StackExchange.Redis;

namespace LiveSession.Hub.Audit;

/// <summary>
/// Who did what in a meeting: every event carries its author (the domain stamps it), and refused commands are kept in a
/// capped stream beside the meeting's events (the newest <see cref="KeptRefusals"/>), so a flood cannot grow it.
/// </summary>
public sealed class AuditTrail(IConnectionMultiplexer redis, MeetingStore store, TimeProvider clock)
{
    public const int KeptRefusals = 2_000;
    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>Keeps a refusal without waiting for Redis: the caller's answer never waits on the audit.</summary>
    public void Refused(RoleGrant caller, string command, DomainError error) =>
        _db.StreamAdd(new MeetingKeys(caller.MeetingId).Refusals,
            [
                new("at", clock.GetUtcNow().ToUnixTimeMilliseconds()),
                new("role", caller.Role.ToString()),
                new("gen", caller.Generation),
                new("participant", caller.ParticipantId ?? ""),
                new("command", command),
                new("code", error.Code),
            ],
            maxLength: KeptRefusals, useApproximateMaxLength: true, flags: CommandFlags.FireAndForget);

    /// <summary>The meeting's audit in time order: its events with their authors, and the refusals still kept.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string meetingId) =>
        AuditLog.Of(await store.AllEventsAsync(meetingId), await RefusalsAsync(meetingId));

    /// <summary>The refused commands still kept (the newest <see cref="KeptRefusals"/>).</summary>
    public async Task<IReadOnlyList<AuditEntry>> RefusalsAsync(string meetingId) =>
        [.. (await _db.StreamRangeAsync(new MeetingKeys(meetingId).Refusals)).Select(ToRefusal)];

    private static AuditEntry ToRefusal(StreamEntry entry)
    {
        var participant = (string?)entry["participant"];
        var by = new EventAuthor(Enum.Parse<Domain.Meetings.Role>((string)entry["role"]!), (int)entry["gen"], participant is { Length: > 0 } ? participant : null);
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds((long)entry["at"]), null, (string)entry["command"]!, by, (string)entry["code"]!);
    }
}
