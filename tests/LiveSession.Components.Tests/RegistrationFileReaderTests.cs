using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LiveSession.Moderator.Registration;

namespace LiveSession.Components.Tests;

public sealed class RegistrationFileReaderTests
{
    private static RegistrationFile ReadCsv(string content, bool bom = false) =>
        RegistrationFileReader.Read(new MemoryStream([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(content)]), "danh-sach.csv");

    [Fact]
    public void Csv_MapsVietnameseHeadersAndKeepsLineNumbers()
    {
        var file = ReadCsv("STT,Họ và tên,Thôn/TDP,Cơ quan,Nội dung,Lĩnh vực,Số phút\n1,Nguyễn Văn An,Thôn Đông,Hội Nông dân,Đường sá,Giao thông,4\n\n2,Trần Thị Bình,,,,,\n", bom: true);

        Assert.True(file.IsValid);
        Assert.Equal(
            [new RegistrationRow(2, "Nguyễn Văn An", "Thôn Đông", "Hội Nông dân", "Đường sá", "Giao thông", 4), new RegistrationRow(4, "Trần Thị Bình")],
            file.Rows);
    }

    [Fact]
    public void Csv_WithSemicolonsAndQuotedCommasAndLineBreaks()
    {
        var file = ReadCsv("ho ten;noi dung\n\"Lê Văn Cường\";\"Đường, cầu; cống\"\n\"Phạm Thị Dung\";\"Hai\ndòng\"\nHoàng Văn Em;Cuối\n");

        Assert.Equal(["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"], file.Rows.Select(r => r.Name));
        Assert.Equal("Đường, cầu; cống", file.Rows[0].Topic);
        Assert.Equal(5, file.Rows[2].Line);
    }

    [Fact]
    public void Csv_WithANonNumericMinutes_NamesTheLine()
    {
        var file = ReadCsv("Họ tên,Số phút\nNguyễn Văn An,3\nTrần Thị Bình,ba\n");

        Assert.False(file.IsValid);
        Assert.Equal(["Dòng 3: số phút \"ba\" không phải là số."], file.Problems);
    }

    [Fact]
    public void Csv_KindColumn_MarksPetitions_AndRejectsUnknownKinds()
    {
        var file = ReadCsv("Họ tên,Nội dung,Loại\nNguyễn Văn An,Đường,Phát biểu\nTrần Thị Bình,Cấp sổ đỏ,kiến nghị\nLê Văn Cường,Đất,\nPhạm Thị Dung,Khác,thư\n");

        Assert.Equal([RegistrationKind.Speaker, RegistrationKind.Petition, RegistrationKind.Speaker], file.Rows.Select(r => r.Kind));
        Assert.Equal(["Dòng 5: loại \"thư\" không rõ; ghi \"Phát biểu\" hoặc \"Kiến nghị\"."], file.Problems);
    }

    [Theory]
    [InlineData("Thôn,Nội dung\nThôn Đông,Đường\n", "Dòng 1: thiếu cột \"Họ tên\" ở dòng tiêu đề.")]
    [InlineData("", "Tệp trống.")]
    [InlineData("Họ tên\n\n", "Tệp không có dòng đăng ký nào.")]
    public void UnusableFiles_AreExplained(string content, string problem) =>
        Assert.Equal([problem], ReadCsv(content).Problems);

    [Fact]
    public void OtherExtensions_AreRefused() =>
        Assert.Equal(["Chỉ nhận tệp .csv hoặc .xlsx."], RegistrationFileReader.Read(new MemoryStream([1, 2]), "ds.xls").Problems);

    [Fact]
    public void CorruptXlsx_IsReportedNotThrown() =>
        Assert.Equal(["Không đọc được tệp: tệp hỏng hoặc không đúng định dạng."],
            RegistrationFileReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "ds.xlsx").Problems);

    [Fact]
    public void Xlsx_ReadsSharedAndInlineStringsNumbersAndGaps()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text("Họ tên")), new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text("Ngô Thị Hoa")));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(Cell("A1", shared: 0), Inline("C1", "Số phút")) { RowIndex = 1 },
                new Row(Cell("A3", shared: 1), Number("C3", 5)) { RowIndex = 3 },
                new Row(Inline("A4", "Đinh Văn Giang")) { RowIndex = 4 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Danh sách" }));
        }
        stream.Position = 0;

        var file = RegistrationFileReader.Read(stream, "ds.XLSX");

        Assert.True(file.IsValid, string.Join(" ", file.Problems));
        Assert.Equal([new RegistrationRow(3, "Ngô Thị Hoa", Minutes: 5), new RegistrationRow(4, "Đinh Văn Giang")], file.Rows);
    }

    [Fact]
    public void A_zip_bomb_xlsx_is_refused_before_it_is_unpacked()
    {
        var bomb = Xlsx(new Row(Inline("A1", "Họ tên")) { RowIndex = 1 }, new Row(Inline("A2", "Ngô Thị Hoa")) { RowIndex = 2 });
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.Contains("worksheets/"));
            string xml;
            using (var reader = new StreamReader(sheet.Open())) xml = reader.ReadToEnd();
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet.FullName, System.IO.Compression.CompressionLevel.SmallestSize).Open());
            writer.Write(xml);
            // 64 MB of blanks in a comment after the root: valid XML, a few tens of kilobytes packed.
            writer.Write("<!--");
            for (var i = 0; i < 64; i++) writer.Write(new string(' ', 1024 * 1024));
            writer.Write("-->");
        }
        Assert.True(bomb.Length < RegistrationFileReader.MaxBytes, $"the bomb is {bomb.Length} bytes packed");
        bomb.Position = 0;

        var file = RegistrationFileReader.Read(bomb, "ds.xlsx");

        Assert.Equal(["Tệp Excel giải nén ra quá lớn (tối đa 20 MB); hãy lưu lại chỉ với danh sách cần nhập."], file.Problems);
    }

    [Fact]
    public void A_table_with_too_many_rows_or_a_far_column_is_bounded()
    {
        var csv = new StringBuilder("Họ tên\n");
        for (var i = 0; i <= TableFile.MaxRows; i++) csv.Append("Người ").Append(i).Append('\n');
        Assert.Equal([$"Tệp có quá nhiều dòng (tối đa {TableFile.MaxRows}); hãy chia thành nhiều tệp."], ReadCsv(csv.ToString()).Problems);

        var far = Xlsx(new Row(Inline("A1", "Họ tên"), Inline("XFD1", "Số phút")) { RowIndex = 1 }, new Row(Inline("A2", "Ngô Thị Hoa"), Inline("ZZZZZZZZZZ2", "x")) { RowIndex = 2 });
        var file = RegistrationFileReader.Read(far, "ds.xlsx");
        Assert.True(file.IsValid, string.Join(" ", file.Problems));
        Assert.Equal([new RegistrationRow(2, "Ngô Thị Hoa")], file.Rows);
    }

    private static MemoryStream Xlsx(params Row[] rows)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(rows));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Danh sách" }));
        }
        stream.Position = 0;
        return stream;
    }

    private static Cell Cell(string reference, int shared) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(shared.ToString(CultureInfo.InvariantCulture)) };

    private static Cell Inline(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) };

    private static Cell Number(string reference, int value) =>
        new() { CellReference = reference, CellValue = new CellValue(value) };
}
