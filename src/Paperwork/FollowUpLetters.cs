using DocumentFormat.OpenXml;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The công văn (Mẫu 1.5, Nghị định 30/2020/NĐ-CP) the follow-up of kiến nghị needs (seed 004, section 5; seed 000 for
/// those received outside any meeting): a unit's written answer to a citizen, and the commune's proposal to the level
/// above for what is beyond its authority. Each letter exists once; only its opening says where the kiến nghị came from:
/// a meeting (its conclusion notice), or a letter, an e-mail, the MTTQ… on a given day (đối thoại gián tiếp).
/// </summary>
public static class FollowUpLetters
{
    /// <summary>
    /// The responsible unit's written answer to the citizen who raised <paramref name="item"/> at the meeting, sent to the
    /// chair and the MTTQ as well; it cites the conclusion notice of <paramref name="noticeIssuedOn"/> when the office recorded its day.
    /// </summary>
    public static byte[] WrittenAnswer(DocumentContext context, FollowedPetition item, DateOnly? noticeIssuedOn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        var facts = new DocumentFacts(context);
        var notice = noticeIssuedOn is { } day
            ? $"Thông báo số {DocumentFacts.Blank}/{ConclusionNotice.Symbol} ngày {VietnamTime.ShortDate(day)} của {facts.ChairTitleInFull}"
            : $"Thông báo kết luận của {facts.ChairTitleInFull}";
        return Answer(Issuer.Of(facts), item, context.Today,
            unit => $"Thực hiện {notice} về kết luận tại {facts.MeetingName} ngày {VietnamTime.ShortDate(facts.MeetingDay)}, {unit} trả lời kiến nghị của {Addressed(item)} như sau:");
    }

    /// <summary>
    /// The unit's written answer to a kiến nghị received outside any meeting (đối thoại gián tiếp, seed 000: "trả lời bằng
    /// văn bản"): instead of a meeting it cites how and when the commune received it (<see cref="FollowedPetition.Source"/>,
    /// <see cref="FollowedPetition.ReceivedOn"/>). <paramref name="commune"/> names the commune, its chair and its MTTQ
    /// (<see cref="Issuer.From"/> the office's latest meeting).
    /// </summary>
    public static byte[] WrittenAnswer(Issuer commune, FollowedPetition item, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(commune);
        var received = Received(commune, item);
        return Answer(commune, item, today,
            unit => $"{received}. {commune.IssuingBody} đã giao {unit} xem xét, giải quyết. {unit} trả lời như sau:");
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
        return Propose(Issuer.Of(facts), item, item.ResponsibleUnit ?? facts.SuperiorBody, context.Today,
            $"Tại {facts.MeetingName} ngày {VietnamTime.ShortDate(facts.MeetingDay)}, {Addressed(item)} kiến nghị: {Sentence(item.Summary)}", "Ý kiến tại hội nghị: ");
    }

    /// <summary>
    /// The proposal to the level above for a kiến nghị received outside any meeting, citing how and when it came in. Its
    /// unit is the commune's own (who passed it up), so the letter goes to the level above the commune.
    /// </summary>
    public static byte[] Proposal(Issuer commune, FollowedPetition item, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(commune);
        return Propose(commune, item, commune.SuperiorBody, today, $"{Received(commune, item)}, nội dung: {Sentence(item.Summary)}", "Ý kiến của đơn vị giải quyết: ");
    }

    /// <summary>
    /// How and when the commune received an indirect kiến nghị: "Ngày 05/03/2025, Ủy ban nhân dân xã An Hưng nhận được thư
    /// điện tử của ông/bà …", "… nhận được kiến nghị của ông/bà … do Ủy ban MTTQ Việt Nam xã An Hưng chuyển đến".
    /// </summary>
    private static string Received(Issuer commune, FollowedPetition item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ReceivedOn is not { } day)
            throw new ArgumentException($"Kiến nghị {item.PetitionId} was raised at a meeting: its letters cite the meeting.", nameof(item));
        var citizen = Addressed(item);
        var what = item.Source switch
        {
            PetitionSource.Direct => $"đơn, thư của {citizen} gửi trực tiếp",
            PetitionSource.Email => $"thư điện tử của {citizen}",
            PetitionSource.FatherlandFront => $"kiến nghị của {citizen} do {commune.FrontCommittee} chuyển đến",
            PetitionSource.MassOrganisation => $"kiến nghị của {citizen} do đoàn thể chuyển đến",
            PetitionSource.VillageHead => $"kiến nghị của {citizen} do trưởng thôn, tổ trưởng tổ dân phố chuyển đến",
            _ => $"kiến nghị của {citizen}",
        };
        return $"Ngày {VietnamTime.ShortDate(day)}, {commune.IssuingBody} nhận được {what}";
    }

    /// <summary>
    /// A unit's written answer, whatever brought the kiến nghị to it: the <paramref name="opening"/> (given the unit) says
    /// where it came from; the trích yếu, recipients, content, answer, closing and signature are the same for all.
    /// </summary>
    private static byte[] Answer(Issuer commune, FollowedPetition item, DateOnly day, Func<string, string> opening)
    {
        ArgumentNullException.ThrowIfNull(item);
        var unit = item.ResponsibleUnit ?? PetitionText.NoUnit;
        var issuer = new Issuer(unit, commune.IssuingBody, commune.PlaceName, $"Thủ trưởng {unit}", DocumentFacts.Blank);
        var citizen = Addressed(item);
        return Package(Letter(
            issuer, "…", day, $"V/v trả lời kiến nghị của {citizen}",
            [commune.SignerTitleInFull, citizen, $"Ban Thường trực {commune.FrontCommittee}"],
            [
                Para(Layout.Body, opening(unit)),
                Para(Layout.Body, new Span("Nội dung kiến nghị: ", Bold: true), Sentence(item.Summary)),
                .. OfficialLayout.LedText([new Span("Trả lời: ", Bold: true)], item.Answer, "(đơn vị ghi nội dung trả lời)"),
                Para(Layout.Body with { KeepNext = true }, $"{unit} trả lời để {citizen} được biết; đồng thời báo cáo {commune.SignerTitleInFull} và gửi {commune.FrontCommittee} để giám sát theo quy định./."),
            ],
            ["Như trên"], ["THỦ TRƯỞNG ĐƠN VỊ"], DocumentFacts.Blank));
    }

    /// <summary>
    /// The commune's proposal to <paramref name="higherLevel"/> (else "cấp có thẩm quyền", for the clerk), whatever brought the
    /// kiến nghị: <paramref name="opening"/> says where it came from.
    /// </summary>
    private static byte[] Propose(Issuer commune, FollowedPetition item, string? higherLevel, DateOnly day, string opening, string givenLead)
    {
        ArgumentNullException.ThrowIfNull(item);
        var higher = higherLevel ?? "cấp có thẩm quyền";
        var body = commune.IssuingBody;
        return Package(Letter(
            commune, "UBND-VP", day, "V/v đề xuất giải quyết kiến nghị của công dân",
            [higher],
            [
                Para(Layout.Body, opening),
                .. item.Answer is { } given ? [Para(Layout.Body, new Span(givenLead, Italic: true), Sentence(given))] : Array.Empty<OpenXmlElement>(),
                Para(Layout.Body, $"Nội dung kiến nghị trên vượt quá thẩm quyền giải quyết của {body}. {body} kính đề nghị {higher} xem xét, giải quyết theo thẩm quyền và có văn bản trả lời để {body} thông báo cho công dân được biết."),
                Para(Layout.Body with { KeepNext = true }, $"Kính đề nghị {higher} quan tâm, xem xét./."),
            ],
            ["Thường trực HĐND " + commune.Level, commune.FrontCommittee, Addressed(item)], ConclusionNotice.Capacity(commune.SignerTitle), commune.SignerName));
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
