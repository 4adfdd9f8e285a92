using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LiveSession.Domain.Queue;

namespace LiveSession.Moderator.Registration;

/// <summary>The rows read from a file of pre-collected registrations, or why the file cannot be used.</summary>
public sealed record RegistrationFile(IReadOnlyList<RegistrationRow> Rows, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads pre-collected registrations from a CSV or XLSX file whose first row names the columns
/// ("Họ tên", "Thôn/TDP", "Cơ quan", "Nội dung", "Lĩnh vực", "Số phút", "Loại" = "Phát biểu" or
/// "Kiến nghị", "Trả lời" = the prepared answer to a kiến nghị; others such as "STT" are ignored).
/// Each row keeps its line in the file so that every problem can be reported where the user will look.
/// The content rules themselves are the domain's (<see cref="ImportRegistrations"/>).
/// </summary>
public static class RegistrationFileReader
{
    public const long MaxBytes = 2 * 1024 * 1024;

    private enum Column { Name, Locality, Organisation, Topic, Field, Minutes, Kind, Answer }

    private static readonly Dictionary<string, Column> Headers = new()
    {
        ["hoten"] = Column.Name, ["hovaten"] = Column.Name, ["ten"] = Column.Name, ["nguoiphatbieu"] = Column.Name,
        ["thon"] = Column.Locality, ["thontdp"] = Column.Locality, ["thontodanpho"] = Column.Locality, ["todanpho"] = Column.Locality,
        ["diaban"] = Column.Locality, ["diachi"] = Column.Locality,
        ["coquan"] = Column.Organisation, ["donvi"] = Column.Organisation, ["coquandoanthe"] = Column.Organisation, ["tochuc"] = Column.Organisation,
        ["noidung"] = Column.Topic, ["vande"] = Column.Topic, ["noidungphatbieu"] = Column.Topic, ["noidungkiennghi"] = Column.Topic,
        ["linhvuc"] = Column.Field,
        ["sophut"] = Column.Minutes, ["phut"] = Column.Minutes, ["thoigian"] = Column.Minutes, ["thoigianphut"] = Column.Minutes,
        ["loai"] = Column.Kind, ["phanloai"] = Column.Kind,
        ["traloi"] = Column.Answer, ["noidungtraloi"] = Column.Answer, ["dukientraloi"] = Column.Answer,
    };

    private static readonly Dictionary<string, RegistrationKind> Kinds = new()
    {
        ["phatbieu"] = RegistrationKind.Speaker, ["dangkyphatbieu"] = RegistrationKind.Speaker,
        ["kiennghi"] = RegistrationKind.Petition, ["kn"] = RegistrationKind.Petition, ["cauhoi"] = RegistrationKind.Petition,
    };

    public static bool IsSupported(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".xlsx";

    /// <summary>Files over this size are refused before reading.</summary>

    public static RegistrationFile Read(Stream content, string fileName)
    {
        if (TableFile.Read(content, fileName, Headers, Column.Name, "Họ tên", out var lines) is { } problem) return Invalid(problem);
        if (lines.Count == 0) return Invalid("Tệp không có dòng đăng ký nào.");
        var rows = new List<RegistrationRow>();
        var problems = new List<string>();
        foreach (var (line, cell) in lines)
        {
            var minutes = QueueRules.DefaultMinutes;
            if (cell(Column.Minutes) is { } text && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out minutes))
            {
                problems.Add($"Dòng {line}: số phút \"{TableFile.Shorten(text)}\" không phải là số.");
                continue;
            }
            var kind = RegistrationKind.Speaker;
            if (cell(Column.Kind) is { } kindText && !Kinds.TryGetValue(TableFile.Fold(kindText), out kind))
            {
                problems.Add($"Dòng {line}: loại \"{TableFile.Shorten(kindText)}\" không rõ; ghi \"Phát biểu\" hoặc \"Kiến nghị\".");
                continue;
            }
            rows.Add(new RegistrationRow(line, cell(Column.Name) ?? "", cell(Column.Locality), cell(Column.Organisation),
                cell(Column.Topic), cell(Column.Field), minutes, kind, cell(Column.Answer)));
        }
        return new RegistrationFile(rows, problems);
    }

    private static RegistrationFile Invalid(string problem) => new([], [problem]);
}

/// <summary>One line of a table file: where it stands in the file, and its cells by column (null when blank).</summary>
public sealed record TableLine<TColumn>(int Line, Func<TColumn, string?> Cell);

/// <summary>
/// A CSV or XLSX table whose first non-blank row names the columns (matched without case or diacritics:
/// "Thôn/TDP" → "thontdp"); every later non-blank row keeps its line in the file so that problems can be
/// reported where the user will look.
/// </summary>
public static class TableFile
{
    /// <summary>Rows and columns read at most: a registration list is a few hundred lines.</summary>
    public const int MaxRows = 5000;
    public const int MaxColumns = 50;
    /// <summary>An XLSX file is a zip: what it may unpack to, so that a small "zip bomb" is refused before it is read.</summary>
    public const long MaxUnpackedBytes = 20 * 1024 * 1024;

    private sealed class TooLargeException(string message) : Exception(message);

    /// <summary>The rows of the file (none when it has only its header), or the one reason it cannot be used (unreadable, empty, no <paramref name="requiredHeader"/> column).</summary>
    public static string? Read<TColumn>(Stream content, string fileName, IReadOnlyDictionary<string, TColumn> headers, TColumn required, string requiredHeader,
        out List<TableLine<TColumn>> lines) where TColumn : struct, Enum
    {
        lines = [];
        try
        {
            var raw = Path.GetExtension(fileName).ToLowerInvariant() switch
            {
                ".csv" => ReadCsv(content),
                ".xlsx" => ReadXlsx(content),
                _ => null,
            };
            if (raw is null) return "Chỉ nhận tệp .csv hoặc .xlsx.";
            Dictionary<TColumn, int>? columns = null;
            var read = 0;
            foreach (var (line, cells) in raw)
            {
                if (++read > MaxRows) return $"Tệp có quá nhiều dòng (tối đa {MaxRows}); hãy chia thành nhiều tệp.";
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                if (columns is null)
                {
                    columns = MapHeader(cells, headers);
                    if (!columns.ContainsKey(required)) return $"Dòng {line}: thiếu cột \"{requiredHeader}\" ở dòng tiêu đề.";
                    continue;
                }
                var (map, values) = (columns, cells);
                lines.Add(new TableLine<TColumn>(line, column =>
                    map.TryGetValue(column, out var i) && i < values.Length && values[i].Trim() is { Length: > 0 } value ? value : null));
            }
            if (columns is null) return "Tệp trống.";
            return null;
        }
        catch (TooLargeException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is CsvHelperException or InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or FileFormatException)
        {
            return "Không đọc được tệp: tệp hỏng hoặc không đúng định dạng.";
        }
    }

    private static Dictionary<TColumn, int> MapHeader<TColumn>(string[] cells, IReadOnlyDictionary<string, TColumn> headers) where TColumn : struct, Enum
    {
        var columns = new Dictionary<TColumn, int>();
        for (var i = 0; i < cells.Length; i++)
            if (headers.TryGetValue(Fold(cells[i]), out var column)) columns.TryAdd(column, i);
        return columns;
    }

    /// <summary>"Thôn/TDP" → "thontdp": no diacritics, no case, letters and digits only.</summary>
    public static string Fold(string header)
    {
        var builder = new StringBuilder();
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is 'đ' or 'Đ') builder.Append('d');
            else if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    public static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static IEnumerable<(int, string[])> ReadCsv(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
        };
        using var parser = new CsvParser(reader, config);
        while (parser.Read())
            yield return (parser.RawRow, (parser.Record ?? []).Take(MaxColumns).ToArray());
    }

    private static IEnumerable<(int, string[])> ReadXlsx(Stream content)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream();
            content.CopyTo(copy);
            content = copy;
        }
        var start = content.Position;
        using (var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                throw new TooLargeException($"Tệp Excel giải nén ra quá lớn (tối đa {MaxUnpackedBytes / 1024 / 1024} MB); hãy lưu lại chỉ với danh sách cần nhập.");
        content.Position = start;
        // The declared sizes above may lie: the reader also stops at that many characters in any one part.
        using var document = SpreadsheetDocument.Open(content, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxUnpackedBytes });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var worksheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                if (index >= MaxColumns) continue;
                while (cells.Count < index) cells.Add("");
                cells.Add(CellText(cell, shared));
            }
            yield return ((int)(row.RowIndex?.Value ?? 0u), cells.ToArray());
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter).Take(4)) // XFD, the last column, has three letters
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}
