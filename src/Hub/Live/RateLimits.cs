using System.Collections.Concurrent;
using LiveSession.Domain.Meetings;

namespace LiveSession.Hub.Live;

/// <summary>How many actions a bucket allows at once, and how fast it refills.</summary>
public readonly record struct BucketShape(double Capacity, double PerSecond);

/// <summary>
/// Token buckets for what the public may send (commands, uploads, view refreshes), in this host's
/// memory: per participant, and per meeting for all participants together so a crowd of fake
/// identities cannot starve the chair. Refused actions change nothing.
/// </summary>
public sealed class RateLimits(TimeProvider clock)
{
    /// <summary>A participant's commands: 5 at once, then one every 2 seconds.</summary>
    public static readonly BucketShape ParticipantCommands = new(5, 0.5);
    /// <summary>All participants of one meeting together.</summary>
    public static readonly BucketShape MeetingCommands = new(300, 150);
    /// <summary>A participant's photo uploads: 3 at once, then one a minute.</summary>
    public static readonly BucketShape ParticipantUploads = new(3, 1.0 / 60);
    /// <summary>All participants' photo uploads to one meeting together.</summary>
    public static readonly BucketShape MeetingUploads = new(20, 0.5);
    /// <summary>A connection asking for a fresh view.</summary>
    public static readonly BucketShape ViewRefreshes = new(5, 0.2);

    public static readonly DomainError TooFast =
        new("rate_limited", "Bạn thao tác quá nhanh. Vui lòng chờ vài giây rồi thử lại.");
    public static readonly DomainError Busy =
        new("rate_limited", "Hệ thống đang nhận quá nhiều yêu cầu. Vui lòng thử lại sau ít giây.");

    private const int SweepAbove = 20_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    /// <summary>Takes one token from the bucket named <paramref name="key"/>; false when it is empty.</summary>
    public bool TryTake(string key, BucketShape shape)
    {
        var now = clock.GetTimestamp();
        if (_buckets.Count > SweepAbove) Sweep(now);
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(shape, now));
        return bucket.TryTake(now, clock.TimestampFrequency);
    }

    /// <summary>The participant's own bucket, then the meeting's; the error to report when either is empty.</summary>
    public DomainError? CheckParticipantCommand(string meetingId, string participantId)
    {
        if (!TryTake($"cmd:{meetingId}:{participantId}", ParticipantCommands)) return TooFast;
        return TryTake($"cmd:{meetingId}", MeetingCommands) ? null : Busy;
    }

    // Full buckets carry no memory of past use: drop them.
    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
            if (bucket.IsFullAt(now, clock.TimestampFrequency)) _buckets.TryRemove(key, out _);
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
