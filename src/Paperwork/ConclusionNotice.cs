using DocumentFormat.OpenXml;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>The thông báo kết luận (Mẫu 1.4, Nghị định 30/2020/NĐ-CP) of a meeting as a DOCX file.</summary>
public static class ConclusionNotice
{
    public const string Symbol = "TB-UBND";

    /// <summary>5 working days after the meeting day (weekends and holidays skipped).</summary>
    public static DateOnly DueDate(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DocumentFacts(context).NoticeDueDate;
    }

    /// <summary>
    /// The notice, dated <see cref="DocumentContext.Today"/> (the day it is drafted, never before the meeting);
    /// written answers are due 5 working days after that date. The number is left blank for the clerk.
    /// </summary>
    public static byte[] Build(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Package(Content(new DocumentFacts(context)));
    }

    /// <summary>The sections of the notice, one per resolution, in the order a reader follows them up.</summary>
    private static readonly (PetitionResolution Resolution, string Heading)[] Sections =
    [
        (PetitionResolution.AnsweredOnSpot, "CÁC KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ"),
        (PetitionResolution.Assigned, "CÁC KIẾN NGHỊ GIAO ĐƠN VỊ GIẢI QUYẾT"),
        (PetitionResolution.WrittenAnswer, "CÁC KIẾN NGHỊ TRẢ LỜI BẰNG VĂN BẢN"),
        (PetitionResolution.Escalated, "CÁC KIẾN NGHỊ ĐỀ XUẤT CẤP TRÊN GIẢI QUYẾT"),
        (PetitionResolution.Open, "CÁC KIẾN NGHỊ CHƯA CÓ KẾT LUẬN"),
    ];

    /// <summary>The notice's body, also printed first in the publication list.</summary>
    internal static IEnumerable<OpenXmlElement> Content(DocumentFacts facts)
    {
        var state = facts.State;
        yield return OfficialLayout.Header(facts, Symbol, facts.NoticeDay);
        foreach (var e in OfficialLayout.Title("THÔNG BÁO", $"Kết luận của {facts.ChairTitleInFull} tại {facts.MeetingName}"))
            yield return e;

        var date = VietnamTime.LongDate(facts.MeetingDay);
        var attendance = AttendanceText.Summary(state) is { } present ? $" Tham dự hội nghị có {present}." : "";
        yield return Para(Layout.Body,
            $"{char.ToUpperInvariant(date[0])}{date[1..]}, tại {facts.Info.Venue}, đồng chí {facts.ChairName}, {facts.ChairTitleInFull} đã chủ trì {facts.MeetingName} (hình thức {facts.FormName}).{attendance}");
        yield return Para(Layout.Body,
            $"Sau khi nghe ý kiến, kiến nghị của Nhân dân và ý kiến trả lời, giải trình của các bộ phận chuyên môn, {facts.ChairTitleInFull} kết luận như sau:");

        var section = 0;
        if (state.Petitions.IsEmpty)
            yield return Para(Layout.Body, "Hội nghị không có kiến nghị nào cần kết luận.");
        foreach (var (resolution, heading) in Sections)
        {
            var petitions = state.Petitions.Where(p => p.Resolution == resolution).ToList();
            if (petitions.Count == 0) continue;
            yield return OfficialLayout.Heading($"{OfficialLayout.Roman(++section)}. {heading}");
            foreach (var (petition, i) in petitions.Select((p, i) => (p, i + 1)))
            {
                yield return Para(Layout.Body, new Span($"{i}. {PetitionText.Citizen(petition)}", Bold: true), " kiến nghị: ", PetitionText.Summary(petition));
                if (PetitionText.Answer(petition) is var (label, answer))
                    yield return Para(Layout.Body, new Span(label, Italic: true), answer);
                if (resolution != PetitionResolution.AnsweredOnSpot)
                    yield return Para(Layout.Body, new Span("Kết luận: ", Italic: true), PetitionText.Resolution(petition, facts.WrittenAnswerDueDate));
            }
        }

        yield return OfficialLayout.Heading($"{OfficialLayout.Roman(section + 1)}. TỔ CHỨC THỰC HIỆN");
        yield return Para(Layout.Body,
            $"1. Các cơ quan, đơn vị được giao nhiệm vụ chủ động triển khai thực hiện, báo cáo kết quả về {facts.IssuingBody} để theo dõi, tổng hợp.");
        yield return Para(Layout.Body,
            $"2. Đề nghị {facts.FrontCommittee} giám sát việc thực hiện các nội dung kết luận tại hội nghị.");
        yield return Para(Layout.Body with { KeepNext = true }, $"{facts.IssuingBody} thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.");

        yield return OfficialLayout.RecipientsAndSignature(Recipients(facts), facts.ChairTitle, facts.ChairName);
    }

    /// <summary>The recipients set for the meeting, the Mặt trận (added when missing), then every unit given a kiến nghị.</summary>
    private static IEnumerable<string> Recipients(DocumentFacts facts)
    {
        var recipients = facts.Recipients.ToList();
        if (!recipients.Any(r => r.Contains("MTTQ", StringComparison.OrdinalIgnoreCase) || r.Contains("Mặt trận", StringComparison.OrdinalIgnoreCase)))
            recipients.Add(facts.FrontCommittee);
        recipients.AddRange(facts.State.Petitions.Select(p => p.ResponsibleUnit).OfType<string>());
        return recipients;
    }

    /// <summary>
    /// The signing capacity (thể thức ký, NĐ 30): the chairman signs for the committee (TM.), a vice-chairman
    /// for the chairman (KT.), anyone else by the chairman's order (TL.).
    /// </summary>
    internal static IReadOnlyList<string> Capacity(string chairTitle)
    {
        if (chairTitle.StartsWith("Chủ tịch", StringComparison.OrdinalIgnoreCase)) return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
        if (chairTitle.StartsWith("Phó Chủ tịch", StringComparison.OrdinalIgnoreCase)) return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"];
        return ["TL. CHỦ TỊCH", DocumentFacts.Upper(chairTitle)];
    }
}
