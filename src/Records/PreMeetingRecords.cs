using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveSession.Records;

/// <summary>
/// Kiến nghị collected before a meeting: entered or imported by the office (the domain's rules decide,
/// cut-off included), answered by the unit assigned through its unit link, then taken into the meeting.
/// </summary>
public sealed partial class PreMeetingRecords(IDbContextFactory<RecordsDbContext> contexts, TimeProvider clock, ILogger<PreMeetingRecords> logger)
{
    /// <summary>Stores a checked batch, all or nothing; the refusal (line-numbered for a file) changes nothing.</summary>
    public async Task<DomainError?> AddAsync(MeetingState state, IReadOnlyList<PreMeetingPetition> entries, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (PreMeetingPetitions.Check(state, entries, today, out var accepted) is { } error) return error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var numbers = await db.PreMeetingPetitions.Where(p => p.MeetingId == state.Id).Select(p => p.Number).ToListAsync(cancellationToken);
        var next = numbers.Select(n => int.TryParse(n.AsSpan(2), out var i) ? i : 0).DefaultIfEmpty(0).Max();
        var now = clock.GetUtcNow();
        foreach (var entry in accepted)
            db.PreMeetingPetitions.Add(new PreMeetingPetitionRecord
            {
                MeetingId = state.Id,
                Number = $"tn{++next}",
                CitizenName = entry.CitizenName,
                Locality = entry.Locality,
                Summary = entry.Summary,
                Field = entry.Field,
                Source = entry.Source,
                Collector = entry.Collector,
                ReceivedOn = entry.ReceivedOn,
                PreparingUnit = entry.PreparingUnit,
                EnteredAt = now,
            });
        await db.SaveChangesAsync(cancellationToken);
        LogAdded(state.Id, accepted.Count, next);
        return null;
    }

    /// <summary>A meeting's pre-collected kiến nghị, by field then in the order entered (as the summary report lists them).</summary>
    public async Task<IReadOnlyList<PreMeetingPetitionRecord>> ForMeetingAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PreMeetingPetitions.AsNoTracking().Where(p => p.MeetingId == meetingId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.Number.Length).ThenBy(p => p.Number, StringComparer.Ordinal)];
    }

    /// <summary>The pre-meeting items a unit prepares answers for, those still without an answer first.</summary>
    public async Task<IReadOnlyList<PreMeetingPetitionRecord>> ForUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PreMeetingPetitions.AsNoTracking().Where(p => p.PreparingUnit == unit).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.PreparedAnswer != null).ThenBy(p => p.MeetingId).ThenBy(p => p.Number.Length).ThenBy(p => p.Number, StringComparer.Ordinal)];
    }

    /// <summary>Every unit given pre-meeting items to prepare (the office hands each its link).</summary>
    public async Task<IReadOnlyList<string>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PreMeetingPetitions.AsNoTracking().Select(p => p.PreparingUnit).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The unit enters (or corrects) the answer it prepared. Only the assigned unit may, and only until the
    /// item has been taken into the meeting (then the minutes hold the answer).
    /// </summary>
    public async Task<DomainError?> PrepareAnswerAsync(string meetingId, string number, string unit, string? answer, CancellationToken cancellationToken = default)
    {
        if (Text.RequiredMultiline(answer, "Nội dung trả lời", PetitionRules.AnswerMax, out var text) is { } invalid) return invalid;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var petition = await db.PreMeetingPetitions.SingleOrDefaultAsync(p => p.MeetingId == meetingId && p.Number == number, cancellationToken);
        if (petition is null) return DomainError.NotFound("kiến nghị", number);
        if (petition.PreparingUnit != unit) return DomainError.Invalid("Kiến nghị này không giao cho đơn vị của bạn.");
        if (petition.TakenIntoMeetingAt is not null) return DomainError.State("Kiến nghị đã được đưa vào hội nghị; nội dung trả lời không sửa ở đây nữa.");
        petition.PreparedAnswer = text;
        petition.AnsweredBy = unit;
        petition.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogAnswered(meetingId, number, unit);
        return null;
    }

    /// <summary>Notes that the meeting took these items in (their answers are then the meeting's).</summary>
    public async Task MarkTakenAsync(string meetingId, IReadOnlyCollection<string> numbers, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PreMeetingPetitions.Where(p => p.MeetingId == meetingId && numbers.Contains(p.Number)).ToListAsync(cancellationToken);
        foreach (var row in rows) row.TakenIntoMeetingAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogTaken(meetingId, rows.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: {Count} pre-meeting kiến nghị entered, numbered up to {LastNumber}")]
    private partial void LogAdded(string meetingId, int count, int lastNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: unit {Unit} prepared the answer to {Number}")]
    private partial void LogAnswered(string meetingId, string number, string unit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: {Count} pre-meeting kiến nghị taken into the meeting")]
    private partial void LogTaken(string meetingId, int count);
}
