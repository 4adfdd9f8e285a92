using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Live;

/// <summary>How many actions a bucket allows at once, and how fast it refills.</summary>
public readonly record struct BucketShape(double Capacity, double PerSecond);

/// <summary>
/// Token buckets for what the public may send (joins, new identities, commands, uploads, view refreshes), in
/// this host's memory. Each client pays for its own actions, refused ones included, from its own bucket and its
/// address's; the meeting-wide buckets only protect the host. A client that keeps being refused is put out for
/// a while. Refused actions change nothing.
/// </summary>
public sealed class RateLimits(TimeProvider clock, IOptions<LiveSessionOptions> options)
{
    /// <summary>A participant's commands: 5 at once, then one every 2 seconds.</summary>
    public static readonly BucketShape ParticipantCommands = new(5, 0.5);
    /// <summary>All participants behind one address (a hall's Wi-Fi may put every phone behind one).</summary>
    public static readonly BucketShape AddressCommands = new(60, 10);
    /// <summary>All participants of one meeting together: only so that the host itself is never swamped.</summary>
    public static readonly BucketShape MeetingCommands = new(2000, 1000);
    /// <summary>Joins from one address (each loads the meeting): room for a whole hall reconnecting at once behind one NAT address.</summary>
    public static readonly BucketShape AddressJoins = new(300, 10);
    /// <summary>New participant identities for one meeting, from all addresses together: 300 at once, then 200 a minute.</summary>
    public static readonly BucketShape MeetingIdentities = new(300, 200.0 / 60);
    /// <summary>Refusals a client may collect before it is put out: 20 at once, then one every 5 seconds.</summary>
    public static readonly BucketShape Refusals = new(20, 0.2);
    /// <summary>How long a client that kept being refused stays out.</summary>
    public static readonly TimeSpan PutOutFor = TimeSpan.FromSeconds(60);
    /// <summary>A participant's photo uploads: 3 at once, then one a minute.</summary>
    public static readonly BucketShape ParticipantUploads = new(3, 1.0 / 60);
    /// <summary>All participants' photo uploads to one meeting together.</summary>
    public static readonly BucketShape MeetingUploads = new(20, 0.5);
    /// <summary>A connection asking for a fresh view.</summary>
    public static readonly BucketShape ViewRefreshes = new(5, 0.2);
    /// <summary>Starting or stopping the hall audio, per connection: a few presses at once, then one every 2 s.</summary>
    public static readonly BucketShape HallListens = new(6, 0.5);

    public static readonly DomainError TooFast =
        new("rate_limited", "Bạn thao tác quá nhanh. Vui lòng chờ vài giây rồi thử lại.");
    public static readonly DomainError Busy =
        new("busy", "Hệ thống đang nhận quá nhiều yêu cầu. Vui lòng thử lại sau ít giây.");
    public static readonly DomainError PutOut =
        new("put_out", "Kết nối này đã gửi quá nhiều yêu cầu không hợp lệ nên bị tạm ngắt 1 phút. Vui lòng thử lại sau.");
    public static readonly DomainError FollowOnly =
        new("follow_only", "Có quá nhiều người vừa tham gia từ cùng một mạng. Ông/bà vẫn theo dõi được hội nghị; vài phút nữa hãy tải lại trang để đăng ký phát biểu hoặc gửi câu hỏi.");

    private const int SweepAbove = 20_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly ConcurrentDictionary<string, long> _putOutUntil = new();

    /// <summary>New identities from one address: a hall behind one NAT address needs this raised (options).</summary>
    private BucketShape AddressIdentities =>
        new(options.Value.NewIdentitiesPerAddressPerMinute, options.Value.NewIdentitiesPerAddressPerMinute / 60.0);

    /// <summary>
    /// The bucket name of a client address: IPv4 as it is, IPv6 by its /64 network (one subscriber holds a whole /64);
    /// null for the host's own pages, which count against no address.
    /// </summary>
    public static string? AddressKey(IPAddress? address, bool ownPage)
    {
        if (ownPage || address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Takes one token from the bucket named <paramref name="key"/>; false when it is empty.</summary>
    public bool TryTake(string key, BucketShape shape)
    {
        var now = clock.GetTimestamp();
        if (_buckets.Count > SweepAbove) Sweep(now);
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(shape, now));
        return bucket.TryTake(now, clock.TimestampFrequency);
    }

    /// <summary>A join: once in a while per connection, and a bounded number per address.</summary>
    public DomainError? CheckJoin(string connectionId, string? address) =>
        !TryTake($"join:{connectionId}", ViewRefreshes) || (address is not null && !TryTake($"join:{address}", AddressJoins)) ? TooFast : null;

    /// <summary>Whether a device may be given a new participant identity now: within its address's and the meeting's budget.</summary>
    public bool TryTakeIdentity(string meetingId, string? address) =>
        (address is null || TryTake($"identity:{address}", AddressIdentities)) && TryTake($"identity:{meetingId}", MeetingIdentities);

    /// <summary>A client's command, paid from its own bucket and its address's before anything else is looked at.</summary>
    public DomainError? CheckClientCommand(string meetingId, string client, string? address)
    {
        if (!TryTake($"cmd:{meetingId}:{client}", ParticipantCommands)) return TooFast;
        return address is null || TryTake($"cmd:{address}", AddressCommands) ? null : TooFast;
    }

    /// <summary>The meeting's own bucket, which only keeps the host from being swamped.</summary>
    public DomainError? CheckMeetingCommand(string meetingId) => TryTake($"cmd:{meetingId}", MeetingCommands) ? null : Busy;

    /// <summary>Counts a refusal against a client; true when it has now been refused too often and is put out.</summary>
    public bool RecordRefusal(string meetingId, string client)
    {
        if (TryTake($"refused:{meetingId}:{client}", Refusals)) return false;
        _putOutUntil[$"{meetingId}:{client}"] = clock.GetTimestamp() + (long)(PutOutFor.TotalSeconds * clock.TimestampFrequency);
        return true;
    }

    /// <summary>Whether a client was put out and its time is not over.</summary>
    public bool IsPutOut(string meetingId, string client)
    {
        var key = $"{meetingId}:{client}";
        if (!_putOutUntil.TryGetValue(key, out var until)) return false;
        if (clock.GetTimestamp() < until) return true;
        _putOutUntil.TryRemove(new KeyValuePair<string, long>(key, until));
        return false;
    }

    // Full buckets carry no memory of past use: drop them.
    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
            if (bucket.IsFullAt(now, clock.TimestampFrequency)) _buckets.TryRemove(key, out _);
        foreach (var (key, until) in _putOutUntil)
            if (until <= now) _putOutUntil.TryRemove(key, out _);
    }

    private sealed class Bucket(BucketShape shape, long createdAt)
    {
        private double _tokens = shape.Capacity;
        private long _at = createdAt;

        public bool TryTake(long now, long frequency)
        {
            lock (this)
            {
                Refill(now, frequency);
                if (_tokens < 1) return false;
                _tokens -= 1;
                return true;
            }
        }

        public bool IsFullAt(long now, long frequency)
        {
            lock (this)
            {
                Refill(now, frequency);
                return _tokens >= shape.Capacity;
            }
        }

        private void Refill(long now, long frequency)
        {
            _tokens = Math.Min(shape.Capacity, _tokens + (now - _at) / (double)frequency * shape.PerSecond);
            _at = now;
        }
    }
}
