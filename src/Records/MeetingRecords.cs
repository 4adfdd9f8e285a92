using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>Archives closed meetings (final state, every event, their kiến nghị) and reads them back.</summary>
public sealed class MeetingRecords(IDbContextFactory<RecordsDbContext> contexts, TimeProvider clock)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the meeting as it ended. Safe to repeat: the record is refreshed, events already there are
    /// kept, the missing ones added; kiến nghị keep their follow-up status.
    /// </summary>
    public async Task ArchiveAsync(MeetingState state, IReadOnlyList<VersionedEvent> events, CancellationToken cancellationToken = default)
    {
        if (state.Info is not { } info) throw new ArgumentException("The meeting was never created.", nameof(state));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var meeting = await db.Meetings.Include(m => m.Petitions).SingleOrDefaultAsync(m => m.Id == state.Id, cancellationToken);
        if (meeting is null)
        {
            meeting = new MeetingRecord { Id = state.Id, Title = "", Kind = "", Form = "", Venue = "", StateJson = "" };
            db.Meetings.Add(meeting);
        }
        meeting.Title = info.Title;
        meeting.Kind = info.Kind.ToString();
        meeting.Form = info.Form.ToString();
        meeting.Venue = info.Venue;
        meeting.ScheduledStart = info.ScheduledStart;
        meeting.StartedAt = state.StartedAt;
        meeting.ClosedAt = state.ClosedAt;
        meeting.Version = state.Version;
        meeting.StateJson = DomainJson.Serialize(state);
        meeting.ArchivedAt = clock.GetUtcNow();

        var stored = await db.Events.Where(e => e.MeetingId == state.Id).Select(e => e.Version).ToHashSetAsync(cancellationToken);
        foreach (var e in events.Where(e => !stored.Contains(e.Version)))
            db.Events.Add(new EventRecord
            {
                MeetingId = state.Id,
                Version = e.Version,
                Type = DomainJson.EventTypes.Single(t => t.Value == e.Event.GetType()).Key,
                At = e.Event.At,
                Json = DomainJson.Serialize(e.Event),
            });

        foreach (var petition in state.Petitions)
        {
            var record = meeting.Petitions.SingleOrDefault(p => p.PetitionId == petition.Id);
            if (record is null)
            {
                record = new PetitionRecord { MeetingId = state.Id, PetitionId = petition.Id, Summary = "", CitizenName = "", Status = FollowUpStatus.New };
                meeting.Petitions.Add(record);
            }
            record.Summary = petition.Summary;
            record.Field = petition.Field;
            record.CitizenName = petition.CitizenName;
            record.Locality = petition.Locality;
            record.Resolution = petition.Resolution;
            record.ResponsibleUnit = petition.ResponsibleUnit;
            record.Deadline = petition.Deadline;
            record.Answer = petition.Answer ?? petition.PreparedAnswer;
            if (record.Status == FollowUpStatus.New) record.Status = InitialStatus(petition.Resolution);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static FollowUpStatus InitialStatus(PetitionResolution resolution) => resolution switch
    {
        PetitionResolution.AnsweredOnSpot => FollowUpStatus.Answered,
        PetitionResolution.Escalated => FollowUpStatus.Escalated,
        PetitionResolution.Assigned or PetitionResolution.WrittenAnswer => FollowUpStatus.InProgress,
        _ => FollowUpStatus.New,
    };

    public async Task<MeetingRecord?> FindAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meetings.AsNoTracking().Include(m => m.Petitions).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
    }

    /// <summary>The archived event log, replayable with the domain.</summary>
    public async Task<IReadOnlyList<VersionedEvent>> EventsAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Events.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Version).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new VersionedEvent(r.Version, DomainJson.Deserialize<MeetingEvent>(r.Json)!))];
    }

    /// <summary>Kiến nghị past their deadline and not yet answered, for the office's dashboard.</summary>
    public async Task<IReadOnlyList<PetitionRecord>> OverdueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Petitions.AsNoTracking()
            .Where(p => p.Status == FollowUpStatus.InProgress && p.Deadline != null && p.Deadline < today)
            .OrderBy(p => p.Deadline).ToListAsync(cancellationToken);
    }
}
