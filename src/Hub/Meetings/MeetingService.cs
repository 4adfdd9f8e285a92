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
    SnapshotWriter snapshots,
    MeetingBroadcaster broadcaster,
    LinkRules links,
    Audit.AuditTrail audit,
    Records.RecordsArchiver archiver,
    Health.HubMetrics metrics,
    TimeProvider clock,
    IOptions<LiveSessionOptions> options,
    ILogger<MeetingService> logger)
{
    // The last state this host committed or read per meeting: a starting guess that saves a Redis read.
    // It may be stale when another host changed the meeting; the commit's version check then fails and we reload.
    private readonly ConcurrentDictionary<string, MeetingState> _latest = new();
    // Commands on one meeting from this host wait in its queue; one committer at a time takes all that wait, decides
    // them in order and commits them together (one Redis round trip for the lot), so they never conflict with each other.
    private readonly ConcurrentDictionary<string, CommandQueue> _queues = new();
    private long _conflicts;

    /// <summary>Most commands committed in one round trip.</summary>
    public const int MaxBatch = 64;

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

    /// <param name="origin">For a public client: the opaque key of its network (<see cref="CommandContext.Origin"/>).</param>
    /// <param name="actingPerson">Who acts when the host knows it otherwise (the office acting with the chair's powers).</param>
    public async Task<CommandResult> ExecuteAsync(RoleGrant caller, MeetingCommand command, long? expectedVersion = null, string? origin = null,
        string? actingPerson = null)
    {
        var pending = new PendingCommand(caller, command, expectedVersion, origin, actingPerson);
        var queue = _queues.GetOrAdd(caller.MeetingId, _ => new CommandQueue());
        Interlocked.Increment(ref _inFlight);
        try
        {
            bool commit;
            lock (queue)
            {
                queue.Waiting.Enqueue(pending);
                commit = !queue.Committing;
                queue.Committing = true;
            }
            if (commit) await CommitQueuedAsync(caller.MeetingId, queue, pending);
            return await pending.Result.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    // Commits what waits, batch after batch. The caller that started it commits until its own command is done, then
    // hands what still waits to a background task, so no caller waits for the commands of others that came later.
    private async Task CommitQueuedAsync(string meetingId, CommandQueue queue, PendingCommand? mine)
    {
        while (true)
        {
            var batch = new List<PendingCommand>();
            lock (queue)
            {
                if (queue.Waiting.Count == 0) { queue.Committing = false; return; }
                if (mine is { Result.Task.IsCompleted: true })
                {
                    _ = Task.Run(() => CommitQueuedAsync(meetingId, queue, null));
                    return;
                }
                while (batch.Count < MaxBatch && queue.Waiting.TryDequeue(out var next)) batch.Add(next);
            }
            try
            {
                await CommitBatchAsync(meetingId, batch);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
            {
                // The commit is one Lua script: it either happened whole or not at all. Forget the cached
                // state, since whether it happened is unknown, and tell the callers plainly.
                _latest.TryRemove(meetingId, out _);
                foreach (var pending in batch.Where(p => !p.Result.Task.IsCompleted))
                {
                    LogStoreUnavailable(ex, pending.Command.GetType().Name, meetingId);
                    pending.Result.TrySetResult(CommandResult.Refused(StoreUnavailable, -1));
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch) pending.Result.TrySetException(ex);
            }
        }
    }

    // Decides the batch in order on the latest state (each command on the state the ones before it left) and commits
    // the events of all accepted ones in one script; on a lost race, catches up and decides them all again.
    private async Task CommitBatchAsync(string meetingId, List<PendingCommand> batch)
    {
        var fresh = !_latest.TryGetValue(meetingId, out var state);
        if (fresh) state = await LoadFreshAsync(meetingId);

        for (var attempt = 1; attempt <= options.Value.MaxCommitAttempts; attempt++)
        {
            var current = state ?? MeetingState.Empty(meetingId);
            var steps = DecideAll(current, batch, fresh);
            if (steps is null)
            {
                // A refusal on a cached state may only mean the cache is behind: decide again on the stored state.
                state = await LoadFreshAsync(meetingId);
                fresh = true;
                continue;
            }
            var after = steps.Count == 0 ? current : steps[^1].After;
            var events = steps.SelectMany(s => s.Events).ToArray();
            if (events.Length > 0)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var outcome = await store.CommitAsync(meetingId, current.Version, after, events);
                metrics.Committed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                if (!outcome.Committed)
                {
                    Interlocked.Increment(ref _conflicts);
                    // Another host won the race, so the meeting moved on: catch up with its events and retry at once
                    // (waiting would only let that host, which may have more commands queued, win again). After a few
                    // lost races in a row, wait a little (random, growing) in case the hosts keep colliding.
                    if (attempt > 3) await Task.Delay(Random.Shared.Next(0, Math.Min(50, 1 << Math.Min(attempt, 6))));
                    state = await CatchUpAsync(current);
                    fresh = true;
                    continue;
                }
                _latest[meetingId] = after;
                if (current.Version > 0 && MeetingStore.SnapshotDue(current.Version, after.Version)) snapshots.Due(after);
                archiver.Committed(after);
            }
            foreach (var step in steps) Finish(meetingId, step);
            return;
        }
        var busy = new DomainError("busy", "Hệ thống đang bận, vui lòng thử lại.");
        foreach (var pending in batch) Refuse(meetingId, pending, busy, state?.Version ?? 0);
    }

    // Each command's outcome on the state the earlier ones left; null when one is refused on a state not known fresh.
    private List<DecidedCommand>? DecideAll(MeetingState current, List<PendingCommand> batch, bool fresh)
    {
        var steps = new List<DecidedCommand>(batch.Count);
        var working = current;
        foreach (var pending in batch)
        {
            var (next, decision, error) = Decide(working, pending);
            if (error is not null && !fresh) return null;
            steps.Add(error is null ? new(pending, working, next, decision!.Events, null) : new(pending, working, working, [], error));
            if (error is null) working = next;
        }
        return steps;
    }

    // Tells the caller and, for a change, the meeting's clients (in version order: steps are finished in order).
    private void Finish(string meetingId, DecidedCommand step)
    {
        var (pending, before, after) = (step.Pending, step.Before, step.After);
        if (step.Error is { } error)
        {
            Refuse(meetingId, pending, error, before.Version);
            return;
        }
        // Accepted with nothing to change (e.g. a transcript piece sent twice): nothing was stored.
        if (step.Events.Count > 0)
        {
            var versioned = step.Events.Select((e, i) => new VersionedEvent(before.Version + i + 1, e)).ToArray();
            broadcaster.Enqueue(meetingId, versioned, before, after);
            LogCommitted(pending.Command.GetType().Name, meetingId, pending.Caller.Role, after.Version);
        }
        metrics.Decided(accepted: true);
        pending.Result.TrySetResult(CommandResult.Accepted(after.Version));
    }

    /// <summary>Tells the caller, and keeps the refusal in the log and the meeting's audit.</summary>
    private void Refuse(string meetingId, PendingCommand pending, DomainError error, long version)
    {
        var command = pending.Command.GetType().Name;
        LogRefused(command, meetingId, pending.Caller.Role, error.Code, error.Message);
        audit.Refused(pending.Caller, command, error);
        metrics.Decided(accepted: false);
        pending.Result.TrySetResult(CommandResult.Refused(error, version));
    }

    private (MeetingState Next, Decision? Decision, DomainError? Error) Decide(MeetingState state, PendingCommand pending)
    {
        var (caller, command, expectedVersion, origin, person) = pending;
        if (state.Exists && links.Check(caller, state) is { } refused)
            return (state, null, refused);
        if (expectedVersion is { } expected && expected != state.Version)
            return (state, null, DomainError.Stale(expected, state.Version));
        var (next, decision) = Decider.Execute(state, command, new CommandContext(caller.Actor, clock.GetUtcNow(), origin, caller.Generation, person));
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

    /// <summary>Drops what this host knows of a meeting, after its copy in the store was rewritten or deleted outside a commit.</summary>
    public void Forget(string meetingId) => _latest.TryRemove(meetingId, out _);

    /// <summary>The newest state this host knows of a meeting, without reading the store (null when it knows none).</summary>
    public MeetingState? Known(string meetingId) => _latest.GetValueOrDefault(meetingId);

    /// <summary>The meeting as stored now: what this host knows, brought up to date with one read (null when it does not exist).</summary>
    public async Task<MeetingState?> CurrentAsync(string meetingId) =>
        Known(meetingId) is { Exists: true } known ? await RefreshAsync(known) : await LoadFreshAsync(meetingId);

    /// <summary>A state the caller already holds, brought up to date: one read of the events since (mostly none), not the snapshot.</summary>
    public Task<MeetingState> RefreshAsync(MeetingState known) => CatchUpAsync(known);

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

    // Debug: a refusal is an answer, not a fault, and it is kept in the meeting's (capped) audit; at Warning a stream of
    // refused commands from the public link would flood the journal and cost the host a write per refusal.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Command} on meeting {MeetingId} by {Role}: {ErrorCode} {ErrorMessage}")]
    private partial void LogRefused(string command, string meetingId, Role role, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis unavailable: {Command} on meeting {MeetingId} was not applied")]
    private partial void LogStoreUnavailable(Exception exception, string command, string meetingId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Command} on meeting {MeetingId} by {Role} at version {Version}")]
    private partial void LogCommitted(string command, string meetingId, Role role, long version);

    private sealed class CommandQueue
    {
        public Queue<PendingCommand> Waiting { get; } = new();
        public bool Committing { get; set; }
    }

    private sealed record PendingCommand(RoleGrant Caller, MeetingCommand Command, long? ExpectedVersion, string? Origin, string? Person)
    {
        public TaskCompletionSource<CommandResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record DecidedCommand(PendingCommand Pending, MeetingState Before, MeetingState After, IReadOnlyList<MeetingEvent> Events, DomainError? Error);
}
