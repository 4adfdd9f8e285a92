using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LiveSession.Paperwork.Tests;

/// <summary>A DOCX opened for reading: its paragraphs as text, its runs, its page setup.</summary>
internal sealed class Docx
{
    public Docx(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = document.MainDocumentPart!;
        Body = (Body)main.Document.Body!.CloneNode(true);
        Styles = (Styles)main.StyleDefinitionsPart!.Styles!.CloneNode(true);
        Paragraphs = Body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        Tables = Body.Elements<Table>().ToList();
    }

    public Body Body { get; }
    public Styles Styles { get; }
    public IReadOnlyList<string> Paragraphs { get; }
    public IReadOnlyList<Table> Tables { get; }
    public string Text => string.Join("\n", Paragraphs);
    public IEnumerable<Run> Runs => Body.Descendants<Run>();
    public SectionProperties Section => Body.Elements<SectionProperties>().Single();

    /// <summary>The one paragraph whose text is exactly <paramref name="text"/>.</summary>
    public Paragraph Paragraph(string text)
    {
        var found = Body.Descendants<Paragraph>().Where(p => p.InnerText == text).ToList();
        Assert.True(found.Count == 1, $"Expected one paragraph \"{text}\", found {found.Count}.\n{Text}");
        return found[0];
    }

    /// <summary>The index of the first paragraph containing <paramref name="text"/> (fails when none).</summary>
    public int IndexOf(string text)
    {
        var index = Paragraphs.ToList().FindIndex(p => p.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No paragraph contains \"{text}\".\n{Text}");
        return index;
    }

    public static bool IsBold(Run run) => run.RunProperties?.Bold is not null;
    public static bool IsItalic(Run run) => run.RunProperties?.Italic is not null;

    public static bool AllBold(Paragraph paragraph) => paragraph.Descendants<Run>().All(IsBold);

    public static JustificationValues? Alignment(Paragraph paragraph) => paragraph.ParagraphProperties?.Justification?.Val?.Value;

    /// <summary>The text of each cell of a table row.</summary>
    public static IReadOnlyList<string> Cells(TableRow row) =>
        row.Elements<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText))).ToList();
}
