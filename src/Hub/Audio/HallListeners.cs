using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Live;
using LiveSession.Hub.Store;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveSession.Hub.Audio;

/// <summary>
/// Who listens to the hall audio. Each host keeps its own listeners (a connection listens at most once; an address and a
/// meeting have a cap) and vouches for them in a Redis sorted set every other <see cref="Refresh"/> (a write of every
/// member: not at every round, so as not to crowd the Redis that carries the audio): a listener whose host died drops out
/// of the count after <see cref="Vouch"/>. The count over all hosts goes to the chair, secretary and organizer
/// (<see cref="HubContract.HallListenersChanged"/>) when it changes and every few seconds while anyone listens; a host
/// that only encodes asks it now and then, so that it encodes nothing while nobody listens.
/// </summary>
public sealed partial class HallListeners(
    IConnectionMultiplexer redis,
    LocalConnections<MeetingHub> connections,
    IHubContext<MeetingHub> hub,
    IOptions<LiveSessionOptions> options,
    TimeProvider clock,
    ILogger<HallListeners> logger) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Vouch = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Resend = TimeSpan.FromSeconds(5);

    public static DomainError MeetingFull(int max) => new("hall_audio_full",
        $"Hội nghị đã có {max.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))} người đang nghe hội trường, là mức tối đa; hãy thử lại sau.");
    public static DomainError AddressFull { get; } = new("hall_audio_full",
        "Mạng của bạn đã có quá nhiều máy đang nghe hội trường; hãy thử lại sau.");

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly ConcurrentDictionary<string, (string MeetingId, string Address)> _here = new();
    private readonly ConcurrentDictionary<string, int> _perAddress = new();
    private readonly ConcurrentDictionary<string, Tally> _tallies = new();
    private long _rounds;

    private sealed class Tally
    {
        public int Here;
        public bool Dirty;
        /// <summary>Listeners over all hosts when last counted; -1 before the first count.</summary>
        public long Global = -1;
        public long CheckedAt;
        public long SentCount = -1;
        public long SentAt;
        public int Checking;
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
    private HallAudioOptions Settings => options.Value.HallAudio;

    /// <summary>Starts a connection listening (again: nothing changes), or says why not.</summary>
    public async Task<DomainError?> AddAsync(string meetingId, string connectionId, string? address)
    {
        if (_here.ContainsKey(connectionId)) return null;
        var tally = _tallies.GetOrAdd(meetingId, _ => new Tally());
        if (Math.Max(tally.Global, Volatile.Read(ref tally.Here)) >= Settings.MaxListenersPerMeeting) return MeetingFull(Settings.MaxListenersPerMeeting);
        var addressKey = $"{meetingId}|{address}";
        if (_perAddress.AddOrUpdate(addressKey, 1, (_, n) => n + 1) > Settings.MaxListenersPerAddress)
        {
            _perAddress.AddOrUpdate(addressKey, 0, (_, n) => n - 1);
            return AddressFull;
        }
        if (!_here.TryAdd(connectionId, (meetingId, addressKey)))
        {
            _perAddress.AddOrUpdate(addressKey, 0, (_, n) => n - 1);
            return null;
        }
        Interlocked.Increment(ref tally.Here);
        tally.Dirty = true;
        var key = new MeetingKeys(meetingId).HallListeners;
        await _db.SortedSetAddAsync(key, connectionId, Now + Vouch.TotalMilliseconds);
        return null;
    }

    /// <summary>Stops a connection listening (when it asks, or when it is gone).</summary>
    public async Task RemoveAsync(string connectionId)
    {
        if (!_here.TryRemove(connectionId, out var listener)) return;
        _perAddress.AddOrUpdate(listener.Address, 0, (_, n) => n - 1);
        if (_tallies.TryGetValue(listener.MeetingId, out var tally))
        {
            Interlocked.Decrement(ref tally.Here);
            tally.Dirty = true;
        }
        await _db.SortedSetRemoveAsync(new MeetingKeys(listener.MeetingId).HallListeners, connectionId);
    }

    /// <summary>The connections of this host that listen to the meeting.</summary>
    public IEnumerable<string> ListenersHere(string meetingId) =>
        _here.Where(l => l.Value.MeetingId == meetingId).Select(l => l.Key);

    /// <summary>How many listen to the meeting on this host.</summary>
    public int ListeningHere(string meetingId) => _tallies.TryGetValue(meetingId, out var tally) ? Volatile.Read(ref tally.Here) : 0;

    /// <summary>Whether anyone may be listening to the meeting on any host (true until a first count says otherwise).</summary>
    public bool AnyListening(string meetingId)
    {
        var tally = _tallies.GetOrAdd(meetingId, _ => new Tally());
        if (Volatile.Read(ref tally.Here) > 0) return true;
        if (Now - tally.CheckedAt > Refresh.TotalMilliseconds && Interlocked.Exchange(ref tally.Checking, 1) == 0)
            _ = CountInBackgroundAsync(meetingId, tally);
        return tally.Global != 0;
    }

    private async Task CountInBackgroundAsync(string meetingId, Tally tally)
    {
        try
        {
            await CountAsync(meetingId, tally);
        }
        catch (RedisException ex)
        {
            LogCountFailed(ex, meetingId);
        }
        finally
        {
            Volatile.Write(ref tally.Checking, 0);
        }
    }

    private async Task CountAsync(string meetingId, Tally tally)
    {
        var key = new MeetingKeys(meetingId).HallListeners;
        var now = Now;
        await _db.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, now);
        tally.Global = await _db.SortedSetLengthAsync(key);
        tally.CheckedAt = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync();
            }
            catch (RedisException ex)
            {
                LogCountFailed(ex, "*");
            }
        }
    }

    /// <summary>One round: forget connections that are gone, vouch for the rest, count, and tell the staff.</summary>
    public async Task TickAsync()
    {
        foreach (var connectionId in _here.Keys)
            if (!connections.IsHere(connectionId)) await RemoveAsync(connectionId);
        var now = Now;
        var vouching = _rounds++ % 2 == 0;
        var byMeeting = _here.GroupBy(l => l.Value.MeetingId).ToDictionary(g => g.Key, g => g.Select(l => l.Key).ToArray());
        foreach (var (meetingId, tally) in _tallies)
        {
            if (!byMeeting.TryGetValue(meetingId, out var members) && !tally.Dirty)
            {
                if (now - tally.CheckedAt > 30 * Refresh.TotalMilliseconds) _tallies.TryRemove(meetingId, out _);
                continue;
            }
            tally.Dirty = false;
            var key = new MeetingKeys(meetingId).HallListeners;
            if (vouching && members is { Length: > 0 })
            {
                var until = now + Vouch.TotalMilliseconds;
                await _db.SortedSetAddAsync(key, members.Select(m => new SortedSetEntry(m, until)).ToArray());
                await _db.KeyExpireAsync(key, 2 * Vouch);
            }
            await CountAsync(meetingId, tally);
            if (tally.Global != tally.SentCount || (tally.Global > 0 && now - tally.SentAt >= Resend.TotalMilliseconds))
            {
                tally.SentCount = tally.Global;
                tally.SentAt = now;
                await hub.Clients.Group(MeetingBroadcaster.Group(meetingId))
                    .SendAsync(HubContract.HallListenersChanged, new HallListenerCount((int)tally.Global, clock.GetUtcNow()));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: could not count the hall audio's listeners")]
    private partial void LogCountFailed(Exception exception, string meetingId);
}
