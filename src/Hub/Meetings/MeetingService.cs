using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;
using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Live;
using LiveSession.Hub.Store;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Meetings;

/// <summary>
/// The one path from any command to a committed change: decide on the latest state, commit with the
/// version check, retry on conflict, then tell the meeting's clients. Hub methods and HTTP endpoints
/// all go through <see cref="ExecuteAsync"/>.
/// </summary>
public sealed partial class MeetingService(
    MeetingStore store,
    MeetingBroadcaster broadcaster,
    Records.RecordsArchiver archiver,
    TimeProvider clock,
    IOptions<LiveSessionOptions> options,
    ILogger<MeetingService> logger)
{
    // The last state this host committed or read per meeting: a starting guess that saves a Redis read.
    // It may be stale when another host changed the meeting; the commit's version check then fails and we reload.
    private readonly ConcurrentDictionary<string, MeetingState> _latest = new();
    // Commands on one meeting from this host run one at a time, so they do not conflict with each other.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
    private long _conflicts;

    /// <summary>How many commits lost a version race and were retried, since start.</summary>
    public long ConflictRetries => Interlocked.Read(ref _conflicts);

    private int _inFlight;

    /// <summary>Waits until no command is being decided or committed (on shutdown), or the time is up.</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20, cancellationToken);
    }

    public async Task<CommandResult> ExecuteAsync(RoleGrant caller, MeetingCommand command, long? expectedVersion = null)
    {
        var gate = _gates.GetOrAdd(caller.MeetingId, _ => new SemaphoreSlim(1, 1));
        Interlocked.Increment(ref _inFlight);
        await gate.WaitAsync();
        try
        {
            return await ExecuteLockedAsync(caller, command, expectedVersion);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
        {
            // The commit is one Lua script: it either happened whole or not at all. Forget the cached
            // state, since whether it happened is unknown, and tell the caller plainly.
            _latest.TryRemove(caller.MeetingId, out _);
            LogStoreUnavailable(ex, command.GetType().Name, caller.MeetingId);
            return CommandResult.Refused(StoreUnavailable, -1);
        }
        finally
        {
            gate.Release();
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<CommandResult> ExecuteLockedAsync(RoleGrant caller, MeetingCommand command, long? expectedVersion)
    {
        var fresh = !_latest.TryGetValue(caller.MeetingId, out var state);
        if (fresh) state = await LoadFreshAsync(caller.MeetingId);

        for (var attempt = 1; attempt <= options.Value.MaxCommitAttempts; attempt++)
        {
            var current = state ?? MeetingState.Empty(caller.MeetingId);
            var (next, decision, error) = Decide(current, caller, command, expectedVersion);
            if (error is not null)
            {
                if (!fresh) { state = await LoadFreshAsync(caller.MeetingId); fresh = true; continue; }
                LogRefused(command.GetType().Name, caller.MeetingId, caller.Role, error.Code, error.Message);
                return CommandResult.Refused(error, current.Version);
            }

            // Accepted with nothing to change (e.g. a transcript piece sent twice): nothing to store.
            if (decision!.Events.Count == 0) return CommandResult.Accepted(current.Version);
            var outcome = await store.CommitAsync(caller.MeetingId, current.Version, next, decision.Events);
            if (outcome.Committed)
            {
                _latest[caller.MeetingId] = next;
                var versioned = decision.Events.Select((e, i) => new VersionedEvent(current.Version + i + 1, e)).ToArray();
                broadcaster.Enqueue(caller.MeetingId, versioned, current, next);
                archiver.Committed(next);
                LogCommitted(command.GetType().Name, caller.MeetingId, caller.Role, next.Version);
                return CommandResult.Accepted(next.Version);
            }
            Interlocked.Increment(ref _conflicts);
            // Another host won the race, so the meeting moved on: catch up with its events and retry at once (waiting
            // would only let that host, which may have more commands queued, win again). After a few lost races in a
            // row, wait a little (random, growing) in case the hosts keep colliding.
            if (attempt > 3) await Task.Delay(Random.Shared.Next(0, Math.Min(50, 1 << Math.Min(attempt, 6))));
            state = await CatchUpAsync(current);
            fresh = true;
        }
        var busy = new DomainError("busy", "Hệ thống đang bận, vui lòng thử lại.");
        LogRefused(command.GetType().Name, caller.MeetingId, caller.Role, busy.Code, busy.Message);
        return CommandResult.Refused(busy, state?.Version ?? 0);
    }

    private (MeetingState Next, Decision? Decision, DomainError? Error) Decide(
        MeetingState state, RoleGrant caller, MeetingCommand command, long? expectedVersion)
    {
        if (state.Exists && caller.Generation < state.LinkGeneration(caller.Role))
            return (state, null, Revoked);
        if (expectedVersion is { } expected && expected != state.Version)
            return (state, null, DomainError.Stale(expected, state.Version));
        var (next, decision) = Decider.Execute(state, command, new CommandContext(caller.Actor, clock.GetUtcNow()));
        return (next, decision, decision.Error);
    }

    public static DomainError StoreUnavailable { get; } =
        new("store_unavailable", "Mất kết nối máy chủ dữ liệu; thao tác chưa được ghi nhận, hãy thử lại sau ít giây.");

    public static DomainError Revoked { get; } = new("link_revoked", "Liên kết này đã bị thu hồi. Hãy xin liên kết mới từ chủ trì.");

    /// <summary>The meeting as stored in Redis now (null when it does not exist).</summary>
    public async Task<MeetingState?> LoadFreshAsync(string meetingId)
    {
        var state = await store.LoadAsync(meetingId);
        if (state is not null) Remember(state);
        return state;
    }

    // The state this host knew, with the events other hosts committed since: one read of a few events, not the snapshot.
    private async Task<MeetingState> CatchUpAsync(MeetingState known)
    {
        if (!known.Exists) return await LoadFreshAsync(known.Id) ?? known;
        return Remember(await store.CatchUpAsync(known));
    }

    // Keeps the newest state known of a meeting (a slow read must not replace a newer commit).
    private MeetingState Remember(MeetingState state) =>
        _latest.AddOrUpdate(state.Id, state, (_, known) => known.Version >= state.Version ? known : state);

    /// <summary>What a client missed after a version: the events, or a snapshot when they are too many.</summary>
    public async Task<CatchUpResult> CatchUpAsync(string meetingId, long afterVersion, int maxEvents = 500)
    {
        var events = await store.EventsAfterAsync(meetingId, afterVersion, maxEvents);
        return events is not null
            ? new CatchUpResult(events, null, clock.GetUtcNow())
            : new CatchUpResult([], await LoadFreshAsync(meetingId), clock.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Command} on meeting {MeetingId} by {Role}: {ErrorCode} {ErrorMessage}")]
    private partial void LogRefused(string command, string meetingId, Role role, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis unavailable: {Command} on meeting {MeetingId} was not applied")]
    private partial void LogStoreUnavailable(Exception exception, string command, string meetingId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Command} on meeting {MeetingId} by {Role} at version {Version}")]
    private partial void LogCommitted(string command, string meetingId, Role role, long version);
}
