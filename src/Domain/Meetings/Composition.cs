using System.Collections.Immutable;

namespace LiveSession.Domain.Meetings;

/// <summary>Whether a quota is for a thôn / tổ dân phố or for an organisation (MTTQ, đoàn thể, cơ quan).</summary>
public enum QuotaKind { Locality, Organisation }

/// <summary>How many people one group sends to the meeting.</summary>
public sealed record Quota(string Group, QuotaKind Kind, int Count);

/// <summary>
/// Thành phần tham dự: the citizens invited by quota. Every thôn / tổ dân phố of the meeting sends
/// <see cref="PerLocality"/> people (e.g. 5 per thôn) unless a locality quota says otherwise; each
/// organisation sends its own quota.
/// </summary>
public sealed record Composition(int PerLocality, ImmutableList<Quota> Quotas)
{
    public const int MaxPerGroup = 500;
    public const int MaxQuotas = 300;

    /// <summary>Every group with the number it sends: the meeting's localities in order, then the organisations.</summary>
    public IReadOnlyList<Quota> Lines(IReadOnlyList<string> localities) =>
    [
        .. localities.Select(l => Quotas.Find(q => q.Kind == QuotaKind.Locality && Same(q.Group, l)) ?? new Quota(l, QuotaKind.Locality, PerLocality)),
        .. Quotas.Where(q => q.Kind == QuotaKind.Organisation),
    ];

    public int Total(IReadOnlyList<string> localities) => Lines(localities).Sum(q => q.Count);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1309", Justification = "Locality names are typed by people: a linguistic comparison takes composed and decomposed Vietnamese letters as the same, ordinal does not.")]
    internal static bool Same(string a, string b) => string.Equals(a, b, StringComparison.CurrentCultureIgnoreCase);
}

/// <summary>Sets the participants' composition of the plan: a quota per thôn / tổ dân phố and per organisation.</summary>
public sealed record SetComposition(int PerLocality, IReadOnlyList<Quota> Quotas) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Range(PerLocality, 0, Composition.MaxPerGroup, "Số người mỗi thôn/tổ dân phố") is { } perLocality) return perLocality;
        var quotas = new List<Quota>();
        foreach (var quota in Quotas ?? [])
        {
            if (quota is null || !Enum.IsDefined(quota.Kind)) return DomainError.Invalid("Thành phần có dòng không hợp lệ.");
            var label = quota.Kind == QuotaKind.Locality ? "Tên thôn/tổ dân phố" : "Tên cơ quan, đoàn thể";
            if (Text.Required(quota.Group, label, Text.ShortMax, out var group) is { } name) return name;
            if (Text.Range(quota.Count, 0, Composition.MaxPerGroup, $"Số người của {group}") is { } count) return count;
            if (quota.Kind == QuotaKind.Locality && !state.Localities.Any(l => Composition.Same(l, group)))
                return DomainError.Invalid($"\"{group}\" không có trong danh sách thôn/tổ dân phố của hội nghị; hãy thêm vào danh sách trước.");
            if (quotas.Any(q => Composition.Same(q.Group, group)))
                return DomainError.Invalid($"\"{group}\" được ghi hai lần trong thành phần.");
            quotas.Add(new Quota(quota.Kind == QuotaKind.Locality ? state.Localities.First(l => Composition.Same(l, group)) : group, quota.Kind, quota.Count));
        }
        if (quotas.Count > Composition.MaxQuotas) return DomainError.Invalid($"Tối đa {Composition.MaxQuotas} dòng thành phần.");
        var composition = new Composition(PerLocality, [.. quotas]);
        return state.Composition is { } current && current.PerLocality == composition.PerLocality && current.Quotas.SequenceEqual(composition.Quotas)
            ? DomainError.State("Thành phần tham dự không thay đổi.")
            : new CompositionSet(composition);
    }
}

public sealed record CompositionSet(Composition Composition) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Composition = Composition };
}

/// <summary>
/// Sets the last day petitions collected before the meeting are taken in (hạn thu thập kiến nghị);
/// null lifts it (then the day before the meeting is the limit).
/// </summary>
public sealed record SetPetitionCutoff(DateOnly? Date) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Date >= state.Info!.Day)
            return DomainError.Invalid($"Hạn thu thập kiến nghị phải trước ngày hội nghị ({state.Info.Day:dd/MM/yyyy}).");
        return Date == state.PetitionCutoff ? DomainError.State("Hạn thu thập kiến nghị không thay đổi.") : new PetitionCutoffSet(Date);
    }
}

public sealed record PetitionCutoffSet(DateOnly? Date) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { PetitionCutoff = Date };
}
