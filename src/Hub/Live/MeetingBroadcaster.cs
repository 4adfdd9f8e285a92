using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.SignalR;
using LiveSession.Domain.Views;

namespace LiveSession.Hub.Live;

/// <summary>
/// Tells a meeting's clients what changed (through the Redis backplane when it is on), each only what
/// it shows: the chair, secretary, organizer and worker get the versioned events; the hall screen and
/// participants get the public parts that changed; a participant gets their own view when it changed.
/// </summary>
public sealed partial class MeetingBroadcaster(IHubContext<MeetingHub> hub, ILogger<MeetingBroadcaster> logger)
{
    // Per meeting, the commits waiting to be sent and whether a sender is at work on them.
    private readonly ConcurrentDictionary<string, Outbox> _outboxes = new();

    /// <summary>Clients that see the whole state.</summary>
    public static string Group(string meetingId) => $"meeting:{meetingId}";
    /// <summary>The hall screen and every participant.</summary>
    public static string PublicGroup(string meetingId) => $"public:{meetingId}";
    /// <summary>Every connection of one participant (phone and tablet, say).</summary>
    public static string ParticipantGroup(string meetingId, string participantId) => $"p:{meetingId}:{participantId}";

    /// <summary>
    /// Queues a commit's messages behind the meeting's earlier ones and returns at once, so a command does not wait
    /// for the backplane's round trip. Call it in version order (<see cref="Meetings.MeetingService"/> commits one
    /// meeting's commands in order). A failed send is logged: the clients that missed it catch up when they reconnect.
    /// </summary>
    public void Enqueue(string meetingId, IReadOnlyList<VersionedEvent> events, MeetingState before, MeetingState after)
    {
        var outbox = _outboxes.GetOrAdd(meetingId, _ => new Outbox());
        bool start;
        lock (outbox)
        {
            outbox.Waiting.Add(new Commit(events, before, after));
            start = !outbox.Sending;
            outbox.Sending = true;
        }
        if (start) _ = SendWaitingAsync(meetingId, outbox);
    }

    // Sends what waits, batch after batch: all of a batch's messages are handed to SignalR (and so to the backplane's
    // one Redis connection, which keeps their order) before any is awaited; the next batch waits for the last one.
    private async Task SendWaitingAsync(string meetingId, Outbox outbox)
    {
        while (true)
        {
            Commit[] batch;
            lock (outbox)
            {
                if (outbox.Waiting.Count == 0) { outbox.Sending = false; return; }
                batch = [.. outbox.Waiting];
                outbox.Waiting.Clear();
            }
            var sends = new List<Task>();
            try
            {
                foreach (var run in ContiguousRuns(batch))
                {
                    // One message of each kind for a run of commits: its events in order, and the views between the
                    // state before the first and the state after the last (which the next run starts from).
                    var was = outbox.Last is { } last && ReferenceEquals(last.State, run[0].Before) ? last : StateViews.Of(run[0].Before);
                    outbox.Last = StateViews.Of(run[^1].After);
                    sends.Add(PublishAsync(meetingId, run.Count == 1 ? run[0].Events : [.. run.SelectMany(c => c.Events)], was, outbox.Last));
                }
                await Task.WhenAll(sends);
            }
            catch (Exception ex)
            {
                LogSendFailed(ex, meetingId, batch[^1].After.Version);
            }
        }
    }

    // Commits that follow one another version by version (another host's commit in between starts a new run), at most
    // MaxRun to a run so that a burst never makes one huge message.
    private static List<List<Commit>> ContiguousRuns(Commit[] batch)
    {
        const int MaxRun = 64;
        var runs = new List<List<Commit>>();
        foreach (var commit in batch)
        {
            if (runs.Count > 0 && runs[^1].Count < MaxRun && runs[^1][^1].After.Version == commit.Before.Version) runs[^1].Add(commit);
            else runs.Add([commit]);
        }
        return runs;
    }

    private sealed record Commit(IReadOnlyList<VersionedEvent> Events, MeetingState Before, MeetingState After);

    private sealed class Outbox
    {
        public List<Commit> Waiting { get; } = [];
        public bool Sending { get; set; }
        public StateViews? Last { get; set; }
    }

    /// <summary>
    /// The public view of <paramref name="state"/>: the one last broadcast when it is of the same version (a version is
    /// one state), so that a stream of joins does not compute it again each time.
    /// </summary>
    public PublicView PublicViewOf(MeetingState state) =>
        _outboxes.TryGetValue(state.Id, out var outbox) && outbox.Last is { Public: { } view } last && last.State.Version == state.Version
            ? view
            : PublicView.Of(state);

    /// <summary>What participants and screens see of one state, computed once.</summary>
    private sealed record StateViews(MeetingState State, PublicView? Public, PersonalViews Personal)
    {
        public static StateViews Of(MeetingState state) => new(state, state.Exists ? PublicView.Of(state) : null, PersonalViews.Of(state));
    }

    /// <summary>Sends a commit: <paramref name="before"/> is the state it was decided on, <paramref name="after"/> the one committed.</summary>
    public Task PublishAsync(string meetingId, IReadOnlyList<VersionedEvent> events, MeetingState before, MeetingState after) =>
        PublishAsync(meetingId, events, StateViews.Of(before), StateViews.Of(after));

    private Task PublishAsync(string meetingId, IReadOnlyList<VersionedEvent> events, StateViews before, StateViews after)
    {
        var sends = new List<Task> { hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.Changed, events) };
        if (after.Public is { } view)
        {
            if (PublicViewDelta.Between(before.Public, view) is { } delta)
                sends.Add(hub.Clients.Group(PublicGroup(meetingId)).SendAsync(HubContract.ViewChanged, delta));
            foreach (var (participantId, personal) in PersonalChanges(before, after))
                sends.Add(hub.Clients.Group(ParticipantGroup(meetingId, participantId)).SendAsync(HubContract.PersonalChanged, personal));
        }
        return Task.WhenAll(sends);
    }

    /// <summary>The participants whose own view differs after the commit, with their new view.</summary>
    private static IEnumerable<(string ParticipantId, PersonalView View)> PersonalChanges(StateViews before, StateViews after) =>
        PersonalViews.Changed(before.Personal, after.Personal).Select(p => (p, after.Personal.For(p, after.State.Version)));

    public Task PublishCaptionAsync(string meetingId, CaptionLine line) =>
        hub.Clients.Group(PublicGroup(meetingId)).SendAsync(HubContract.Caption, line);

    public Task PublishTranscriberStatusAsync(string meetingId, TranscriberStatus status) =>
        hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.TranscriberStatusChanged, status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send meeting {MeetingId} up to version {Version} to its clients")]
    private partial void LogSendFailed(Exception exception, string meetingId, long version);
}
