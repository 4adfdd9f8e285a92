using LiveSession.Domain.FollowUp;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// What the office posts on the notice board and the portal after a meeting, in one file: the conclusion
/// notice, then the list of every kiến nghị with its answer and where it stands (danh sách công khai).
/// The follow-up report of a meeting is the same list under its own title.
/// </summary>
public static class PublicationList
{
    public const string FollowUpSymbol = "BC-UBND";

    /// <summary>One row of the list: who, what, the answer or conclusion, and the status today.</summary>
    public sealed record Line(string Citizen, string Summary, string Answer, string Status);

    /// <summary>
    /// Every kiến nghị of the meeting: its follow-up record when the meeting is archived (the unit's written
    /// answer, the status, overdue), else what the meeting concluded.
    /// </summary>
    public static IReadOnlyList<Line> Lines(DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        return [.. context.State.Petitions.Select(petition =>
        {
            var record = followUp.FirstOrDefault(r => r.PetitionId == petition.Id);
            var answer = record?.Answer ?? petition.Answer ?? petition.PreparedAnswer;
            var conclusion = PetitionText.Resolution(petition, facts.WrittenAnswerDueDate);
            var status = record is null
                ? PetitionRules.ResolutionName(petition.Resolution)
                : FollowUpStatusNames.Vietnamese(record.Status) + (record.IsOverdueOn(context.Today) ? " (quá hạn)" : "");
            return new Line(PetitionText.Citizen(petition), PetitionText.Summary(petition),
                answer is null ? conclusion : $"{answer}\n{conclusion}", char.ToUpperInvariant(status[0]) + status[1..]);
        })];
    }

    /// <summary>
    /// The announcement read on the commune radio and posted with the list: the meeting, how many kiến nghị and how they
    /// stand, and where to read the details. It names no one: names are for the notice and the list on the board.
    /// </summary>
    public static string Announcement(DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var statuses = context.State.Petitions
            .Select(p => followUp.FirstOrDefault(r => r.PetitionId == p.Id)?.Status ?? OpenFollowUp.InitialStatus(p.Resolution)).ToList();
        var onTheSpot = context.State.Petitions.Count(p => p.Resolution == PetitionResolution.AnsweredOnSpot);
        int Count(FollowUpStatus status) => statuses.Count(s => s == status);
        return string.Join('\n',
            $"{facts.IssuingBody} thông báo kết quả giải quyết kiến nghị của Nhân dân tại {facts.MeetingName} ngày {VietnamTime.ShortDate(facts.MeetingDay)}.",
            $"Hội nghị đã tiếp nhận {statuses.Count} kiến nghị: {onTheSpot} kiến nghị được trả lời ngay tại hội nghị; "
            + $"{Count(FollowUpStatus.Answered) - onTheSpot} kiến nghị đã được giải quyết, trả lời bằng văn bản sau hội nghị; "
            + $"{Count(FollowUpStatus.New) + Count(FollowUpStatus.InProgress)} kiến nghị đang được giải quyết; "
            + $"{Count(FollowUpStatus.Escalated)} kiến nghị đã đề xuất cấp trên giải quyết.",
            $"Thông báo kết luận và danh sách kiến nghị cùng kết quả giải quyết được niêm yết tại trụ sở {facts.IssuingBody} và đăng trên cổng thông tin điện tử. "
            + $"Đề nghị Nhân dân theo dõi; {facts.FrontCommittee} giám sát việc thực hiện.");
    }

    /// <summary>The notice followed, on a new page, by the list.</summary>
    public static byte[] Build(DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        return Package([
            .. ConclusionNotice.Content(facts),
            PageBreak(),
            .. OfficialLayout.Title("DANH SÁCH CÔNG KHAI", $"Kiến nghị của Nhân dân và kết quả trả lời, giải quyết tại {facts.MeetingName}"),
            Para(Layout.Body, $"(Kèm theo Thông báo kết luận; tình trạng đến ngày {VietnamTime.ShortDate(context.Today)})"),
            Table(Lines(context, followUp)),
        ]);
    }

    /// <summary>The follow-up report of one meeting: each kiến nghị and where it stands, with the totals by status.</summary>
    public static byte[] BuildFollowUpReport(DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var lines = Lines(context, followUp);
        var totals = string.Join("; ", lines.GroupBy(l => l.Status).Select(g => $"{g.Key.ToLowerInvariant()}: {g.Count()}"));
        return Package([
            OfficialLayout.Header(facts, FollowUpSymbol, context.Today),
            .. OfficialLayout.Title("BÁO CÁO", $"Kết quả giải quyết kiến nghị sau {facts.MeetingName}"),
            Para(Layout.Body, lines.Count == 0
                ? "Hội nghị không có kiến nghị nào."
                : $"Đến ngày {VietnamTime.ShortDate(context.Today)}, {lines.Count} kiến nghị tại hội nghị có kết quả như sau ({totals}):"),
            Table(lines),
            Para(Layout.Body with { KeepNext = true, Before = 120 }, $"Trên đây là báo cáo kết quả giải quyết kiến nghị của {facts.IssuingBody}./."),
            OfficialLayout.RecipientsAndSignature([facts.FrontCommittee, .. facts.Recipients], facts.ChairTitle, facts.ChairName),
        ]);
    }

    private static Table Table(IReadOnlyList<Line> lines) =>
        Ruled([600, 1900, 2700, 2854, 1300], ["STT", "Người kiến nghị", "Nội dung kiến nghị", "Trả lời, kết luận", "Tình trạng"],
            lines.Select((l, i) => (IReadOnlyList<string>)[$"{i + 1}", l.Citizen, l.Summary, l.Answer, l.Status]), size: 12);
}
