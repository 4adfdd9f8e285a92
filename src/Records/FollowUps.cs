using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveSession.Records;

/// <summary>The live meeting's state where the follow-up needs it (its plan, cut-off and kiến nghị): the live store, else the archive.</summary>
public interface IMeetingStates
{
    Task<MeetingState?> LoadAsync(string meetingId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one way to change a meeting's kiến nghị outside the live meeting: <see cref="RunAsync"/> decides a command on the
/// dossier (the fold of its stored events) and the live meeting's state, then stores the new events and updates the
/// projections (<see cref="PreMeetingPetitionRecord"/>, <see cref="PetitionRecord"/>, <see cref="FollowUpEntry"/>) in the
/// same SaveChanges. The events' key (meeting, version) is the version check: of two writers that decided on the same
/// version only the first is stored; the other decides again on the new dossier, so nothing is lost.
/// </summary>
public sealed partial class FollowUps(
    IDbContextFactory<RecordsDbContext> contexts, IMeetingStates meetings, TimeProvider clock, ILogger<FollowUps> logger, PublicHolidays? holidays = null)
{
    public const int MaxAttempts = 5;

    /// <summary>Runs a command for <paramref name="author"/>; null when it was accepted (or had nothing to change), else the refusal.</summary>
    public async Task<DomainError?> RunAsync(string meetingId, FollowUpCommand command, FollowUpActor author, CancellationToken cancellationToken = default)
    {
        var name = command.GetType().Name;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var (stored, baseline) = await LoadAsync(db, meetingId, cancellationToken);
            var dossier = FollowUpDecider.Fold(stored, baseline);
            // Read after the dossier: a meeting that moved meanwhile is seen, a dossier that moved meanwhile fails the key.
            var meeting = await meetings.LoadAsync(meetingId, cancellationToken);
            var decision = FollowUpDecider.Decide(dossier, command, new FollowUpContext(author, clock.GetUtcNow(), meeting)
            {
                Holidays = (holidays ?? PublicHolidays.None).Days,
            });
            if (decision.Error is { } error)
            {
                LogRefused(meetingId, name, author.Holder, error.Code);
                return error;
            }
            IReadOnlyList<FollowUpEvent> events = [.. baseline, .. decision.Events];
            if (events.Count == 0) return null;
            await StageAsync(db, stored, events, IndirectRegister.IsRegister(meetingId, out var register) ? register : meeting?.Office, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogCommitted(meetingId, name, author.Holder, stored.Version + events.Count);
                return null;
            }
            catch (DbUpdateException)
            {
                // Another writer stored this version first: decide again on its dossier. Any other failure is not ours to hide.
                if (!await StoredAsync(meetingId, stored.Version + 1, cancellationToken)) throw;
                LogConflict(meetingId, name, attempt);
            }
        }
        return new DomainError("stale_version", "Dữ liệu kiến nghị vừa được người khác thay đổi nhiều lần liên tiếp, hãy thử lại.");
    }

    /// <summary>A meeting's dossier as its events (and any records made before the dossier existed) say.</summary>
    public async Task<PetitionDossier> DossierAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (stored, baseline) = await LoadAsync(db, meetingId, cancellationToken);
        return FollowUpDecider.Fold(stored, baseline);
    }

    /// <summary>The stored events' fold, and for a meeting with kiến nghị rows but no events yet, the baseline taking them over.</summary>
    private static async Task<(PetitionDossier Stored, IReadOnlyList<FollowUpEvent> Baseline)> LoadAsync(RecordsDbContext db, string meetingId, CancellationToken cancellationToken)
    {
        var rows = await db.FollowUpEvents.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Version).ToListAsync(cancellationToken);
        var stored = FollowUpDecider.Fold(PetitionDossier.Empty(meetingId), rows.Select(r => DomainJson.Deserialize<FollowUpEvent>(r.Json)!));
        if (rows.Count > 0) return (stored, []);
        var preMeeting = await db.PreMeetingPetitions.AsNoTracking().Where(p => p.MeetingId == meetingId).ToListAsync(cancellationToken);
        var followed = await db.Petitions.AsNoTracking().Include(p => p.History).Where(p => p.MeetingId == meetingId).ToListAsync(cancellationToken);
        if (preMeeting.Count == 0 && followed.Count == 0) return (stored, []);
        return (stored, [new RecordsAdopted(
            [.. preMeeting.OrderBy(p => p.Number.Length).ThenBy(p => p.Number, StringComparer.Ordinal).Select(p => p.ToItem())],
            [.. followed.OrderBy(p => p.PetitionId.Length).ThenBy(p => p.PetitionId, StringComparer.Ordinal).Select(p => p.ToFollowed())])]);
    }

    /// <summary>Adds the events after <paramref name="before"/> and brings the projections to the dossier they make.</summary>
    private static async Task StageAsync(
        RecordsDbContext db, PetitionDossier before, IReadOnlyList<FollowUpEvent> events, string? office, CancellationToken cancellationToken)
    {
        var meetingId = before.MeetingId;
        var after = before;
        foreach (var e in events)
        {
            after = FollowUpDecider.Evolve(after, e);
            db.FollowUpEvents.Add(new FollowUpEventRecord
            {
                MeetingId = meetingId,
                Version = after.Version,
                Type = DomainJson.EventName(e),
                At = e.At.ToUniversalTime(),
                By = e.By is { } by ? Bounded($"{by.Holder}: {by.Label}", 200) : null,
                Json = DomainJson.Serialize(e),
            });
            if (History(e, after) is { } entry) db.FollowUps.Add(entry);
        }

        var preRows = await db.PreMeetingPetitions.Where(p => p.MeetingId == meetingId).ToDictionaryAsync(p => p.Number, cancellationToken);
        foreach (var item in after.PreMeeting.Where(i => before.FindPreMeeting(i.Number) != i))
        {
            if (!preRows.TryGetValue(item.Number, out var row))
                db.PreMeetingPetitions.Add(row = new PreMeetingPetitionRecord { MeetingId = meetingId, Number = item.Number, CitizenName = "", Summary = "", PreparingUnit = "" });
            row.OfficeId = office;
            Project(item, row);
        }
        if (IndirectRegister.IsRegister(meetingId, out _) && !await db.Meetings.IgnoreQueryFilters().AnyAsync(m => m.Id == meetingId, cancellationToken))
            db.Meetings.Add(new MeetingRecord
            {
                Id = meetingId, Title = IndirectRegister.Title, Kind = IndirectRegister.Kind, Form = "", Venue = "", StateJson = "{}", OfficeId = office,
                ArchivedAt = after.FollowUp.Count > 0 ? events[^1].At.ToUniversalTime() : DateTimeOffset.UnixEpoch,
            });
        var petitionRows = await db.Petitions.Where(p => p.MeetingId == meetingId).ToDictionaryAsync(p => p.PetitionId, cancellationToken);
        foreach (var item in after.FollowUp.Where(i => before.FindFollowed(i.PetitionId) != i))
        {
            if (!petitionRows.TryGetValue(item.PetitionId, out var row))
                db.Petitions.Add(row = new PetitionRecord { MeetingId = meetingId, PetitionId = item.PetitionId, Summary = "", CitizenName = "" });
            row.OfficeId = office;
            Project(item, row);
        }
    }

    private static void Project(PreMeetingItem item, PreMeetingPetitionRecord row)
    {
        row.CitizenName = item.CitizenName;
        row.Locality = item.Locality;
        row.Summary = item.Summary;
        row.Field = item.Field;
        row.Source = item.Source;
        row.Collector = item.Collector;
        row.ReceivedOn = item.ReceivedOn;
        row.PreparingUnit = item.PreparingUnit;
        row.EnteredAt = item.EnteredAt.ToUniversalTime();
        row.PreparedAnswer = item.PreparedAnswer;
        row.AnsweredBy = item.AnsweredBy;
        row.AnsweredAt = item.AnsweredAt?.ToUniversalTime();
        row.TakenIntoMeetingAt = item.TakenAt?.ToUniversalTime();
        row.TakenAs = item.TakenAs;
    }

    private static void Project(FollowedPetition item, PetitionRecord row)
    {
        row.Summary = item.Summary;
        row.Field = item.Field;
        row.CitizenName = item.CitizenName;
        row.Locality = item.Locality;
        row.Resolution = item.Resolution;
        row.ResponsibleUnit = item.ResponsibleUnit;
        row.Deadline = item.Deadline;
        row.Answer = item.Answer;
        row.Status = item.Status;
        row.PreMeetingNumber = item.PreMeetingNumber;
        row.ClosedAt = item.ClosedAt?.ToUniversalTime();
        row.AnswerDue = item.AnswerDue;
        row.ReceivedOn = item.ReceivedOn;
        row.HigherLevelAnswer = item.HigherLevelAnswer;
    }

    /// <summary>The line a step after the meeting adds to the item's history, as the pages show it.</summary>
    private static FollowUpEntry? History(FollowUpEvent e, PetitionDossier after)
    {
        var (petitionId, note) = e switch
        {
            ProgressRecorded p => (p.PetitionId, p.Note),
            PetitionReassigned r => (r.PetitionId, $"Giao lại cho {r.Unit}{(r.FromUnit is null ? "" : $" (trước đây: {r.FromUnit})")}. Lý do: {r.Reason}"),
            DeadlineChanged d => (d.PetitionId, $"Đổi thời hạn {(d.From is { } from ? $"từ {from:dd/MM/yyyy} " : "")}sang {d.Deadline:dd/MM/yyyy}. Lý do: {d.Reason}"),
            FollowUpClosed c => (c.PetitionId, "Kết thúc theo dõi." + (c.Note is null ? "" : $" {c.Note}")),
            HigherLevelAnswered h => (h.PetitionId, $"Cấp trên trả lời: {h.Answer}"),
            _ => (null, null),
        };
        if (petitionId is null || after.FindFollowed(petitionId) is not { } item) return null;
        return new FollowUpEntry
        {
            MeetingId = after.MeetingId,
            PetitionId = petitionId,
            Status = item.Status,
            Note = note,
            Actor = Bounded(e.By?.Label ?? "", 120),
            At = e.At.ToUniversalTime(),
        };
    }

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..max];

    private async Task<bool> StoredAsync(string meetingId, long version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FollowUpEvents.AnyAsync(e => e.MeetingId == meetingId && e.Version == version, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: follow-up {Command} by {Holder} stored, dossier at version {Version}")]
    private partial void LogCommitted(string meetingId, string command, Domain.Access.Holder holder, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: follow-up {Command} by {Holder} refused ({Code})")]
    private partial void LogRefused(string meetingId, string command, Domain.Access.Holder holder, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: follow-up {Command} lost the version race (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string meetingId, string command, int attempt);
}
