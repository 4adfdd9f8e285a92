using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;

namespace LiveSession.Hub.Workers;

/// <summary>
/// Shares the running meetings among the transcription workers: one lease per meeting in Redis
/// (<see cref="MeetingKeys.TranscriberLease"/>, holding the worker's id and expiring after <see cref="LiveSessionOptions.WorkerLease"/>),
/// taken when free, renewed only by its holder, released when the holder gives the meeting up or the meeting ends.
/// Every host answers the same way: the leases are in Redis, not in a host.
/// </summary>
public sealed partial class TranscriberLeases(
    IConnectionMultiplexer redis, MeetingStore store, MeetingService meetings, RoleLinkTokens tokens,
    IOptions<LiveSessionOptions> options, ILogger<TranscriberLeases> logger)
{
    // KEYS: lease. ARGV: worker, lease ms. Taken when free, renewed when the worker's own; 0 when another worker holds it.
    private const string HoldScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder and holder ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    // KEYS: lease. ARGV: worker. Deleted only when the worker still holds it.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly IDatabase _db = redis.GetDatabase();
    // A closed meeting never runs again: it is not read again on every worker's call.
    private readonly ConcurrentDictionary<string, bool> _closed = new();

    public async Task<ClaimResponse> ClaimAsync(ClaimRequest request)
    {
        var lease = options.Value.WorkerLease;
        foreach (var meetingId in request.Release.Distinct())
            if (await ReleaseAsync(meetingId, request.Worker)) LogReleased(meetingId, request.Worker);

        var kept = new List<string>();
        foreach (var meetingId in request.Keep.Distinct())
        {
            if (await RunningAsync(meetingId) is not null && await HoldAsync(meetingId, request.Worker, lease)) kept.Add(meetingId);
            else
            {
                await ReleaseAsync(meetingId, request.Worker);
                LogDropped(meetingId, request.Worker);
            }
        }

        var claimed = new List<MeetingClaim>();
        if (request.Want > 0)
        {
            // In random order: workers asking at the same time try different meetings first.
            var candidates = (await store.MeetingIdsAsync()).Except(request.Keep).ToArray();
            Random.Shared.Shuffle(candidates);
            foreach (var meetingId in candidates)
            {
                if (claimed.Count == request.Want) break;
                if (await RunningAsync(meetingId) is not { } state || !await HoldAsync(meetingId, request.Worker, lease)) continue;
                claimed.Add(new MeetingClaim(meetingId, tokens.IssueCurrent(state, Role.Transcriber)));
                LogClaimed(meetingId, request.Worker, lease);
            }
        }
        return new ClaimResponse(kept, claimed, lease);
    }

    /// <summary>The worker holding the meeting's lease now (null: none).</summary>
    public async Task<string?> HolderAsync(string meetingId) => await _db.StringGetAsync(new MeetingKeys(meetingId).TranscriberLease);

    private async Task<MeetingState?> RunningAsync(string meetingId)
    {
        if (_closed.ContainsKey(meetingId)) return null;
        var state = await meetings.CurrentAsync(meetingId);
        if (state?.Status == MeetingStatus.Closed) _closed.TryAdd(meetingId, true);
        return state?.Status == MeetingStatus.InProgress ? state : null;
    }

    private async Task<bool> HoldAsync(string meetingId, string worker, TimeSpan lease) =>
        (int)await _db.ScriptEvaluateAsync(HoldScript, [new MeetingKeys(meetingId).TranscriberLease], [worker, (long)lease.TotalMilliseconds]) == 1;

    private async Task<bool> ReleaseAsync(string meetingId, string worker) =>
        (int)await _db.ScriptEvaluateAsync(ReleaseScript, [new MeetingKeys(meetingId).TranscriberLease], [worker]) == 1;

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription worker {Worker} claimed meeting {MeetingId} (lease {Lease})")]
    private partial void LogClaimed(string meetingId, string worker, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription worker {Worker} released meeting {MeetingId}")]
    private partial void LogReleased(string meetingId, string worker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription worker {Worker} no longer holds meeting {MeetingId}: the meeting ended or the lease went to another worker")]
    private partial void LogDropped(string meetingId, string worker);
}
