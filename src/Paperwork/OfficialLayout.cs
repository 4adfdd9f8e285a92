using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Domain.Meetings;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>Who issues a document: the body, the body above it (if printed), and the place written before the date.</summary>
internal interface IIssuer
{
    string IssuingBody { get; }
    string? SuperiorBody { get; }
    string PlaceName { get; }
}

/// <summary>
/// The issuer and signer of a document that spans meetings (the periodic report): taken from the paperwork
/// details of a meeting, with the clerk's blanks where they are not set.
/// </summary>
public sealed record Issuer(string IssuingBody, string? SuperiorBody, string PlaceName, string SignerTitle, string SignerName) : IIssuer
{
    /// <summary>From the latest meeting (its paperwork details and chair), or blanks when there is none.</summary>
    public static Issuer From(MeetingState? meeting)
    {
        if (meeting?.Info is null)
            return new Issuer($"Ủy ban nhân dân xã {DocumentFacts.Blank}", null, DocumentFacts.Blank, "Chủ tịch UBND xã", DocumentFacts.Blank);
        return Of(new DocumentFacts(new DocumentContext(meeting, new HashSet<DateOnly>(), DateOnly.MinValue)));
    }

    /// <summary>The commune of a meeting's documents: its body, place, the level above, and the chair who signs for it.</summary>
    internal static Issuer Of(DocumentFacts facts) => new(facts.IssuingBody, facts.SuperiorBody, facts.PlaceName, facts.ChairTitle, facts.ChairName);

    /// <summary>xã, phường or thị trấn, from the issuing body's name.</summary>
    public string Level => DocumentFacts.LevelOf(IssuingBody);

    /// <summary>The signer's title with the body it heads: "Chủ tịch Ủy ban nhân dân xã An Hưng".</summary>
    public string SignerTitleInFull => DocumentFacts.InFull(SignerTitle, IssuingBody);

    /// <summary>The Mặt trận Tổ quốc committee of the same level.</summary>
    public string FrontCommittee => DocumentFacts.FrontCommitteeOf(Level, PlaceName);
}

/// <summary>
/// The parts every administrative document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): the header with
/// the issuing body and the Quốc hiệu, the title, signature blocks and the nơi nhận.
/// </summary>
internal static class OfficialLayout
{
    public const string NationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const double HeaderSize = 13;
    public const double RecipientsSize = 12;
    /// <summary>Space above "Nơi nhận:" (twips); a signature beside it starts as low, level with it.</summary>
    public const int RecipientsGap = 240;

    // The header table reaches a little into the left margin, as in printed forms, so the Quốc hiệu
    // fits on one line at 13 pt.
    private const int HeaderIndent = -284;
    private const int BodyColumn = 3686, NationColumn = Page.TextWidth - HeaderIndent - BodyColumn;
    private const int MottoWidth = 3780;

    /// <summary>The number with the clerk's blank: "Số: ……/BB-UBND".</summary>
    public static string Number(string symbol) => $"Số: {DocumentFacts.Blank}/{symbol}";

    /// <summary>"An Hưng, ngày 15 tháng 3 năm 2025".</summary>
    public static string PlaceAndDate(IIssuer facts, DateOnly day) => $"{facts.PlaceName}, {VietnamTime.LongDate(day)}";

    /// <summary>
    /// The header; without a <paramref name="symbol"/> (a list attached to a plan) the number is left out. A công văn gives
    /// its <paramref name="letterSubject"/> (trích yếu, "V/v …") under the number.
    /// </summary>
    public static Table Header(IIssuer facts, string? symbol, DateOnly day, string? letterSubject = null)
    {
        var body = new List<OpenXmlElement>();
        if (facts.SuperiorBody is { } superior)
            body.Add(Para(Layout.Centered, new Span(DocumentFacts.Upper(superior), Size: HeaderSize)));
        foreach (var line in BodyNameLines(DocumentFacts.Upper(facts.IssuingBody)))
            body.Add(Para(Layout.Centered, new Span(line, Bold: true, Size: HeaderSize)));
        body.Add(Rule(BodyColumn, BodyColumn / 3));

        OpenXmlElement[] nation =
        [
            Para(Layout.Centered, new Span(NationalName, Bold: true, Size: HeaderSize)),
            Para(Layout.Centered, new Span(Motto, Bold: true, Size: 14)),
            Rule(NationColumn, MottoWidth),
        ];
        var numberLayout = Layout.Centered with { Before = 120 };
        return Grid([BodyColumn, NationColumn],
        [
            [body, nation],
            [
                letterSubject is null
                    ? [Para(numberLayout, new Span(symbol is null ? "" : Number(symbol), Size: HeaderSize))]
                    : [Para(numberLayout, new Span(symbol is null ? "" : Number(symbol), Size: HeaderSize)), Para(Layout.Centered, new Span(letterSubject, Size: 12))],
                [Para(numberLayout, new Span(PlaceAndDate(facts, day), Italic: true, Size: 14))],
            ],
        ], HeaderIndent);
    }

    /// <summary>
    /// "ỦY BAN NHÂN DÂN" on a line of its own and the locality under it, as clerks set it, rather than
    /// wherever the narrow column happens to wrap.
    /// </summary>
    private static IEnumerable<string> BodyNameLines(string name)
    {
        const string committee = "ỦY BAN NHÂN DÂN ";
        return name.StartsWith(committee, StringComparison.Ordinal) && name.Length > committee.Length
            ? [committee.TrimEnd(), name[committee.Length..]]
            : [name];
    }

    /// <summary>The document's kind (BIÊN BẢN, THÔNG BÁO) and its subject, with the short rule under it.</summary>
    public static IEnumerable<OpenXmlElement> Title(string kind, string subject)
    {
        yield return Para(Layout.Centered with { Before = 360, After = 0, KeepNext = true }, new Span(kind, Bold: true));
        yield return Para(Layout.Centered with { KeepNext = true }, new Span(subject, Bold: true));
        var rule = Rule(Page.TextWidth, Page.TextWidth / 5);
        rule.ParagraphProperties!.KeepNext = new KeepNext();
        yield return rule;
        yield return Para(new Layout(After: 120));
    }

    /// <summary>A signature block: the capacity lines, room to sign, then the name.</summary>
    public static IEnumerable<OpenXmlElement> Signature(IEnumerable<string> capacity, string name, int before = 0)
    {
        foreach (var (line, i) in capacity.Select((line, i) => (line, i)))
            yield return Para(Layout.Centered with { KeepNext = true, Before = i == 0 ? before : 0 }, new Span(line, Bold: true));
        for (var i = 0; i < 4; i++)
            yield return Para(Layout.Centered with { KeepNext = true });
        yield return Para(Layout.Centered, new Span(name, Bold: true));
    }

    /// <summary>Two blocks side by side (signatures, or nơi nhận and signature) in one row that never splits across pages.</summary>
    public static Table SideBySide(IEnumerable<OpenXmlElement> left, IEnumerable<OpenXmlElement> right, int leftWidth = Page.TextWidth / 2) =>
        Grid([leftWidth, Page.TextWidth - leftWidth], [[left, right]]);

    /// <summary>The closing row: nơi nhận on the left, the signer's block on the right.</summary>
    public static Table RecipientsAndSignature(IEnumerable<string> recipients, string signerTitle, string signerName) =>
        SideBySide(Recipients(recipients), Signature(ConclusionNotice.Capacity(signerTitle), signerName, before: RecipientsGap), leftWidth: 4536);

    /// <summary>A bold section heading of the body ("I. THÀNH PHẦN"), kept with what follows.</summary>
    public static Paragraph Heading(string text) => Para(Layout.Body with { KeepNext = true, Before = 60 }, new Span(text, Bold: true));

    /// <summary>"I", "II"… for section headings.</summary>
    public static string Roman(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"Nơi nhận:" and one line per recipient, the last being the office's copy (Lưu: VT.).</summary>
    public static IEnumerable<OpenXmlElement> Recipients(IEnumerable<string> recipients)
    {
        var layout = new Layout(Align.Left);
        yield return Para(layout with { Before = RecipientsGap }, new Span("Nơi nhận:", Bold: true, Italic: true, Size: RecipientsSize));
        foreach (var recipient in Distinct(recipients))
            yield return Para(layout, new Span($"- {recipient};", Size: RecipientsSize));
        yield return Para(layout, new Span("- Lưu: VT.", Size: RecipientsSize));
    }

    /// <summary>Recipients as typed, cleaned of list marks and end punctuation, each once; the office's copy is added last.</summary>
    private static IEnumerable<string> Distinct(IEnumerable<string> recipients) => recipients
        .Select(r => r.Trim().TrimStart('-', '+', '•', ' ').TrimEnd(';', '.', ',', ' '))
        .Where(r => r.Length > 0 && !r.StartsWith("Lưu", StringComparison.OrdinalIgnoreCase))
        .DistinctBy(r => r.ToUpperInvariant());

    /// <summary>Body text: one justified, indented paragraph per line of <paramref name="text"/>.</summary>
    public static IEnumerable<Paragraph> BodyText(string text, Layout? layout = null) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Para(layout ?? Layout.Body, line));

    /// <summary>A body paragraph opened by a lead (speaker, label) and followed by the first line of a text; its further lines follow as paragraphs.</summary>
    public static IEnumerable<Paragraph> LedText(IEnumerable<Span> lead, string? text, string missing)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = lines.Length > 0 ? new Span(lines[0]) : new Span(missing, Italic: true);
        yield return Para(Layout.Body, lead.Append(first));
        foreach (var line in lines.Skip(1))
            yield return Para(Layout.Body, line);
    }
}
