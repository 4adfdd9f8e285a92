using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveSession.Domain.Meetings;
using StackExchange.Redis;

namespace LiveSession.Hub.Store;

/// <summary>
/// Writes meetings' snapshots in the background, so that no command waits while a large state is serialized: a commit
/// that crosses a snapshot's version hands its state here and answers at once. Only the newest state per meeting is
/// kept waiting; a snapshot that cannot be written (Redis away) is simply skipped, as a load folds the events after
/// whichever snapshot it finds.
/// </summary>
public sealed partial class SnapshotWriter(MeetingStore store, ILogger<SnapshotWriter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, MeetingState> _due = new();
    private readonly Channel<string> _meetings = Channel.CreateUnbounded<string>(new() { SingleReader = true });

    public void Due(MeetingState state)
    {
        var newest = _due.AddOrUpdate(state.Id, state, (_, waiting) => waiting.Version >= state.Version ? waiting : state);
        if (ReferenceEquals(newest, state)) _meetings.Writer.TryWrite(state.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var meetingId in _meetings.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_due.TryRemove(meetingId, out var state)) continue;
            try
            {
                await store.WriteSnapshotAsync(state);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSkipped(ex, meetingId, state.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the snapshot of meeting {MeetingId} at version {Version}; a load folds the events after an older one")]
    private partial void LogSkipped(Exception exception, string meetingId, long version);
}
