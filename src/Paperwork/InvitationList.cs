using DocumentFormat.OpenXml;
using LiveSession.Domain.Meetings;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The danh sách khách mời the office prints with the plan: the officials who lead and answer, then the
/// citizens invited by quota per thôn / tổ dân phố and per organisation (the plan's composition).
/// </summary>
public static class InvitationList
{
    public static byte[] Build(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Package(Content(new DocumentFacts(context), context.Today));
    }

    /// <summary>The officials: the chair, the secretary, then each official invited to answer.</summary>
    private static IReadOnlyList<(string Name, string Title, string Role)> Officials(DocumentFacts facts)
    {
        var (state, info) = (facts.State, facts.Info);
        var list = new List<(string, string, string)> { (facts.ChairName, facts.ChairTitleInFull, "Chủ trì hội nghị") };
        if (info.SecretaryName.Length > 0) list.Add((facts.SecretaryName, info.SecretaryTitle ?? "Văn phòng HĐND-UBND", "Thư ký hội nghị"));
        list.AddRange(state.Officials.Select(o => (o.Name, o.Title, o.Field is null ? "Trả lời, giải trình" : $"Trả lời lĩnh vực {o.Field}")));
        return list;
    }

    private static IEnumerable<OpenXmlElement> Content(DocumentFacts facts, DateOnly today)
    {
        var state = facts.State;
        yield return OfficialLayout.Header(facts, null, today);
        foreach (var e in OfficialLayout.Title("DANH SÁCH KHÁCH MỜI", $"Tham dự {facts.MeetingName}")) yield return e;
        yield return Para(Layout.Body, $"Thời gian: {VietnamTime.Moment(facts.Info.ScheduledStart)}. Địa điểm: {facts.Info.Venue}. Hình thức: {facts.FormName}.");

        var officials = Officials(facts);
        yield return OfficialLayout.Heading("I. CHỦ TRÌ, CÁN BỘ TRẢ LỜI VÀ GIÚP VIỆC");
        yield return Ruled([700, 2900, 3200, 2554], ["STT", "Họ và tên", "Chức vụ", "Nhiệm vụ"],
            officials.Select((o, i) => (IReadOnlyList<string>)[$"{i + 1}", o.Name.Length > 0 ? o.Name : DocumentFacts.Blank, o.Title, o.Role]));

        var lines = state.Composition?.Lines(state.Localities) ?? [];
        var localities = lines.Where(q => q.Kind == QuotaKind.Locality).ToList();
        var organisations = lines.Where(q => q.Kind == QuotaKind.Organisation).ToList();
        yield return OfficialLayout.Heading("II. NHÂN DÂN CÁC THÔN, TỔ DÂN PHỐ");
        if (localities.Count == 0)
            yield return Para(Layout.Body, new Span("Chưa xác định thành phần theo thôn, tổ dân phố.", Italic: true));
        else
            yield return QuotaTable("Thôn, tổ dân phố", localities, "Trưởng thôn, tổ trưởng lập danh sách");

        yield return OfficialLayout.Heading("III. CÁC CƠ QUAN, ĐOÀN THỂ");
        if (organisations.Count == 0)
            yield return Para(Layout.Body, new Span("Không mời riêng cơ quan, đoàn thể.", Italic: true));
        else
            yield return QuotaTable("Cơ quan, đoàn thể", organisations, "Đơn vị cử người tham dự");

        var citizens = lines.Sum(q => q.Count);
        yield return Para(Layout.Body with { Before = 120 }, new Span(
            $"Tổng số khách mời: {officials.Count + citizens} người ({officials.Count} cán bộ; {citizens} đại biểu Nhân dân và cơ quan, đoàn thể).", Bold: true));
        yield return OfficialLayout.RecipientsAndSignature(["Như danh sách", .. facts.Recipients], facts.ChairTitle, facts.ChairName);
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table QuotaTable(string groupHeader, IReadOnlyList<Quota> quotas, string note) =>
        Ruled([700, 4600, 1600, 2454], ["STT", groupHeader, "Số người", "Ghi chú"],
            [
                .. quotas.Select((q, i) => (IReadOnlyList<string>)[$"{i + 1}", q.Group, $"{q.Count}", note]),
                ["", "Cộng", $"{quotas.Sum(q => q.Count)}", ""],
            ]);
}
