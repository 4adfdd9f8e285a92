using System.Globalization;
using DocumentFormat.OpenXml;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The chairman's written report of one meeting's results to the level above (seed 003): to its HĐND's standing
/// committee, its UBND and chairman, and the HĐND deputies' group of the area, seven days before that HĐND's next regular
/// session: how the meeting went, the kiến nghị and how each kind was resolved, the survey, and what is proposed upward.
/// </summary>
public static class MeetingResultsReport
{
    public const string Symbol = "BC-UBND";

    public static byte[] Build(DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(followUp);
        return Package(Content(new DocumentFacts(context), context, followUp));
    }

    /// <summary>Who receives it: the level above's HĐND standing committee, UBND, chairman, and the deputies' group of the area.</summary>
    public static IReadOnlyList<string> Addressees(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var above = facts.SuperiorBody ?? "Ủy ban nhân dân cấp trên";
        var council = above.Replace("Ủy ban nhân dân", "Hội đồng nhân dân", StringComparison.OrdinalIgnoreCase);
        return [$"Thường trực {council}", above, $"Chủ tịch {above}", $"Tổ trưởng Tổ đại biểu {council} trên địa bàn {facts.Level} {facts.PlaceName}"];
    }

    private static IEnumerable<OpenXmlElement> Content(DocumentFacts facts, DocumentContext context, IReadOnlyList<FollowedPetition> followUp)
    {
        var state = context.State;
        yield return OfficialLayout.Header(facts, Symbol, context.Today);
        foreach (var e in OfficialLayout.Title("BÁO CÁO", $"Kết quả {facts.MeetingName}")) yield return e;
        yield return Para(new Layout(Align.Left, Left: 1134), new Span("Kính gửi:", Italic: true));
        foreach (var addressee in Addressees(context)) yield return Para(new Layout(Align.Left, Left: 2268), $"- {addressee};");

        yield return OfficialLayout.Heading("I. TÌNH HÌNH TỔ CHỨC HỘI NGHỊ");
        var attendance = AttendanceText.Summary(state) is { } present ? $" Tham dự có {present}." : "";
        yield return Para(Layout.Body,
            $"{char.ToUpperInvariant(VietnamTime.LongDate(facts.MeetingDay)[0])}{VietnamTime.LongDate(facts.MeetingDay)[1..]}, tại {facts.Info.Venue}, {facts.IssuingBody} tổ chức {facts.MeetingName} (hình thức {facts.FormName}) do đồng chí {facts.Chair} chủ trì.{attendance}");

        yield return OfficialLayout.Heading("II. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT KIẾN NGHỊ");
        var petitions = state.Petitions;
        int Resolved(PetitionResolution resolution) => petitions.Count(p => p.Resolution == resolution);
        yield return Para(Layout.Body, $"Hội nghị tiếp nhận {petitions.Count} ý kiến, kiến nghị của Nhân dân, trong đó: trả lời trực tiếp tại hội nghị {Resolved(PetitionResolution.AnsweredOnSpot)}; "
            + $"giao bộ phận chuyên môn giải quyết có thời hạn {Resolved(PetitionResolution.Assigned)}; trả lời bằng văn bản {Resolved(PetitionResolution.WrittenAnswer)}; "
            + $"đề xuất cấp trên giải quyết {Resolved(PetitionResolution.Escalated)}; chưa kết luận {Resolved(PetitionResolution.Open)}.");
        var answeredLater = followUp.Count(f => f.Status == FollowUpStatus.Answered && f.Resolution != PetitionResolution.AnsweredOnSpot);
        var overdue = followUp.Count(f => f.IsOverdueOn(context.Today));
        yield return Para(Layout.Body, $"Đến ngày {VietnamTime.ShortDate(context.Today)}: đã giải quyết, trả lời sau hội nghị {answeredLater} kiến nghị; quá hạn chưa giải quyết {overdue} kiến nghị.");

        yield return OfficialLayout.Heading("III. MỨC ĐỘ HÀI LÒNG CỦA NHÂN DÂN");
        var results = state.Survey?.Results;
        yield return Para(Layout.Body, results is not { Count: > 0 }
            ? "Hội nghị không lấy phiếu ý kiến hài lòng."
            : SurveyText.CountAndAverage(results));

        yield return OfficialLayout.Heading("IV. KIẾN NGHỊ, ĐỀ XUẤT VỚI CẤP TRÊN");
        var escalated = petitions.Where(p => p.Resolution == PetitionResolution.Escalated).ToList();
        if (escalated.Count == 0)
            yield return Para(Layout.Body, "Không có kiến nghị vượt thẩm quyền cần đề xuất cấp trên.");
        foreach (var (petition, i) in escalated.Select((p, i) => (p, i + 1)))
            yield return Para(Layout.Body, $"{i}. {PetitionText.Citizen(petition)} kiến nghị: {PetitionText.Summary(petition)} {PetitionText.Resolution(petition, null)}");

        yield return Para(Layout.Body with { KeepNext = true, Before = 120 }, $"Trên đây là báo cáo kết quả {facts.MeetingName} của {facts.IssuingBody}./.");
        yield return OfficialLayout.RecipientsAndSignature(["Như trên", facts.FrontCommittee, .. facts.Recipients], facts.ChairTitle, facts.ChairName);
    }
}
