using System.Security.Cryptography;
using LiveSession.Domain.Meetings;
using StackExchange.Redis;

namespace LiveSession.Hub.Live;

/// <summary>
/// Short codes for the participants' public link ("/j/k7m2qx9p"), short enough to type from the hall
/// screen. A code names a meeting and a link generation: once the chair rotates the participants'
/// link, the old code stops working too.
/// </summary>
public sealed class JoinLinks(IConnectionMultiplexer redis)
{
    /// <summary>Lower-case letters and digits without the look-alikes 0/o, 1/l/i.</summary>
    public const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    public const int CodeLength = 8;
    private readonly IDatabase _db = redis.GetDatabase();

    public static bool IsWellFormed(string? code) =>
        code is { Length: CodeLength } && code.All(c => Alphabet.Contains(c));

    /// <summary>The code of a meeting's current participants' link, made on first use.</summary>
    public async Task<string> CodeForAsync(string meetingId, int generation)
    {
        RedisKey key = $"ls:{{{meetingId}}}:join-code:{generation}";
        if (await _db.StringGetAsync(key) is { IsNull: false } known) return known!;
        var code = RandomNumberGenerator.GetString(Alphabet, CodeLength);
        // The code's target first, then claim it for the meeting: a reader never finds a code that leads nowhere.
        await _db.StringSetAsync(CodeKey(code), $"{generation}|{meetingId}", when: When.NotExists);
        if (await _db.StringSetAsync(key, code, when: When.NotExists)) return code;
        await _db.KeyDeleteAsync(CodeKey(code));
        return (await _db.StringGetAsync(key))!;
    }

    /// <summary>The meeting and link generation of a code, or null when it names none.</summary>
    public async Task<(string MeetingId, int Generation)?> ResolveAsync(string code)
    {
        if (!IsWellFormed(code)) return null;
        var target = (string?)await _db.StringGetAsync(CodeKey(code));
        if (target?.Split('|', 2) is not [var generation, var meetingId] || !int.TryParse(generation, out var g)) return null;
        return (meetingId, g);
    }

    private static RedisKey CodeKey(string code) => $"ls:join:{code}";
}

/// <summary>The last caption lines of each meeting, kept in Redis so a screen that joins late shows them.</summary>
public sealed class CaptionStore(IConnectionMultiplexer redis)
{
    private readonly IDatabase _db = redis.GetDatabase();

    private static RedisKey Key(string meetingId) => $"ls:{{{meetingId}}}:captions";

    public async Task AddAsync(string meetingId, Client.Protocol.CaptionLine line)
    {
        var key = Key(meetingId);
        var batch = _db.CreateBatch();
        var push = batch.ListRightPushAsync(key, DomainJson.Serialize(line));
        var trim = batch.ListTrimAsync(key, -Client.MeetingConnection.KeptCaptions, -1);
        var expire = batch.KeyExpireAsync(key, TimeSpan.FromHours(12));
        batch.Execute();
        await Task.WhenAll(push, trim, expire);
    }

    public async Task<IReadOnlyList<Client.Protocol.CaptionLine>> RecentAsync(string meetingId)
    {
        var values = await _db.ListRangeAsync(Key(meetingId));
        return values.Select(v => DomainJson.Deserialize<Client.Protocol.CaptionLine>(v!)!).ToArray();
    }
}
