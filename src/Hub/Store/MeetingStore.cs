using LiveSession.Domain.Meetings;
using StackExchange.Redis;

namespace LiveSession.Hub.Store;

/// <summary>
/// The live state of meetings in Redis: a hash with the state and its version, and a stream with
/// every event. A commit writes both in one Lua script, only if the version is still the expected one.
/// </summary>
public sealed class MeetingStore(IConnectionMultiplexer redis)
{
    // KEYS: state, events. ARGV: expected version, new state JSON, event JSON...
    // Returns {1, newVersion} when committed, {0, currentVersion} on a version conflict.
    private const string CommitScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        local expected = tonumber(ARGV[1])
        if current ~= expected then return {0, current} end
        local version = expected
        for i = 3, #ARGV do
          version = version + 1
          redis.call('XADD', KEYS[2], '0-' .. version, 'e', ARGV[i])
        end
        redis.call('HSET', KEYS[1], 'v', version, 's', ARGV[2])
        return {1, version}
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<MeetingState?> LoadAsync(string meetingId)
    {
        var json = await _db.HashGetAsync(new MeetingKeys(meetingId).State, "s");
        return json.IsNull ? null : DomainJson.Deserialize<MeetingState>(json!);
    }

    /// <summary>Writes the new state and its events if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<CommitOutcome> CommitAsync(string meetingId, long expectedVersion, MeetingState newState, IReadOnlyList<MeetingEvent> events)
    {
        var keys = new MeetingKeys(meetingId);
        var args = new RedisValue[events.Count + 2];
        args[0] = expectedVersion;
        args[1] = DomainJson.Serialize(newState);
        for (var i = 0; i < events.Count; i++) args[i + 2] = DomainJson.Serialize(events[i]);

        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(CommitScript, [keys.State, keys.Events], args))!;
        var committed = (int)result[0] == 1;
        if (committed && expectedVersion == 0)
            await _db.SetAddAsync(MeetingKeys.Index, meetingId);
        return new CommitOutcome(committed, (long)result[1]);
    }

    /// <summary>Events after <paramref name="afterVersion"/>, at most <paramref name="max"/>; null when more remain.</summary>
    public async Task<IReadOnlyList<VersionedEvent>?> EventsAfterAsync(string meetingId, long afterVersion, int max)
    {
        var entries = await _db.StreamRangeAsync(new MeetingKeys(meetingId).Events,
            minId: MeetingKeys.EntryId(afterVersion + 1), maxId: "+", count: max + 1);
        if (entries.Length > max) return null;
        return entries.Select(ToVersionedEvent).ToArray();
    }

    public async Task<IReadOnlyList<VersionedEvent>> AllEventsAsync(string meetingId)
    {
        var entries = await _db.StreamRangeAsync(new MeetingKeys(meetingId).Events);
        return entries.Select(ToVersionedEvent).ToArray();
    }

    public async Task<IReadOnlyList<string>> MeetingIdsAsync() =>
        (await _db.SetMembersAsync(MeetingKeys.Index)).Select(v => v.ToString()).Order().ToArray();

    private static VersionedEvent ToVersionedEvent(StreamEntry entry) =>
        new(MeetingKeys.VersionOf(entry.Id), DomainJson.Deserialize<MeetingEvent>(entry["e"]!)!);
}

public readonly record struct CommitOutcome(bool Committed, long Version);
