using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Minutes;

/// <summary>Who collected a kiến nghị before the meeting.</summary>
public enum PetitionSource
{
    /// <summary>Trưởng thôn / tổ trưởng tổ dân phố.</summary>
    VillageHead,
    /// <summary>Ủy ban Mặt trận Tổ quốc.</summary>
    FatherlandFront,
    /// <summary>Đoàn thể (Hội Nông dân, Hội Phụ nữ, Đoàn Thanh niên, Hội Cựu chiến binh…).</summary>
    MassOrganisation,
    /// <summary>Gửi trực tiếp (đơn, thư, hộp thư góp ý).</summary>
    Direct,
    /// <summary>Thư điện tử, cổng thông tin.</summary>
    Email,
}

/// <summary>
/// A kiến nghị collected before the meeting: who raised it, what about, who collected it and when, and the
/// unit that prepares the answer read at the meeting. <see cref="Line"/> is its line in an imported file
/// (0 when typed in).
/// </summary>
public sealed record PreMeetingPetition(
    int Line,
    string CitizenName,
    string? Locality,
    string Summary,
    string? Field,
    PetitionSource Source,
    string? Collector,
    DateOnly ReceivedOn,
    string PreparingUnit);

public static class PreMeetingPetitions
{
    public const int MaxPerBatch = 500;
    private const int MaxReportedLines = 10;

    public static string SourceName(PetitionSource source) => source switch
    {
        PetitionSource.VillageHead => "Trưởng thôn, tổ dân phố",
        PetitionSource.FatherlandFront => "Ủy ban MTTQ",
        PetitionSource.MassOrganisation => "Đoàn thể",
        PetitionSource.Direct => "Gửi trực tiếp",
        PetitionSource.Email => "Thư điện tử",
        _ => source.ToString(),
    };

    /// <summary>
    /// The last day entries are taken: the plan's cut-off, else the day before the meeting (also when the
    /// meeting was moved earlier than the cut-off set before).
    /// </summary>
    public static DateOnly Cutoff(MeetingState state)
    {
        var dayBefore = state.Info!.Day.AddDays(-1);
        return state.PetitionCutoff is { } cutoff && cutoff < dayBefore ? cutoff : dayBefore;
    }

    /// <summary>
    /// Checks a batch of pre-meeting kiến nghị for <paramref name="state"/>, entered on <paramref name="today"/>:
    /// all or nothing. After the cut-off nothing is taken (so nothing received after it either). Problems
    /// name the file line of each bad entry.
    /// </summary>
    public static DomainError? Check(MeetingState state, IReadOnlyList<PreMeetingPetition> entries, DateOnly today, out IReadOnlyList<PreMeetingPetition> accepted)
    {
        accepted = [];
        if (state.Info is null) return DomainError.NotFound("hội nghị", state.Id);
        if (state.Status != MeetingStatus.Scheduled)
            return DomainError.State("Hội nghị đã bắt đầu: kiến nghị mới được ghi tại hội nghị, không nhập vào danh sách thu thập trước.");
        var cutoff = Cutoff(state);
        if (today > cutoff)
            return DomainError.State($"Đã hết hạn thu thập kiến nghị trước hội nghị (ngày {cutoff:dd/MM/yyyy}). Kiến nghị gửi sau hạn được tiếp nhận tại hội nghị hoặc trả lời bằng văn bản.");
        if (entries is not { Count: > 0 }) return DomainError.Invalid("Không có kiến nghị nào để nhập.");
        if (entries.Count > MaxPerBatch) return DomainError.Invalid($"Mỗi lần nhập tối đa {MaxPerBatch} kiến nghị.");

        var checkedEntries = new List<PreMeetingPetition>();
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (CheckOne(entry, today, out var normalized) is { } error)
                problems.Add(entry?.Line > 0 ? $"Dòng {entry.Line}: {error.Message}" : error.Message);
            else
                checkedEntries.Add(normalized);
        }
        if (problems.Count == 1 && entries.Count == 1) return DomainError.Invalid(problems[0]);
        if (problems.Count > 0)
        {
            var more = problems.Count > MaxReportedLines ? $"\n… và {problems.Count - MaxReportedLines} dòng khác." : "";
            return new DomainError("import_invalid", $"{problems.Count} dòng có lỗi:\n{string.Join("\n", problems.Take(MaxReportedLines))}{more}");
        }
        accepted = checkedEntries;
        return null;
    }

    private static DomainError? CheckOne(PreMeetingPetition? entry, DateOnly today, out PreMeetingPetition normalized)
    {
        normalized = null!;
        if (entry is null || !Enum.IsDefined(entry.Source)) return DomainError.Invalid("Nguồn kiến nghị không hợp lệ.");
        if (Text.Required(entry.CitizenName, "Người kiến nghị", Text.NameMax, out var name) is { } e1) return e1;
        if (Text.Optional(entry.Locality, "Thôn/tổ dân phố", Text.ShortMax, out var locality) is { } e2) return e2;
        if (Text.RequiredMultiline(entry.Summary, "Nội dung kiến nghị", PetitionRules.SummaryMax, out var summary) is { } e3) return e3;
        if (Text.Optional(entry.Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e4) return e4;
        if (Text.Optional(entry.Collector, "Người/tổ chức thu thập", Text.ShortMax, out var collector) is { } e5) return e5;
        if (Text.Required(entry.PreparingUnit, "Đơn vị chuẩn bị trả lời", Text.ShortMax, out var unit) is { } e6) return e6;
        if (entry.ReceivedOn > today) return DomainError.Invalid($"Ngày nhận {entry.ReceivedOn:dd/MM/yyyy} ở tương lai.");
        normalized = entry with { CitizenName = name, Locality = locality, Summary = summary, Field = field, Collector = collector, PreparingUnit = unit };
        return null;
    }
}
