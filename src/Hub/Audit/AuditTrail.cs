using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Store;
using LiveSession.Paperwork;
using StackExchange.Redis;

namespace LiveSession.Hub.Audit;

/// <summary>
/// Who did what in a meeting: every event carries its author (the domain stamps it), and refused commands are kept in a
/// capped stream beside the meeting's events (the newest <see cref="KeptRefusals"/>), so a flood cannot grow it. Reading
/// personal data (a recording played, a photo viewed, a document downloaded) is kept in the access log beside them.
/// </summary>
public sealed class AuditTrail(IConnectionMultiplexer redis, MeetingStore store, TimeProvider clock)
{
    public const int KeptRefusals = 2_000;
    public const int KeptAccesses = 100_000;

    /// <summary>How far back the office's page reads the shared office stream to find its own entries.</summary>
    private const int OfficeAuditRead = 5_000;
    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>Keeps a refusal without waiting for Redis: the caller's answer never waits on the audit.</summary>
    public void Refused(RoleGrant caller, string command, DomainError error) =>
        Keep(new MeetingKeys(caller.MeetingId).Refusals, KeptRefusals, caller, command, error.Code);

    /// <summary>Keeps one access to personal data (the operation and the path asked for), without waiting for Redis.</summary>
    public void Accessed(RoleGrant caller, Operation operation, string path) =>
        Keep(new MeetingKeys(caller.MeetingId).Accesses, KeptAccesses, caller, $"{operation} {path}", "");

    /// <summary>
    /// Keeps what the office did outside a meeting (a retention run, a person's request and its outcome), awaited: the
    /// office's answer says it is recorded. <paramref name="what"/> is the operation, <paramref name="outcome"/> the counts.
    /// </summary>
    /// <param name="office">The office that acted; none for the installation's own jobs (the retention), which every office reads.</param>
    public async Task OfficeAsync(string what, string outcome, OfficeGrant? office = null) =>
        await _db.StreamAddAsync(MeetingKeys.OfficeAudit,
            [new("at", clock.GetUtcNow().ToUnixTimeMilliseconds()), new("command", what), new("outcome", outcome),
             new("office", office is null ? "*" : office.Id ?? "")],
            maxLength: KeptAccesses, useApproximateMaxLength: true);

    /// <summary>An office's own audit and the installation's jobs, the newest first.</summary>
    public async Task<IReadOnlyList<OfficeAuditEntry>> OfficeEntriesAsync(OfficeGrant office, int count = 200) =>
        [.. (await _db.StreamRangeAsync(MeetingKeys.OfficeAudit, count: OfficeAuditRead, messageOrder: Order.Descending))
            .Where(e => (string?)e["office"] is null or "*" || (string?)e["office"] == (office.Id ?? ""))
            .Take(count)
            .Select(e => new OfficeAuditEntry(DateTimeOffset.FromUnixTimeMilliseconds((long)e["at"]), (string)e["command"]!, (string?)e["outcome"] ?? ""))];

    private void Keep(RedisKey stream, int kept, RoleGrant caller, string what, string code) =>
        _db.StreamAdd(stream,
            [
                new("at", clock.GetUtcNow().ToUnixTimeMilliseconds()),
                new("role", caller.Role.ToString()),
                new("gen", caller.Generation),
                new("participant", caller.ParticipantId ?? ""),
                new("command", what),
                new("code", code),
            ],
            maxLength: kept, useApproximateMaxLength: true, flags: CommandFlags.FireAndForget);

    /// <summary>The meeting's audit in time order: its events with their authors, the refusals and the accesses still kept.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string meetingId) =>
        AuditLog.Of(await store.AllEventsAsync(meetingId), await KeptAsync(meetingId));

    /// <summary>What the audit keeps beside the events: the refused commands and the accesses to personal data.</summary>
    public async Task<IReadOnlyList<AuditEntry>> KeptAsync(string meetingId)
    {
        var keys = new MeetingKeys(meetingId);
        return [.. (await _db.StreamRangeAsync(keys.Refusals)).Concat(await _db.StreamRangeAsync(keys.Accesses)).Select(ToEntry)];
    }

    private static AuditEntry ToEntry(StreamEntry entry)
    {
        var participant = (string?)entry["participant"];
        var by = new EventAuthor(Enum.Parse<Domain.Meetings.Role>((string)entry["role"]!), (int)entry["gen"], participant is { Length: > 0 } ? participant : null);
        var code = (string?)entry["code"];
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds((long)entry["at"]), null, (string)entry["command"]!, by, code is { Length: > 0 } ? code : null);
    }
}
