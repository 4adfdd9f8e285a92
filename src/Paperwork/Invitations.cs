using DocumentFormat.OpenXml;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// What goes out before the meeting (seed 004, section 3): the giấy mời to every invitee of the invitation list, one page
/// each in one file (mail merge), and the public announcement (thông báo công khai) for the commune radio and the portal,
/// at least 7 working days before the meeting unless it is đột xuất.
/// </summary>
public static class Invitations
{
    public const string LetterSymbol = "GM-UBND";
    public const string AnnouncementSymbol = "TB-UBND";

    /// <summary>One invitee of the list: whom the letter is addressed to, and what it asks of them.</summary>
    public sealed record Invitee(string AddressedTo, string Request);

    /// <summary>
    /// Every invitee, in the order of the invitation list: the chair's officials (the chair excepted: it invites), then
    /// the head of each thôn / tổ dân phố and each organisation, asked to send their quota of people.
    /// </summary>
    public static IReadOnlyList<Invitee> Invitees(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var state = context.State;
        var invitees = new List<Invitee>();
        if (facts.Info.SecretaryName.Length > 0)
            invitees.Add(new($"Ông/bà {facts.SecretaryName}, {facts.Info.SecretaryTitle ?? "Văn phòng HĐND-UBND"}", "Tham dự và làm thư ký hội nghị."));
        invitees.AddRange(state.Officials.Select(o => new Invitee($"Ông/bà {o.Name}, {o.Title}",
            o.Field is null ? "Tham dự, trả lời và giải trình các ý kiến, kiến nghị của Nhân dân." : $"Tham dự, trả lời và giải trình các ý kiến, kiến nghị thuộc lĩnh vực {o.Field}.")));
        foreach (var quota in state.Composition?.Lines(state.Localities) ?? [])
            invitees.Add(quota.Kind == QuotaKind.Locality
                ? new($"Trưởng thôn, tổ trưởng tổ dân phố {quota.Group}", $"Thông báo và mời {quota.Count} đại biểu Nhân dân {quota.Group} tham dự.")
                : new($"Lãnh đạo {quota.Group}", $"Cử {quota.Count} đại biểu tham dự."));
        return invitees;
    }

    /// <summary>The giấy mời of every invitee, one page each, dated <see cref="DocumentContext.Today"/>.</summary>
    public static byte[] Letters(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var invitees = Invitees(context);
        return Package(invitees.SelectMany((invitee, i) => Letter(facts, invitee, context.Today, first: i == 0)));
    }

    private static IEnumerable<OpenXmlElement> Letter(DocumentFacts facts, Invitee invitee, DateOnly day, bool first)
    {
        if (!first) yield return PageBreak();
        yield return OfficialLayout.Header(facts, LetterSymbol, day);
        foreach (var e in OfficialLayout.Title("GIẤY MỜI", $"Tham dự {facts.MeetingName}")) yield return e;
        yield return Para(Layout.Body, $"{facts.IssuingBody} trân trọng kính mời:");
        yield return Para(Layout.Centered with { After = 120 }, new Span(invitee.AddressedTo, Bold: true));
        yield return Para(Layout.Body, $"Tới dự {facts.MeetingName}, do đồng chí {facts.Chair} chủ trì.");
        foreach (var line in Particulars(facts)) yield return Para(Layout.Body, line);
        yield return Para(Layout.Body, new Span("Đề nghị: ", Italic: true), invitee.Request);
        yield return Para(Layout.Body with { KeepNext = true }, "Rất mong được đón tiếp đúng thời gian./.");
        yield return OfficialLayout.RecipientsAndSignature(["Như trên"], facts.ChairTitle, facts.ChairName);
    }

    /// <summary>When, where, in what form and about what the meeting is: what the letters and the announcement both say.</summary>
    private static IEnumerable<string> Particulars(DocumentFacts facts)
    {
        yield return $"Thời gian: {VietnamTime.Moment(facts.Info.ScheduledStart)}.";
        yield return $"Địa điểm: {facts.Info.Venue}.";
        yield return $"Hình thức: {facts.FormName}.";
        yield return "Nội dung: đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân về những vấn đề Nhân dân quan tâm, kiến nghị.";
    }

    /// <summary>
    /// The day the announcement is dated: the plan's notice date, else the latest day it may go out (7 working days before
    /// the meeting; any day for a meeting đột xuất).
    /// </summary>
    public static DateOnly AnnouncementDay(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = context.State.Info!;
        return info.NoticeDate ?? (info.Kind == MeetingKind.AdHoc ? context.Today : PublicNotice.LatestDate(info.Day, context.Holidays));
    }

    /// <summary>The announcement as read on the commune radio and posted on the portal: one paragraph per line.</summary>
    public static string AnnouncementText(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        var cutoff = PreMeetingPetitions.Cutoff(context.State);
        return string.Join('\n', [
            $"{facts.IssuingBody} thông báo tổ chức {facts.MeetingName}.",
            .. Particulars(facts),
            $"Thành phần: lãnh đạo Đảng ủy, HĐND, UBND, Ủy ban MTTQ {facts.Level}; các bộ phận chuyên môn; đại biểu Nhân dân các thôn, tổ dân phố và các cơ quan, đoàn thể.",
            $"Nhân dân có ý kiến, kiến nghị gửi trước qua trưởng thôn, tổ trưởng tổ dân phố, Ủy ban MTTQ, các đoàn thể hoặc trực tiếp tại bộ phận một cửa của {facts.IssuingBody} đến hết ngày {VietnamTime.ShortDate(cutoff)}; "
            + "tại hội nghị, Nhân dân tham dự trực tiếp hoặc trực tuyến qua đường liên kết, mã QR được công bố.",
        ]);
    }

    /// <summary>The thông báo công khai as a DOCX: the same text, in the NĐ 30 layout, dated <see cref="AnnouncementDay"/>.</summary>
    public static byte[] Announcement(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        return Package([
            OfficialLayout.Header(facts, AnnouncementSymbol, AnnouncementDay(context)),
            .. OfficialLayout.Title("THÔNG BÁO", $"Về việc tổ chức {facts.MeetingName}"),
            .. OfficialLayout.BodyText(AnnouncementText(context)),
            Para(Layout.Body with { KeepNext = true }, $"{facts.IssuingBody} thông báo để Nhân dân biết, tham gia./."),
            OfficialLayout.RecipientsAndSignature(["Đài truyền thanh " + facts.Level, "Cổng thông tin điện tử " + facts.Level, "Các thôn, tổ dân phố", facts.FrontCommittee, .. facts.Recipients],
                facts.ChairTitle, facts.ChairName),
        ]);
    }
}
