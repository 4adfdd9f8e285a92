using System.Globalization;
using LiveSession.Paperwork;
using LiveSession.Records;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Privacy;

/// <summary>What one retention run removed, by kind.</summary>
public sealed record RetentionRun(int Meetings, int Recordings, int Photos, int PhoneNumbers, int LiveCopies)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"meetings={Meetings} recordings={Recordings} photos={Photos} phoneNumbers={PhoneNumbers} liveCopies={LiveCopies}");
}

/// <summary>
/// Enforces "Privacy:Retention" every <see cref="RetentionOptions.RunEvery"/>: for each archived meeting past a period it
/// deletes the turn recordings and the photos on disk, erases the phone numbers from the records database (state and events)
/// and from its Redis copy, and deletes that copy. The signed documents are made from the archived state, which keeps
/// every name and text they show: nothing here changes them. Each run is logged and kept in the office's audit with its counts.
/// </summary>
public sealed partial class RetentionJob(
    PersonalDataRecords records, PersonalFiles files, LiveCopies live, Audit.AuditTrail audit, Records.RecordsArchiver archiver,
    IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    public const string AuditName = "Retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A fresh install's first run would find no tables yet.
        await archiver.Migrated.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
            await Task.Delay(options.Value.Retention.RunEvery, clock, stoppingToken);
        }
    }

    /// <summary>One run as of <paramref name="now"/>; safe to repeat (what is gone counts no more).</summary>
    public async Task<RetentionRun> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var retention = options.Value.Retention;
        int meetings = 0, recordings = 0, photos = 0, phones = 0, copies = 0;
        foreach (var meeting in await records.ArchivedAsync(cancellationToken))
        {
            var before = recordings + photos + phones + copies;
            if (meeting.ArchivedAt + retention.TurnRecordings <= now) recordings += files.DeleteRecordings(meeting.MeetingId);
            if (meeting.ArchivedAt + retention.Photos <= now) photos += files.DeletePhotos(meeting.MeetingId);
            if (meeting.FollowUpClosedAt is { } closed && closed + retention.PhoneNumbers <= now)
            {
                phones += await records.ErasePhonesAsync(meeting.MeetingId, cancellationToken);
                await live.RewriteAsync(meeting.MeetingId, snapshot =>
                    (PersonalRewrite.ErasePhones(snapshot).Json, e => PersonalRewrite.ErasePhones(e).Json));
            }
            if (meeting.ArchivedAt + retention.LiveCopy <= now && await live.ExistsAsync(meeting.MeetingId))
            {
                await live.DeleteAsync(meeting.MeetingId);
                copies++;
            }
            if (recordings + photos + phones + copies > before) meetings++;
        }
        var run = new RetentionRun(meetings, recordings, photos, phones, copies);
        LogRun(meetings, recordings, photos, phones, copies);
        await audit.OfficeAsync(AuditName, run.ToString());
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention run: {Meetings} meetings, {Recordings} recordings and {Photos} photos deleted, {PhoneNumbers} phone numbers erased, {LiveCopies} live copies deleted")]
    private partial void LogRun(int meetings, int recordings, int photos, int phoneNumbers, int liveCopies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed; trying again at the next run")]
    private partial void LogFailed(Exception exception);
}
