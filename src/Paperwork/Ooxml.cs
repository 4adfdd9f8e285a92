using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LiveSession.Paperwork;

internal enum Align { Left, Center, Right, Justify }

/// <summary>A piece of text with its emphasis; size in points (null = the document's body size).</summary>
internal sealed record Span(string Text, bool Bold = false, bool Italic = false, double? Size = null)
{
    public static implicit operator Span(string text) => new(text);
}

/// <summary>How a paragraph sits: alignment, first-line indent and spacing in twips (1 pt = 20 twips).</summary>
internal sealed record Layout(Align Align = Align.Justify, int FirstLine = 0, int Before = 0, int After = 0, bool KeepNext = false, int Left = 0, int Right = 0)
{
    public static readonly Layout Body = new(Align.Justify, FirstLine: Page.BodyIndent, After: 120);
    public static readonly Layout Centered = new(Align.Center);
}

/// <summary>Page and type sizes of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I).</summary>
internal static class Page
{
    public const string Font = "Times New Roman";
    public const double BodySize = 14;
    public const int Width = 11906, Height = 16838; // A4
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 851; // 20, 20, 30, 15 mm
    public const int TextWidth = Width - MarginLeft - MarginRight;
    public const int BodyIndent = 567; // 1 cm
}

internal static class Ooxml
{
    public static Paragraph Para(Layout layout, params Span[] spans) => Para(layout, (IEnumerable<Span>)spans);

    public static Paragraph Para(Layout layout, IEnumerable<Span> spans)
    {
        var paragraph = new Paragraph(Properties(layout));
        foreach (var span in spans)
            if (span.Text.Length > 0) paragraph.Append(Run(span));
        return paragraph;
    }

    private static ParagraphProperties Properties(Layout layout)
    {
        var properties = new ParagraphProperties();
        if (layout.KeepNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = layout.Before.ToString(CultureInfo.InvariantCulture), After = layout.After.ToString(CultureInfo.InvariantCulture) });
        if (layout.FirstLine != 0 || layout.Left != 0 || layout.Right != 0)
            properties.Append(new Indentation { FirstLine = layout.FirstLine.ToString(CultureInfo.InvariantCulture), Left = layout.Left.ToString(CultureInfo.InvariantCulture), Right = layout.Right.ToString(CultureInfo.InvariantCulture) });
        properties.Append(new Justification
        {
            Val = layout.Align switch
            {
                Align.Center => JustificationValues.Center,
                Align.Right => JustificationValues.Right,
                Align.Left => JustificationValues.Left,
                _ => JustificationValues.Both,
            },
        });
        return properties;
    }

    public static Run Run(Span span)
    {
        var properties = new RunProperties(Fonts());
        if (span.Bold) properties.Append(new Bold());
        if (span.Italic) properties.Append(new Italic());
        if (span.Size is { } size) properties.Append(new FontSize { Val = HalfPoints(size) }, new FontSizeComplexScript { Val = HalfPoints(size) });
        return new Run(properties, new Text(span.Text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>
    /// A short horizontal rule under a header line, centered in its cell: an empty paragraph with a top
    /// border, narrowed by indents (a drawn line would need VML or DrawingML for the same effect).
    /// </summary>
    public static Paragraph Rule(int cellWidth, int ruleWidth)
    {
        var side = Math.Max(0, (cellWidth - ruleWidth) / 2);
        return new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
                new SpacingBetweenLines { Before = "100", After = "0", Line = "80", LineRule = LineSpacingRuleValues.Exact },
                new Indentation { Left = side.ToString(CultureInfo.InvariantCulture), Right = side.ToString(CultureInfo.InvariantCulture) },
                new ParagraphMarkRunProperties(new FontSize { Val = "4" })));
    }

    public static Paragraph Empty(double size = Page.BodySize) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0" }, new ParagraphMarkRunProperties(new FontSize { Val = HalfPoints(size) })));

    /// <summary>A borderless table of one row per item of <paramref name="rows"/>, columns of the given widths (twips).</summary>
    public static Table Grid(int[] widths, IEnumerable<IReadOnlyList<IEnumerable<OpenXmlElement>>> rows, int indent = 0)
    {
        var none = () => new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableIndentation { Width = indent, Type = TableWidthUnitValues.Dxa },
            none(),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        foreach (var cells in rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                var content = i < cells.Count ? cells[i].ToList() : [];
                // A cell must end with a paragraph.
                if (content.Count == 0 || content[^1] is not Paragraph) content.Add(Empty());
                cell.Append(content);
                row.Append(cell);
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>
    /// A ruled table (danh sách, bảng số liệu): a bold, centered header row repeated on every page, then one
    /// row per item; each cell one paragraph per line of its text, at <paramref name="size"/> points.
    /// </summary>
    public static Table Ruled(int[] widths, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, double size = 13)
    {
        T Line<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        TableRow Row(IReadOnlyList<string> cells, bool heading)
        {
            var row = new TableRow(heading ? new TableRowProperties(new TableHeader(), new CantSplit()) : new TableRowProperties());
            for (var i = 0; i < widths.Length; i++)
            {
                var text = i < cells.Count ? cells[i] : "";
                var layout = heading || i == 0 ? Layout.Centered with { Before = 40, After = 40 } : new Layout(Align.Left, Before: 40, After: 40);
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                cell.Append(text.Split('\n').Select(line => Para(layout, new Span(line, Bold: heading, Size: size))));
                row.Append(cell);
            }
            return row;
        }
        table.Append(Row(header, heading: true));
        foreach (var cells in rows) table.Append(Row(cells, heading: false));
        return table;
    }

    /// <summary>A page break, between two documents packaged as one.</summary>
    public static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    /// <summary>The DOCX package: A4, NĐ 30 margins, Times New Roman, page numbers centered at the top from page 2.</summary>
    public static byte[] Package(IEnumerable<OpenXmlElement> content)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new DefaultTabStop { Val = 720 }, new Compatibility(
                new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));

            var numbered = main.AddNewPart<HeaderPart>();
            numbered.Header = new Header(Para(Layout.Centered).With(PageNumber()));
            var blank = main.AddNewPart<HeaderPart>();
            blank.Header = new Header(Para(Layout.Centered));

            var body = new Body(content);
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(numbered) },
                new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(blank) },
                new PageSize { Width = Page.Width, Height = Page.Height, Orient = PageOrientationValues.Portrait },
                new PageMargin
                {
                    Top = Page.MarginTop, Bottom = Page.MarginBottom, Left = Page.MarginLeft, Right = Page.MarginRight,
                    Header = 567, Footer = 567, Gutter = 0,
                },
                new TitlePage()));
            main.Document = new Document(body);
            document.PackageProperties.Language = "vi-VN";
        }
        return stream.ToArray();
    }

    private static Paragraph With(this Paragraph paragraph, IEnumerable<OpenXmlElement> elements)
    {
        paragraph.Append(elements);
        return paragraph;
    }

    private static IEnumerable<OpenXmlElement> PageNumber()
    {
        RunProperties Props() => new(Fonts());
        yield return new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Begin });
        yield return new Run(Props(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve });
        yield return new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Separate });
        yield return new Run(Props(), new Text("2"));
        yield return new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.End });
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(),
                    new FontSize { Val = HalfPoints(Page.BodySize) },
                    new FontSizeComplexScript { Val = HalfPoints(Page.BodySize) },
                    new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Normal Table" }, new TableProperties(new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
                { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
    }

    private static RunFonts Fonts() => new() { Ascii = Page.Font, HighAnsi = Page.Font, ComplexScript = Page.Font, EastAsia = Page.Font };

    private static string HalfPoints(double points) => ((int)Math.Round(points * 2)).ToString(CultureInfo.InvariantCulture);
}
