using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>
/// Reads the kiến nghị collected before a meeting, as the dossier's projection keeps them. They are written only by the
/// dossier's commands through <see cref="FollowUps"/> (entered or imported, answered by the unit, taken into the meeting).
/// </summary>
public sealed class PreMeetingRecords(IDbContextFactory<RecordsDbContext> contexts)
{
    /// <summary>A meeting's pre-collected kiến nghị, by field then in the order entered (as the summary report lists them).</summary>
    public async Task<IReadOnlyList<PreMeetingItem>> ForMeetingAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PreMeetingPetitions.AsNoTracking().Where(p => p.MeetingId == meetingId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.Number.Length).ThenBy(p => p.Number, StringComparer.Ordinal).Select(p => p.ToItem())];
    }

    /// <summary>The pre-meeting items a unit prepares answers for, those still without an answer first.</summary>
    public async Task<IReadOnlyList<(string MeetingId, PreMeetingItem Item)>> ForUnitAsync(FollowUpLinkGrant unit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PreMeetingPetitions.AsNoTracking().Where(p => p.PreparingUnit == unit.Unit && p.OfficeId == unit.Office).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.PreparedAnswer != null).ThenBy(p => p.MeetingId).ThenBy(p => p.Number.Length).ThenBy(p => p.Number, StringComparer.Ordinal)
            .Select(p => (p.MeetingId, p.ToItem()))];
    }

    /// <summary>Every unit given pre-meeting items of an office's meetings to prepare (the office hands each its link).</summary>
    public async Task<IReadOnlyList<string>> UnitsAsync(string? office, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PreMeetingPetitions.AsNoTracking().Where(p => p.OfficeId == office).Select(p => p.PreparingUnit).Distinct().ToListAsync(cancellationToken);
    }
}
