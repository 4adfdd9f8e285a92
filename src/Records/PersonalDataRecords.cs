using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>An archived meeting as the retention job sees it: when it was archived and when its follow-up ended.</summary>
/// <param name="FollowUpClosedAt">When the last of its kiến nghị was closed; the archive when it had none; null while one is followed.</param>
public sealed record RetentionCandidate(string MeetingId, DateTimeOffset ArchivedAt, DateTimeOffset? FollowUpClosedAt);

/// <summary>What a change for a person did in one store.</summary>
public sealed record StoreChange(string Store, string? MeetingId, int Changed, int Kept);

/// <summary>
/// The records database's side of the personal data: the meetings the retention job looks at, the phone numbers it
/// erases, and a person's entries found, corrected or de-identified. A meeting's state is rewritten only where its signed
/// documents stay the same (<see cref="PersonalRewrite.State"/>).
/// </summary>
public sealed class PersonalDataRecords(IDbContextFactory<RecordsDbContext> contexts)
{
    public async Task<IReadOnlyList<RetentionCandidate>> ArchivedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Select(m => new { m.Id, m.ArchivedAt }).ToListAsync(cancellationToken);
        var petitions = (await db.Petitions.AsNoTracking().Select(p => new { p.MeetingId, p.ClosedAt }).ToListAsync(cancellationToken))
            .ToLookup(p => p.MeetingId, StringComparer.Ordinal);
        return [.. meetings.Select(m => new RetentionCandidate(m.Id, m.ArchivedAt,
            !petitions[m.Id].Any() ? m.ArchivedAt
            : petitions[m.Id].Any(p => p.ClosedAt is null) ? null
            : petitions[m.Id].Max(p => p.ClosedAt)))];
    }

    /// <summary>Erases every phone number of an archived meeting (state and events); how many numbers there were.</summary>
    public async Task<int> ErasePhonesAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null) return 0;
        var state = PersonalRewrite.ErasePhones(meeting.StateJson);
        meeting.StateJson = state.Json;
        foreach (var e in await db.Events.Where(e => e.MeetingId == meetingId).ToListAsync(cancellationToken))
            e.Json = PersonalRewrite.ErasePhones(e.Json).Json;
        await db.SaveChangesAsync(cancellationToken);
        return state.Changed;
    }

    /// <summary>The person's entries in an office's archived meetings, the kiến nghị it follows up and those collected before its meetings.</summary>
    public async Task<IReadOnlyList<PersonFinding>> FindAsync(
        string? office, PersonQuery person, Func<string, string> signedDocuments, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var findings = new List<PersonFinding>();
        var meetings = db.Meetings.AsNoTracking().Where(m => m.OfficeId == office);
        var titles = await meetings.ToDictionaryAsync(m => m.Id, m => m.Title, StringComparer.Ordinal, cancellationToken);
        foreach (var json in await meetings.Select(m => m.StateJson).ToListAsync(cancellationToken))
            findings.AddRange(PersonalRewrite.Find(json, "records", person, signedDocuments));
        foreach (var p in await db.Petitions.AsNoTracking().Where(p => p.OfficeId == office).ToListAsync(cancellationToken))
            if (person.MatchesName(p.CitizenName))
                findings.Add(new PersonFinding(p.MeetingId, titles.GetValueOrDefault(p.MeetingId, p.MeetingId), "follow-up", "Kiến nghị đang theo dõi", p.PetitionId,
                    p.CitizenName, p.Locality, null, $"{p.Summary} — {p.Status}{(p.Answer is { } a ? $": {a}" : "")}", false, []));
        foreach (var p in await db.PreMeetingPetitions.AsNoTracking().Where(p => p.OfficeId == office).ToListAsync(cancellationToken))
            if (person.MatchesName(p.CitizenName))
                findings.Add(new PersonFinding(p.MeetingId, titles.GetValueOrDefault(p.MeetingId, p.MeetingId), "pre-meeting", "Kiến nghị thu thập trước hội nghị", p.Number,
                    p.CitizenName, p.Locality, null, p.Summary, false, []));
        return findings;
    }

    /// <summary>
    /// Changes the person's entries in every archived meeting (state guarded by its signed documents, events: phone always,
    /// name and locality only where the state kept none) and in the follow-up (kiến nghị rows and the dossier's events),
    /// all of one office's meetings.
    /// </summary>
    public async Task<IReadOnlyList<StoreChange>> ChangeAsync(
        string? office, PersonQuery person, PersonChange change, Func<string, string> signedDocuments, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = new List<StoreChange>();
        foreach (var meeting in await db.Meetings.Where(m => m.OfficeId == office).ToListAsync(cancellationToken))
        {
            var state = PersonalRewrite.State(meeting.StateJson, person, change, signedDocuments);
            var events = 0;
            foreach (var e in await db.Events.Where(e => e.MeetingId == meeting.Id).ToListAsync(cancellationToken))
            {
                var changed = PersonalRewrite.History(e.Json, person, change, identity: state.Kept == 0);
                e.Json = changed.Json;
                events += changed.Changed;
            }
            meeting.StateJson = state.Json;
            if (state.Changed + state.Kept + events > 0) outcome.Add(new StoreChange("records", meeting.Id, state.Changed + events, state.Kept));
        }

        var rows = 0;
        foreach (var p in await db.Petitions.Where(p => p.CitizenName != "" && p.OfficeId == office).ToListAsync(cancellationToken))
            if (person.MatchesName(p.CitizenName))
            {
                p.CitizenName = change.Erase ? PersonChange.ErasedName : change.Name ?? p.CitizenName;
                p.Locality = change.Erase ? null : change.Locality ?? p.Locality;
                rows++;
            }
        foreach (var p in await db.PreMeetingPetitions.Where(p => p.OfficeId == office).ToListAsync(cancellationToken))
            if (person.MatchesName(p.CitizenName))
            {
                p.CitizenName = change.Erase ? PersonChange.ErasedName : change.Name ?? p.CitizenName;
                p.Locality = change.Erase ? null : change.Locality ?? p.Locality;
                rows++;
            }
        // A dossier's events belong to the office of its meeting, which its projections name.
        var dossiers = db.Petitions.Where(p => p.OfficeId == office).Select(p => p.MeetingId)
            .Union(db.PreMeetingPetitions.Where(p => p.OfficeId == office).Select(p => p.MeetingId));
        foreach (var e in await db.FollowUpEvents.Where(e => dossiers.Contains(e.MeetingId)).ToListAsync(cancellationToken))
        {
            var changed = PersonalRewrite.History(e.Json, person, change, identity: true);
            e.Json = changed.Json;
            rows += changed.Changed;
        }
        if (rows > 0) outcome.Add(new StoreChange("follow-up", null, rows, 0));
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
