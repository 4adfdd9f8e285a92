using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>An archived meeting as the office's list shows it.</summary>
public sealed record ArchivedMeeting(string Id, string Title, DateTimeOffset ScheduledStart, DateTimeOffset? ClosedAt);

/// <summary>Archives closed meetings (final state, every event) and reads them and their followed kiến nghị back.</summary>
public sealed class MeetingRecords(IDbContextFactory<RecordsDbContext> contexts, TimeProvider clock)
{
    /// <summary>Creates or upgrades the schema (see <see cref="RecordsMigrations"/>); true when a store made before migrations was adopted.</summary>
    public async Task<bool> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RecordsMigrations.MigrateAsync(db, cancellationToken);
    }

    /// <summary>
    /// Stores the meeting as it ended. Safe to repeat: the record is refreshed, events already there are
    /// kept, the missing ones added. Its kiến nghị are followed up by the dossier (<see cref="FollowUps"/>, command
    /// <c>OpenFollowUp</c>), not written here.
    /// </summary>
    public async Task ArchiveAsync(
        MeetingState state, IReadOnlyList<VersionedEvent> events, IReadOnlyList<AuditEntry>? refusals = null, CancellationToken cancellationToken = default)
    {
        if (state.Info is not { } info) throw new ArgumentException("The meeting was never created.", nameof(state));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == state.Id, cancellationToken);
        if (meeting is null)
        {
            meeting = new MeetingRecord { Id = state.Id, Title = "", Kind = "", Form = "", Venue = "", StateJson = "" };
            db.Meetings.Add(meeting);
        }
        meeting.Title = info.Title;
        meeting.OfficeId = state.Office;
        meeting.Kind = info.Kind.ToString();
        meeting.Form = info.Form.ToString();
        meeting.Venue = info.Venue;
        meeting.ScheduledStart = info.ScheduledStart;
        // PostgreSQL's timestamptz takes UTC only; the domain's times are UTC from the server clock, but not by type.
        meeting.StartedAt = state.StartedAt?.ToUniversalTime();
        meeting.ClosedAt = state.ClosedAt?.ToUniversalTime();
        meeting.Version = state.Version;
        meeting.StateJson = DomainJson.Serialize(state);
        meeting.ArchivedAt = clock.GetUtcNow();
        if (refusals is not null) meeting.RefusalsJson = DomainJson.Serialize(refusals);

        var stored = await db.Events.Where(e => e.MeetingId == state.Id).Select(e => e.Version).ToHashSetAsync(cancellationToken);
        foreach (var e in events.Where(e => !stored.Contains(e.Version)))
            db.Events.Add(new EventRecord
            {
                MeetingId = state.Id,
                Version = e.Version,
                Type = DomainJson.EventName(e.Event),
                At = e.Event.At.ToUniversalTime(),
                Json = DomainJson.Serialize(e.Event),
            });

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<MeetingRecord?> FindAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meetings.AsNoTracking().Include(m => m.Petitions).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
    }

    /// <summary>Whether <paramref name="meetingId"/> is archived and belongs to <paramref name="office"/>.</summary>
    public async Task<bool> BelongsToAsync(string meetingId, OfficeGrant office, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meetings.AsNoTracking().AnyAsync(m => m.Id == meetingId && m.OfficeId == office.Id, cancellationToken);
    }

    /// <summary>The archived meetings of one office, the latest closed first (ordered in memory: SQLite cannot order DateTimeOffset columns).</summary>
    public Task<IReadOnlyList<ArchivedMeeting>> ArchivedAsync(OfficeGrant office, CancellationToken cancellationToken = default) =>
        ArchivedOfAsync(office.Id, cancellationToken);

    private async Task<IReadOnlyList<ArchivedMeeting>> ArchivedOfAsync(string? office, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.OfficeId == office).Select(m => new ArchivedMeeting(m.Id, m.Title, m.ScheduledStart, m.ClosedAt)).ToListAsync(cancellationToken);
        return [.. meetings.OrderByDescending(m => m.ClosedAt ?? m.ScheduledStart)];
    }

    /// <summary>
    /// The final state of <paramref name="office"/>'s latest archived meeting, whose paperwork details name the commune on
    /// documents that span meetings (the periodic report, the answers to kiến nghị received outside any meeting); null when
    /// the office has archived none.
    /// </summary>
    public async Task<MeetingState?> LatestStateAsync(string? office, CancellationToken cancellationToken = default)
    {
        var latest = await ArchivedOfAsync(office, cancellationToken);
        return latest.Count > 0 ? await StateAsync(latest[0].Id, cancellationToken) : null;
    }

    /// <summary>A meeting's kiến nghị under follow-up, as the documents read them (the dossier's projection), in the order of their ids.</summary>
    public async Task<IReadOnlyList<FollowedPetition>> FollowedAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Petitions.AsNoTracking().Include(p => p.History).Where(p => p.MeetingId == meetingId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.PetitionId.Length).ThenBy(p => p.PetitionId, StringComparer.Ordinal).Select(p => p.ToFollowed())];
    }

    /// <summary>A meeting's final state as archived; null when it is not in the records.</summary>
    public async Task<MeetingState?> StateAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.StateJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : DomainJson.Deserialize<MeetingState>(json);
    }

    /// <summary>What the audit kept beside the events, archived with the meeting: the refused commands and the accesses to personal data.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RefusalsAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.RefusalsJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? [] : DomainJson.Deserialize<List<AuditEntry>>(json) ?? [];
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
            .Where(p => (p.Status == FollowUpStatus.New || p.Status == FollowUpStatus.InProgress) && p.Deadline != null && p.Deadline < today)
            .OrderBy(p => p.Deadline).ToListAsync(cancellationToken);
    }

    /// <summary>Every kiến nghị of an office's meetings under follow-up, the most urgent first.</summary>
    public async Task<IReadOnlyList<PetitionRecord>> AllPetitionsAsync(string? office, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Petitions.AsNoTracking().Where(p => p.OfficeId == office).OrderBy(p => p.Deadline == null).ThenBy(p => p.Deadline).ThenBy(p => p.MeetingId).ThenBy(p => p.PetitionId)
            .ToListAsync(cancellationToken);
    }

    /// <summary>A unit's own kiến nghị across its office's meetings, with their history.</summary>
    public async Task<IReadOnlyList<PetitionRecord>> ForUnitAsync(FollowUpLinkGrant unit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Petitions.AsNoTracking().Include(p => p.History)
            .Where(p => p.ResponsibleUnit == unit.Unit && p.OfficeId == unit.Office).OrderBy(p => p.Deadline).ToListAsync(cancellationToken);
    }
}
