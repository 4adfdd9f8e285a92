using System.Collections.Immutable;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.Meetings;

/// <summary>The groups people check in under at the desk: a thôn / tổ dân phố, an organisation of the composition, officials, guests.</summary>
public enum CheckInKind { Locality, Organisation, Official, Guest }

/// <summary>How many of one group are present.</summary>
/// <param name="Group">The thôn or the organisation; null for officials and guests.</param>
public sealed record CheckInCount(CheckInKind Kind, string? Group, int Present);

/// <summary>
/// The desk checks people in as they arrive, by group; a negative count corrects a mistake. Thôn / tổ dân phố are the
/// meeting's localities, organisations those of the planned composition.
/// </summary>
public sealed record CheckIn(CheckInKind Kind, string? Group, int Count) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (!Enum.IsDefined(Kind)) return DomainError.Invalid("Nhóm điểm danh không hợp lệ.");
        if (Count == 0 || Count < -CheckInRules.MaxPerEntry || Count > CheckInRules.MaxPerEntry)
            return DomainError.Invalid($"Số người điểm danh mỗi lần phải từ -{CheckInRules.MaxPerEntry} đến {CheckInRules.MaxPerEntry} và khác 0.");
        string? group = null;
        if (Kind is CheckInKind.Locality or CheckInKind.Organisation)
        {
            var known = Kind == CheckInKind.Locality
                ? state.Localities
                : state.Composition?.Quotas.Where(q => q.Kind == QuotaKind.Organisation).Select(q => q.Group) ?? [];
            group = known.FirstOrDefault(g => Group is not null && Composition.Same(g, Group.Trim()));
            if (group is null)
                return DomainError.Invalid(Kind == CheckInKind.Locality
                    ? "Thôn/tổ dân phố này không có trong danh sách của hội nghị."
                    : "Cơ quan, đoàn thể này không có trong thành phần tham dự.");
        }
        var present = CheckInRules.Present(state, Kind, group) + Count;
        if (present < 0) return DomainError.Invalid("Số người có mặt không thể nhỏ hơn 0.");
        if (present > CheckInRules.MaxPerGroup) return DomainError.Invalid($"Mỗi nhóm có tối đa {CheckInRules.MaxPerGroup} người.");
        return new CheckedIn(Kind, group, Count);
    }
}

public sealed record CheckedIn(CheckInKind Kind, string? Group, int Count) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state)
    {
        var index = state.CheckIns.FindIndex(c => c.Kind == Kind && c.Group == Group);
        var present = (index < 0 ? 0 : state.CheckIns[index].Present) + Count;
        var line = new CheckInCount(Kind, Group, present);
        return state with { CheckIns = index < 0 ? state.CheckIns.Add(line) : state.CheckIns.SetItem(index, line) };
    }
}

/// <summary>One group of the attendance check: planned (null when the plan sets no number) and present.</summary>
public sealed record AttendanceGroup(CheckInKind Kind, string? Group, string Label, int? Planned, int Present);

public static class CheckInRules
{
    public const int MaxPerEntry = 500;
    public const int MaxPerGroup = 5000;

    public static int Present(MeetingState state, CheckInKind kind, string? group) =>
        state.CheckIns.Find(c => c.Kind == kind && c.Group == group)?.Present ?? 0;

    /// <summary>Every group, planned against present: the composition's lines, then officials and guests, then groups checked in outside the plan.</summary>
    public static IReadOnlyList<AttendanceGroup> Groups(MeetingState state)
    {
        var planned = state.Composition?.Lines(state.Localities)
            ?? [.. state.Localities.Select(l => new Quota(l, QuotaKind.Locality, 0))];
        var groups = new List<AttendanceGroup>();
        foreach (var quota in planned)
        {
            var kind = quota.Kind == QuotaKind.Locality ? CheckInKind.Locality : CheckInKind.Organisation;
            groups.Add(new AttendanceGroup(kind, quota.Group, Label(kind, quota.Group), state.Composition is null ? null : quota.Count, Present(state, kind, quota.Group)));
        }
        groups.Add(new AttendanceGroup(CheckInKind.Official, null, Label(CheckInKind.Official, null), null, Present(state, CheckInKind.Official, null)));
        groups.Add(new AttendanceGroup(CheckInKind.Guest, null, Label(CheckInKind.Guest, null), null, Present(state, CheckInKind.Guest, null)));
        // A locality or an organisation removed from the plan after people checked in under it still counts.
        foreach (var c in state.CheckIns.Where(c => !groups.Any(g => g.Kind == c.Kind && g.Group == c.Group)))
            groups.Add(new AttendanceGroup(c.Kind, c.Group, Label(c.Kind, c.Group), null, c.Present));
        return groups;
    }

    /// <summary>
    /// The attendance the biên bản states: from the check-in when anyone was checked in, else the lines typed by hand
    /// (meetings held before the check-in existed).
    /// </summary>
    public static IReadOnlyList<AttendanceLine> ForMinutes(MeetingState state) =>
        state.CheckIns.Any(c => c.Present > 0)
            ? [.. Groups(state).Where(g => g.Present > 0).OrderBy(g => g.Kind switch { CheckInKind.Official => 0, CheckInKind.Guest => 1, _ => 2 })
                .Select(g => new AttendanceLine(g.Label, g.Present))]
            : state.Attendance;

    public static string Label(CheckInKind kind, string? group) => kind switch
    {
        CheckInKind.Official => "Đại biểu, cán bộ, công chức",
        CheckInKind.Guest => "Khách mời",
        CheckInKind.Locality => $"Nhân dân {group}",
        _ => group ?? "",
    };
}
