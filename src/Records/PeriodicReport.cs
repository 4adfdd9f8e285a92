using LiveSession.Domain.FollowUp;
using System.Globalization;
using System.Text;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>The 6-month or yearly figures across meetings, as the report to HĐND and the level above needs them.</summary>
public sealed record PeriodicReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, int> MeetingsByKind,
    IReadOnlyDictionary<string, int> PetitionsByField,
    int AnsweredOnTheSpot,
    int AnsweredLater,
    int Escalated,
    int Overdue,
    int StillOpen,
    int SurveyAnswers,
    double? AverageSatisfaction,
    int IndirectReceived = 0,
    int IndirectAnswered = 0)
{
    public int Meetings => MeetingsByKind.Values.Sum();
    public int Petitions => PetitionsByField.Values.Sum();

    /// <summary>UTF-8 CSV (with BOM, so that spreadsheet programs read the Vietnamese right): one "section,item,value" line per figure.</summary>
    public byte[] ToCsv()
    {
        var csv = new StringBuilder("Mục,Nội dung,Số lượng\n");
        void Line(string section, string item, string value) => csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Quote(section)},{Quote(item)},{value}\n");
        Line("Kỳ báo cáo", $"{From:dd/MM/yyyy} – {To:dd/MM/yyyy}", "");
        foreach (var (kind, count) in MeetingsByKind) Line("Hội nghị theo loại", kind, count.ToString(CultureInfo.InvariantCulture));
        foreach (var (field, count) in PetitionsByField) Line("Kiến nghị theo lĩnh vực", field, count.ToString(CultureInfo.InvariantCulture));
        Line("Kết quả giải quyết", "Trả lời tại hội nghị", AnsweredOnTheSpot.ToString(CultureInfo.InvariantCulture));
        Line("Kết quả giải quyết", "Trả lời sau hội nghị", AnsweredLater.ToString(CultureInfo.InvariantCulture));
        Line("Kết quả giải quyết", "Chuyển cấp trên", Escalated.ToString(CultureInfo.InvariantCulture));
        Line("Kết quả giải quyết", "Quá hạn", Overdue.ToString(CultureInfo.InvariantCulture));
        Line("Kết quả giải quyết", "Đang giải quyết, còn hạn", StillOpen.ToString(CultureInfo.InvariantCulture));
        Line("Mức độ hài lòng", "Số phiếu", SurveyAnswers.ToString(CultureInfo.InvariantCulture));
        Line("Mức độ hài lòng", "Điểm trung bình (1–5)", AverageSatisfaction?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
        Line("Đối thoại gián tiếp", "Kiến nghị tiếp nhận ngoài hội nghị", IndirectReceived.ToString(CultureInfo.InvariantCulture));
        Line("Đối thoại gián tiếp", "Đã trả lời bằng văn bản", IndirectAnswered.ToString(CultureInfo.InvariantCulture));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Quote(string value) => CsvCell.Of(value);
}

public static class PeriodicReports
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Figures over the meetings that closed between <paramref name="from"/> and <paramref name="to"/> (Vietnam dates, inclusive).</summary>
    /// <summary>The report of one office's meetings closed between the two days (Vietnam), both included.</summary>
    public static async Task<PeriodicReport> BuildAsync(
        IDbContextFactory<RecordsDbContext> contexts, string? office, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Vietnam).ToUniversalTime();
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Vietnam).ToUniversalTime();
        // Filtered in memory: SQLite cannot compare DateTimeOffset columns in SQL.
        var meetings = (await db.Meetings.AsNoTracking().Where(m => m.OfficeId == office).Include(m => m.Petitions).ToListAsync(cancellationToken))
            .Where(m => m.ClosedAt >= start && m.ClosedAt < end).ToList();
        var petitions = meetings.SelectMany(m => m.Petitions).ToList();
        // Đối thoại gián tiếp: the office's register, counted by the day each kiến nghị came in.
        var register = IndirectRegister.IdOf(office);
        var indirect = await db.Petitions.AsNoTracking()
            .Where(p => p.MeetingId == register && p.ReceivedOn >= from && p.ReceivedOn <= to).ToListAsync(cancellationToken);
        var answers = meetings
            .Select(m => DomainJson.Deserialize<MeetingState>(m.StateJson)?.Survey?.Answers.Values ?? [])
            .SelectMany(a => a).ToList();

        return new PeriodicReport(
            from, to,
            meetings.GroupBy(m => KindName(m.Kind)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            petitions.GroupBy(p => p.Field ?? "Khác").OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            AnsweredOnTheSpot: petitions.Count(p => p.Resolution == PetitionResolution.AnsweredOnSpot),
            AnsweredLater: petitions.Count(p => p.Resolution != PetitionResolution.AnsweredOnSpot && p.Status == FollowUpStatus.Answered),
            Escalated: petitions.Count(p => p.Status == FollowUpStatus.Escalated),
            Overdue: petitions.Count(p => p.IsOverdueOn(to)),
            StillOpen: petitions.Count(p => p.Status is FollowUpStatus.New or FollowUpStatus.InProgress && !p.IsOverdueOn(to)),
            SurveyAnswers: answers.Count,
            AverageSatisfaction: answers.Count == 0 ? null : Math.Round(answers.Average(a => a.Satisfaction), 2),
            IndirectReceived: indirect.Count,
            IndirectAnswered: indirect.Count(p => p.Status == FollowUpStatus.Answered));
    }

    private static string KindName(string kind) => Enum.TryParse<MeetingKind>(kind, out var k) ? k switch
    {
        MeetingKind.Periodic => "Định kỳ",
        MeetingKind.Thematic => "Chuyên đề",
        MeetingKind.AdHoc => "Đột xuất",
        _ => kind,
    } : kind;
}
