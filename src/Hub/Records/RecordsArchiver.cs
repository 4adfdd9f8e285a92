using System.Threading.Channels;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Store;
using LiveSession.Records;

namespace LiveSession.Hub.Records;

/// <summary>
/// Copies closed meetings from Redis into the durable records: when a meeting closes, and again when
/// its minutes are finished afterwards; then opens (or refreshes) the follow-up of its kiến nghị in their dossier, acting
/// for the office. Runs in the background, retrying while the records store is unreachable; Redis keeps the meeting
/// meanwhile, so nothing is lost by waiting.
/// </summary>
public sealed partial class RecordsArchiver(MeetingStore store, Audit.AuditTrail audit, MeetingRecords records, FollowUps followUps, ILogger<RecordsArchiver> logger)
    : BackgroundService
{
    private readonly Channel<string> _closed = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the records schema is up to date: what else reads the records at start waits for it.</summary>
    public Task Migrated => _migrated.Task;

    /// <summary>Called after every commit; only closed meetings are archived.</summary>
    public void Committed(MeetingState state)
    {
        if (state.Status == MeetingStatus.Closed) _closed.Writer.TryWrite(state.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RetryAsync(() => MigrateAsync(stoppingToken), "migrate the records schema", stoppingToken);
        _migrated.TrySetResult();
        await foreach (var meetingId in _closed.Reader.ReadAllAsync(stoppingToken))
            await RetryAsync(() => ArchiveAsync(meetingId, stoppingToken), $"archive meeting {meetingId}", stoppingToken);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (await records.MigrateAsync(cancellationToken)) LogAdopted(RecordsMigrations.Baseline);
    }

    private async Task ArchiveAsync(string meetingId, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(meetingId) is not { Exists: true } state) return;
        var events = await store.AllEventsAsync(meetingId);
        await records.ArchiveAsync(state, events, await audit.KeptAsync(meetingId), cancellationToken);
        // Both are decided from the meeting's state and safe to repeat: the items it took in, then its kiến nghị to follow.
        foreach (var command in new FollowUpCommand[] { new TakeIntoMeeting(), new OpenFollowUp() })
            if (await followUps.RunAsync(meetingId, command, Archiver(state.Office), cancellationToken) is { } refused)
                LogFollowUpRefused(meetingId, command.GetType().Name, refused.Code);
        LogArchived(meetingId, events.Count);
    }

    /// <summary>Who opens the follow-up at the archive: the host, for the meeting's office.</summary>
    public static FollowUpActor Archiver(string? office) => new(Domain.Access.Holder.Office, Person: "Lưu trữ tự động", OfficeId: office);

    private async Task RetryAsync(Func<Task> work, string what, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex, what, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, attempt * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived meeting {MeetingId} with {EventCount} events into the records")]
    private partial void LogArchived(string meetingId, int eventCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: the follow-up's {Command} was refused at the archive ({Code})")]
    private partial void LogFollowUpRefused(string meetingId, string command, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Records store made before migrations taken as at {Migration}; later migrations applied")]
    private partial void LogAdopted(string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (attempt {Attempt}); retrying")]
    private partial void LogFailed(Exception exception, string what, int attempt);
}
