using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Store;
using StackExchange.Redis;

namespace LiveSession.Hub.Privacy;

/// <summary>
/// A meeting's copy in Redis, for the personal data: deleted whole once archived long enough, or its snapshot and events
/// rewritten (a phone number erased, a person corrected or de-identified). A stream's entries cannot be edited, so the
/// events are written again under the same ids, in one script that first checks that no commit came in between.
/// </summary>
public sealed class LiveCopies(IConnectionMultiplexer redis, MeetingStore store, MeetingService meetings)
{
    // KEYS: state, events. ARGV: version read, snapshot JSON, then id and event JSON pairs.
    private const string RewriteScript = """
        if tostring(redis.call('HGET', KEYS[1], 'v')) ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 's', ARGV[2])
        redis.call('DEL', KEYS[2])
        for i = 3, #ARGV, 2 do
          redis.call('XADD', KEYS[2], ARGV[i], 'e', ARGV[i + 1])
        end
        return 1
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<bool> ExistsAsync(string meetingId) => await _db.KeyExistsAsync(new MeetingKeys(meetingId).State);

    /// <summary>Every key of the meeting (state, events, audio feed, captions, audit streams…) and its place in the index; how many keys.</summary>
    public async Task<int> DeleteAsync(string meetingId)
    {
        var keys = new List<RedisKey>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
            await foreach (var key in server.KeysAsync(_db.Database, $"ls:{{{meetingId}}}:*")) keys.Add(key);
        var deleted = keys.Count == 0 ? 0 : (int)await _db.KeyDeleteAsync([.. keys.Distinct()]);
        await _db.SetRemoveAsync(MeetingKeys.Index, meetingId);
        meetings.Forget(meetingId);
        return deleted;
    }

    /// <summary>The stored snapshot's JSON (null when there is no copy).</summary>
    public async Task<string?> SnapshotAsync(string meetingId) => await _db.HashGetAsync(new MeetingKeys(meetingId).State, "s");

    /// <summary>
    /// Rewrites the snapshot and every event; <paramref name="rewrite"/> gets the snapshot's JSON and returns the new one and
    /// the function that rewrites each event. False when there is no copy or a commit came in between (try again).
    /// </summary>
    public async Task<bool> RewriteAsync(string meetingId, Func<string, (string Snapshot, Func<string, string> Event)> rewrite)
    {
        var keys = new MeetingKeys(meetingId);
        var fields = await _db.HashGetAsync(keys.State, ["s", "v"]);
        if (fields[0].IsNull) return false;
        var (snapshot, eventRewrite) = rewrite((string)fields[0]!);
        var entries = await _db.StreamRangeAsync(keys.Events);
        var args = new List<RedisValue> { fields[1], snapshot };
        foreach (var entry in entries)
        {
            args.Add(entry.Id);
            args.Add(eventRewrite((string)entry["e"]!));
        }
        var done = (int)await _db.ScriptEvaluateAsync(RewriteScript, [keys.State, keys.Events], [.. args]) == 1;
        meetings.Forget(meetingId);
        return done;
    }

    /// <summary>The live meetings' states (as the store folds them), for a person's request.</summary>
    public async Task<IReadOnlyList<MeetingState>> AllAsync(OfficeGrant office)
    {
        var states = new List<MeetingState>();
        foreach (var id in await store.MeetingIdsAsync())
            if (await store.LoadAsync(id) is { Exists: true } state && office.Owns(state.Office)) states.Add(state);
        return states;
    }
}
