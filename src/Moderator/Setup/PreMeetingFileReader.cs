using System.Globalization;
using LiveSession.Domain.Minutes;
using LiveSession.Moderator.Registration;

namespace LiveSession.Moderator.Setup;

/// <summary>
/// Reads kiến nghị collected before the meeting from a CSV or XLSX file with the columns "Họ tên",
/// "Thôn/TDP", "Nội dung", "Lĩnh vực", "Nguồn" (Trưởng thôn / MTTQ / Đoàn thể / Trực tiếp),
/// "Người thu thập", "Ngày nhận" (dd/mm/yyyy; today when blank) and "Đơn vị chuẩn bị trả lời".
/// The content rules (cut-off included) are the domain's <see cref="PreMeetingPetitions"/>.
/// </summary>
public static class PreMeetingFileReader
{
    private enum Column { Name, Locality, Summary, Field, Source, Collector, Received, Unit }

    private static readonly Dictionary<string, Column> Headers = new()
    {
        ["hoten"] = Column.Name, ["hovaten"] = Column.Name, ["nguoikiennghi"] = Column.Name,
        ["thon"] = Column.Locality, ["thontdp"] = Column.Locality, ["thontodanpho"] = Column.Locality, ["todanpho"] = Column.Locality, ["diachi"] = Column.Locality,
        ["noidung"] = Column.Summary, ["noidungkiennghi"] = Column.Summary,
        ["linhvuc"] = Column.Field,
        ["nguon"] = Column.Source, ["nguonthuthap"] = Column.Source,
        ["nguoithuthap"] = Column.Collector, ["nguoitonghop"] = Column.Collector, ["tochucthuthap"] = Column.Collector,
        ["ngaynhan"] = Column.Received, ["ngay"] = Column.Received,
        ["donvichuanbitraloi"] = Column.Unit, ["donvichuanbi"] = Column.Unit, ["donvitraloi"] = Column.Unit, ["donvi"] = Column.Unit,
    };

    private static readonly Dictionary<string, PetitionSource> Sources = new()
    {
        ["truongthon"] = PetitionSource.VillageHead, ["totruong"] = PetitionSource.VillageHead, ["thon"] = PetitionSource.VillageHead,
        ["truongthontodanpho"] = PetitionSource.VillageHead, ["truongthontotruongtodanpho"] = PetitionSource.VillageHead,
        ["mttq"] = PetitionSource.FatherlandFront, ["ubmttq"] = PetitionSource.FatherlandFront, ["mattran"] = PetitionSource.FatherlandFront,
        ["mattrantoquoc"] = PetitionSource.FatherlandFront, ["uybanmttq"] = PetitionSource.FatherlandFront,
        ["doanthe"] = PetitionSource.MassOrganisation, ["hoinongdan"] = PetitionSource.MassOrganisation, ["hoiphunu"] = PetitionSource.MassOrganisation,
        ["doanthanhnien"] = PetitionSource.MassOrganisation, ["hoicuuchienbinh"] = PetitionSource.MassOrganisation,
        ["tructiep"] = PetitionSource.Direct, ["guitructiep"] = PetitionSource.Direct, ["nguoidan"] = PetitionSource.Direct, ["donthu"] = PetitionSource.Direct,
    };

    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d-M-yyyy"];

    /// <summary>The entries of the file, or every problem found in it (each with its line).</summary>
    public static (IReadOnlyList<PreMeetingPetition> Entries, IReadOnlyList<string> Problems) Read(Stream content, string fileName, DateOnly today)
    {
        if (TableFile.Read(content, fileName, Headers, Column.Name, "Họ tên", out var lines) is { } problem) return ([], [problem]);
        if (lines.Count == 0) return ([], ["Tệp không có kiến nghị nào."]);
        var entries = new List<PreMeetingPetition>();
        var problems = new List<string>();
        foreach (var (line, cell) in lines)
        {
            var source = PetitionSource.VillageHead;
            if (cell(Column.Source) is { } sourceText && !Sources.TryGetValue(TableFile.Fold(sourceText), out source))
            {
                problems.Add($"Dòng {line}: nguồn \"{TableFile.Shorten(sourceText)}\" không rõ; ghi \"Trưởng thôn\", \"MTTQ\", \"Đoàn thể\" hoặc \"Trực tiếp\".");
                continue;
            }
            var received = today;
            if (cell(Column.Received) is { } dateText && !TryDate(dateText, out received))
            {
                problems.Add($"Dòng {line}: ngày nhận \"{TableFile.Shorten(dateText)}\" không đúng dạng ngày/tháng/năm.");
                continue;
            }
            entries.Add(new PreMeetingPetition(line, cell(Column.Name) ?? "", cell(Column.Locality), cell(Column.Summary) ?? "", cell(Column.Field),
                source, cell(Column.Collector), received, cell(Column.Unit) ?? ""));
        }
        return (entries, problems);
    }

    /// <summary>A typed date, or a spreadsheet's serial day number.</summary>
    private static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }
}
