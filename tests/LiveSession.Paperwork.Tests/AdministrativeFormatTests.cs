using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LiveSession.Paperwork.Tests;

/// <summary>What both documents share by Nghị định 30/2020: page, type, header, signature and nơi nhận.</summary>
public class AdministrativeFormatTests
{
    public static TheoryData<string> Documents => new() { "minutes", "notice" };

    private static readonly ScriptedMeeting Meeting = ScriptedMeeting.Played();

    internal static Docx Build(string document, DocumentContext? context = null)
    {
        context ??= Meeting.Context();
        return new Docx(document == "minutes" ? MinutesDocument.Build(context) : ConclusionNotice.Build(context));
    }

    /// <summary>LibreOffice forgives elements out of schema order; Word refuses to open such a file.</summary>
    [Theory, MemberData(nameof(Documents))]
    public void Package_is_valid_against_the_Office_schema(string document)
    {
        var context = Meeting.Context();
        var bytes = document == "minutes" ? MinutesDocument.Build(context) : ConclusionNotice.Build(context);
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(docx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory, MemberData(nameof(Documents))]
    public void Page_is_A4_portrait_with_the_margins_of_ND30(string document)
    {
        var section = Build(document).Section;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        var margin = section.GetFirstChild<PageMargin>()!;
        // twips: 20–25 mm = 1134–1417, 30–35 mm = 1701–1984, 15–20 mm = 851–1134.
        Assert.InRange(margin.Top!.Value, 1134, 1417);
        Assert.InRange(margin.Bottom!.Value, 1134, 1417);
        Assert.InRange(margin.Left!.Value, 1701u, 1984u);
        Assert.InRange(margin.Right!.Value, 851u, 1134u);
    }

    [Theory, MemberData(nameof(Documents))]
    public void Every_run_is_Times_New_Roman_between_12_and_14_points(string document)
    {
        var docx = Build(document);
        var defaults = docx.Styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var fonts = defaults.GetFirstChild<RunFonts>()!;
        Assert.Equal("Times New Roman", fonts.Ascii);
        Assert.Equal("Times New Roman", fonts.HighAnsi);
        Assert.Equal("Times New Roman", fonts.ComplexScript);
        Assert.Equal("28", defaults.GetFirstChild<FontSize>()!.Val);
        Assert.All(docx.Runs, run =>
        {
            var runFonts = run.RunProperties?.RunFonts;
            Assert.True(runFonts is null || runFonts.Ascii == "Times New Roman" && runFonts.HighAnsi == "Times New Roman");
            if (run.RunProperties?.FontSize?.Val?.Value is { } halfPoints)
                Assert.Contains(halfPoints, new[] { "24", "26", "28" }); // 12 pt only for nơi nhận
        });
    }

    [Theory, MemberData(nameof(Documents))]
    public void Header_has_the_issuing_body_the_Quoc_hieu_and_the_Tieu_ngu_in_bold(string document)
    {
        var docx = Build(document);
        var header = docx.Tables[0];
        var rows = header.Elements<TableRow>().ToList();
        var top = Docx.Cells(rows[0]);
        Assert.StartsWith("ỦY BAN NHÂN DÂN\nXÃ AN HƯNG\n", top[0]); // the committee on its own line, as clerks set it
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n", top[1]);
        Assert.True(Docx.AllBold(docx.Paragraph("ỦY BAN NHÂN DÂN")) && Docx.AllBold(docx.Paragraph("XÃ AN HƯNG")));
        Assert.True(Docx.AllBold(docx.Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
        Assert.True(Docx.AllBold(docx.Paragraph("Độc lập - Tự do - Hạnh phúc")));
        // The short rules under the issuing body and the Tiêu ngữ.
        Assert.Equal(2, header.Descendants<ParagraphBorders>().Count());
        Assert.Equal(JustificationValues.Center, Docx.Alignment(docx.Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
    }

    [Theory, MemberData(nameof(Documents))]
    public void Text_keeps_its_Vietnamese_diacritics_in_NFC(string document)
    {
        var text = Build(document).Text;
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("Đề nghị bê tông hóa tuyến đường liên thôn Đông – Tây", text);
        Assert.Contains("Nguyễn Văn Chủ", text);
        Assert.DoesNotContain('?', text); // what a lost encoding leaves behind
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Theory, MemberData(nameof(Documents))]
    public void Without_paperwork_details_the_header_leaves_blanks_for_the_clerk(string document)
    {
        var m = ScriptedMeeting.Played(paperwork: false);
        var docx = Build(document, m.Context());
        Assert.Contains("XÃ ……", docx.Paragraphs);
        Assert.Contains(docx.Paragraphs, p => p.StartsWith("……, ngày ", StringComparison.Ordinal));
        Assert.Equal("- Lưu: VT.", docx.Paragraphs.Last(p => p.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_superior_body_stands_above_the_issuing_body_in_capitals_not_bold()
    {
        var m = ScriptedMeeting.Played(close: false);
        m.Do(new SetPaperworkDetails("Ủy ban nhân dân phường Hòa Bình", "UBND thành phố Hà Nội", "Hòa Bình", "Phó Chủ tịch", []), Actor.Secretary);
        var docx = Build("notice", m.Context());
        var top = Docx.Cells(docx.Tables[0].Elements<TableRow>().First());
        Assert.StartsWith("UBND THÀNH PHỐ HÀ NỘI\nỦY BAN NHÂN DÂN\nPHƯỜNG HÒA BÌNH\n", top[0]);
        Assert.False(Docx.AllBold(docx.Paragraph("UBND THÀNH PHỐ HÀ NỘI")));
        // A vice-chairman signs for the chairman; the MTTQ is that of the ward.
        Assert.Contains("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", Docx.Cells(docx.Tables[^1].Elements<TableRow>().Single())[1]);
        Assert.Contains("- Ủy ban MTTQ Việt Nam phường Hòa Bình;", docx.Paragraphs);
    }
}
