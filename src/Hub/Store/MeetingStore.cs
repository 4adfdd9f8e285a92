using System.Text.Json;
using LiveSession.Domain.Meetings;
using StackExchange.Redis;

namespace LiveSession.Hub.Store;

/// <summary>
/// The live state of meetings in Redis: a hash with the version and a snapshot of the state, and a stream with
/// every event. A commit writes both in one Lua script, only if the version is still the expected one.
/// The snapshot is written every <see cref="SnapshotEvery"/> versions only, and off the command's path
/// (<see cref="SnapshotWriter"/>): a meeting's state grows to hundreds of kilobytes while an event is about a hundred
/// bytes, so a commit stores just its events, and a load applies the events after the snapshot it finds (the stream keeps
/// every event, numbered by version; any snapshot not newer than the version is a correct start).
/// </summary>
public sealed class MeetingStore(IConnectionMultiplexer redis)
{
    /// <summary>The snapshot is rewritten when a commit crosses a multiple of this version (and at creation).</summary>
    public const int SnapshotEvery = 32;

    /// <summary>Whether a commit from <paramref name="before"/> to <paramref name="after"/> crossed a snapshot's version.</summary>
    public static bool SnapshotDue(long before, long after) => after / SnapshotEvery != before / SnapshotEvery;

    // KEYS: state, events. ARGV: expected version, new state JSON or "" (no new snapshot: all but the creation), event JSON...
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
        if ARGV[2] == '' then
          redis.call('HSET', KEYS[1], 'v', version)
        else
          redis.call('HSET', KEYS[1], 'v', version, 's', ARGV[2], 'sv', version)
        end
        return {1, version}
        """;

    // KEYS: state. ARGV: the snapshot's version, its JSON. Written only over an older snapshot of a meeting that still exists.
    private const string SnapshotScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local stored = tonumber(redis.call('HGET', KEYS[1], 'sv') or '-1')
        if tonumber(ARGV[1]) <= stored then return 0 end
        redis.call('HSET', KEYS[1], 's', ARGV[2], 'sv', ARGV[1])
        return 1
        """;

    private static readonly RedisValue[] StateFields = ["s", "v"];

    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>The state at the stored version: the snapshot with the events after it applied.</summary>
    public async Task<MeetingState?> LoadAsync(string meetingId)
    {
        var keys = new MeetingKeys(meetingId);
        var fields = await _db.HashGetAsync(keys.State, StateFields);
        if (fields[0].IsNull) return null;
        var state = JsonSerializer.Deserialize<MeetingState>((byte[])fields[0]!, DomainJson.Options)!;
        var version = (long)fields[1];
        if (state.Version >= version) return state;
        // The stream only grows, so the events up to the version read with the snapshot are all there.
        return await FoldAfterAsync(keys, state, MeetingKeys.EntryId(version));
    }

    /// <summary>A state known to be behind, brought up to the stored version by its missing events: one small read.</summary>
    public Task<MeetingState> CatchUpAsync(MeetingState known) => FoldAfterAsync(new MeetingKeys(known.Id), known, "+");

    private async Task<MeetingState> FoldAfterAsync(MeetingKeys keys, MeetingState state, RedisValue lastEntry)
    {
        var entries = await _db.StreamRangeAsync(keys.Events, MeetingKeys.EntryId(state.Version + 1), lastEntry);
        return Decider.Fold(state, entries.Select(e => ToVersionedEvent(e).Event));
    }

    /// <summary>Writes the new state and its events if the stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<CommitOutcome> CommitAsync(string meetingId, long expectedVersion, MeetingState newState, IReadOnlyList<MeetingEvent> events)
    {
        var keys = new MeetingKeys(meetingId);
        var args = new RedisValue[events.Count + 2];
        args[0] = expectedVersion;
        // The first snapshot goes with the creation: a meeting without one does not exist. Later ones: WriteSnapshotAsync.
        args[1] = expectedVersion == 0 ? JsonSerializer.SerializeToUtf8Bytes(newState, DomainJson.Options) : RedisValue.EmptyString;
        for (var i = 0; i < events.Count; i++) args[i + 2] = JsonSerializer.SerializeToUtf8Bytes(events[i], DomainJson.Options);

        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(CommitScript, [keys.State, keys.Events], args))!;
        var committed = (int)result[0] == 1;
        if (committed && expectedVersion == 0)
            await _db.SetAddAsync(MeetingKeys.Index, meetingId);
        return new CommitOutcome(committed, (long)result[1]);
    }

    /// <summary>Stores <paramref name="state"/> as the meeting's snapshot unless a newer one is there; false when it was not written.</summary>
    public async Task<bool> WriteSnapshotAsync(MeetingState state) =>
        (int)await _db.ScriptEvaluateAsync(SnapshotScript, [new MeetingKeys(state.Id).State],
            [state.Version, JsonSerializer.SerializeToUtf8Bytes(state, DomainJson.Options)]) == 1;

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
