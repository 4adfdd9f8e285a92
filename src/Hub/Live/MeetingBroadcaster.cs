using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.SignalR;

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
            outbox.Waiting.Add((events, before, after));
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
            (IReadOnlyList<VersionedEvent> Events, MeetingState Before, MeetingState After)[] batch;
            lock (outbox)
            {
                if (outbox.Waiting.Count == 0) { outbox.Sending = false; return; }
                batch = [.. outbox.Waiting];
                outbox.Waiting.Clear();
            }
            var sends = new List<Task>(batch.Length);
            try
            {
                foreach (var (events, before, after) in batch) sends.Add(PublishAsync(meetingId, events, before, after));
                await Task.WhenAll(sends);
            }
            catch (Exception ex)
            {
                LogSendFailed(ex, meetingId, batch[^1].After.Version);
            }
        }
    }

    private sealed class Outbox
    {
        public List<(IReadOnlyList<VersionedEvent> Events, MeetingState Before, MeetingState After)> Waiting { get; } = [];
        public bool Sending { get; set; }
    }

    /// <summary>Sends a commit: <paramref name="before"/> is the state it was decided on, <paramref name="after"/> the one committed.</summary>
    public Task PublishAsync(string meetingId, IReadOnlyList<VersionedEvent> events, MeetingState before, MeetingState after)
    {
        var sends = new List<Task> { hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.Changed, events) };
        if (after.Exists)
        {
            if (PublicViewDelta.Between(before.Exists ? PublicView.Of(before) : null, PublicView.Of(after)) is { } delta)
                sends.Add(hub.Clients.Group(PublicGroup(meetingId)).SendAsync(HubContract.ViewChanged, delta));
            foreach (var (participantId, view) in PersonalChanges(before, after))
                sends.Add(hub.Clients.Group(ParticipantGroup(meetingId, participantId)).SendAsync(HubContract.PersonalChanged, view));
        }
        return Task.WhenAll(sends);
    }

    /// <summary>The participants whose own view differs after the commit, with their new view.</summary>
    public static IEnumerable<(string ParticipantId, PersonalView View)> PersonalChanges(MeetingState before, MeetingState after)
    {
        var was = PersonalViews.Of(before);
        var now = PersonalViews.Of(after);
        foreach (var participantId in now.Participants.Union(was.Participants))
        {
            var view = now.For(participantId, after.Version);
            if (!view.SameAs(was.For(participantId, before.Version))) yield return (participantId, view);
        }
    }

    public Task PublishCaptionAsync(string meetingId, CaptionLine line) =>
        hub.Clients.Group(PublicGroup(meetingId)).SendAsync(HubContract.Caption, line);

    public Task PublishTranscriberStatusAsync(string meetingId, TranscriberStatus status) =>
        hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.TranscriberStatusChanged, status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send meeting {MeetingId} up to version {Version} to its clients")]
    private partial void LogSendFailed(Exception exception, string meetingId, long version);
}
