using DocumentFormat.OpenXml;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The công văn (Mẫu 1.5, Nghị định 30/2020/NĐ-CP) the follow-up of a meeting's kiến nghị needs (seed 004, section 5): a
/// unit's written answer to a citizen, and the commune's proposal to the level above for what is beyond its authority.
/// </summary>
public static class FollowUpLetters
{
    /// <summary>
    /// The responsible unit's written answer to the citizen who raised <paramref name="item"/>, sent to the chair and the
    /// MTTQ as well; it cites the conclusion notice of <paramref name="noticeIssuedOn"/> when the office recorded its day.
    /// </summary>
    public static byte[] WrittenAnswer(DocumentContext context, FollowedPetition item, DateOnly? noticeIssuedOn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        var facts = new DocumentFacts(context);
        var unit = item.ResponsibleUnit ?? PetitionText.NoUnit;
        var issuer = new Issuer(unit, facts.IssuingBody, facts.PlaceName, $"Thủ trưởng {unit}", DocumentFacts.Blank);
        var citizen = Addressed(item);
        var notice = noticeIssuedOn is { } day
            ? $"Thông báo số {DocumentFacts.Blank}/{ConclusionNotice.Symbol} ngày {VietnamTime.ShortDate(day)} của {facts.ChairTitleInFull}"
            : $"Thông báo kết luận của {facts.ChairTitleInFull}";
        return Package(Letter(
            issuer, "…", context.Today, $"V/v trả lời kiến nghị của {citizen}",
            [facts.ChairTitleInFull, citizen, $"Ban Thường trực {facts.FrontCommittee}"],
            [
                Para(Layout.Body, $"Thực hiện {notice} về kết luận tại {facts.MeetingName} ngày {VietnamTime.ShortDate(facts.MeetingDay)}, {unit} trả lời kiến nghị của {citizen} như sau:"),
                Para(Layout.Body, new Span("Nội dung kiến nghị: ", Bold: true), Sentence(item.Summary)),
                .. OfficialLayout.LedText([new Span("Trả lời: ", Bold: true)], item.Answer, "(đơn vị ghi nội dung trả lời)"),
                Para(Layout.Body with { KeepNext = true }, $"{unit} trả lời để {citizen} được biết; đồng thời báo cáo {facts.ChairTitleInFull} và gửi {facts.FrontCommittee} để giám sát theo quy định./."),
            ],
            ["Như trên"], ["THỦ TRƯỞNG ĐƠN VỊ"], DocumentFacts.Blank));
    }

    /// <summary>
    /// The commune's proposal (văn bản đề xuất) to the level <paramref name="item"/> was passed up to, asking it to settle
    /// the matter within its authority and answer, so the commune can tell the citizen.
    /// </summary>
    public static byte[] Proposal(DocumentContext context, FollowedPetition item)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        var facts = new DocumentFacts(context);
        var higher = item.ResponsibleUnit ?? facts.SuperiorBody ?? "cấp có thẩm quyền";
        var citizen = Addressed(item);
        return Package(Letter(
            facts, "UBND-VP", context.Today, "V/v đề xuất giải quyết kiến nghị của công dân",
            [higher],
            [
                Para(Layout.Body, $"Tại {facts.MeetingName} ngày {VietnamTime.ShortDate(facts.MeetingDay)}, {citizen} kiến nghị: {Sentence(item.Summary)}"),
                .. item.Answer is { } given ? [Para(Layout.Body, new Span("Ý kiến tại hội nghị: ", Italic: true), Sentence(given))] : Array.Empty<OpenXmlElement>(),
                Para(Layout.Body, $"Nội dung kiến nghị trên vượt quá thẩm quyền giải quyết của {facts.IssuingBody}. {facts.IssuingBody} kính đề nghị {higher} xem xét, giải quyết theo thẩm quyền và có văn bản trả lời để {facts.IssuingBody} thông báo cho công dân được biết."),
                Para(Layout.Body with { KeepNext = true }, $"Kính đề nghị {higher} quan tâm, xem xét./."),
            ],
            ["Thường trực HĐND " + facts.Level, facts.FrontCommittee, citizen], ConclusionNotice.Capacity(facts.ChairTitle), facts.ChairName));
    }

    /// <summary>"ông/bà Nguyễn Văn An (Thôn Đông)": how a letter names the citizen it answers.</summary>
    private static string Addressed(FollowedPetition item) =>
        $"ông/bà {item.CitizenName}{(item.Locality is { Length: > 0 } locality ? $" ({locality})" : "")}";

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";

    /// <summary>A công văn: header with its number and trích yếu, "Kính gửi", the body, then nơi nhận beside the signature.</summary>
    private static IEnumerable<OpenXmlElement> Letter(
        IIssuer issuer, string symbol, DateOnly day, string subject, IReadOnlyList<string> to, IEnumerable<OpenXmlElement> body,
        IEnumerable<string> copies, IEnumerable<string> capacity, string signer)
    {
        yield return OfficialLayout.Header(issuer, symbol, day, subject);
        yield return Para(new Layout(Before: 360));
        if (to.Count == 1)
            yield return Para(Layout.Centered with { After = 120 }, new Span("Kính gửi: ", Italic: true), new Span(to[0]));
        else
        {
            yield return Para(new Layout(Align.Left, Left: 1134), new Span("Kính gửi:", Italic: true));
            foreach (var recipient in to)
                yield return Para(new Layout(Align.Left, Left: 2268), $"- {recipient};");
            yield return Para(new Layout(After: 120));
        }
        foreach (var e in body) yield return e;
        yield return OfficialLayout.SideBySide(
            OfficialLayout.Recipients(copies),
            OfficialLayout.Signature(capacity, signer, before: OfficialLayout.RecipientsGap),
            leftWidth: 4536);
    }
}
