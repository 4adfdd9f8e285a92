using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.FollowUp;

/// <summary>
/// Đối thoại gián tiếp (seed 000): kiến nghị an office receives outside any meeting — by letter, e-mail or through the
/// MTTQ — kept in the office's register, a dossier of its own with no meeting. They are answered in writing by the unit
/// each is given to, by its deadline, and followed up as a meeting's are; the periodic reports count them apart.
/// </summary>
public static class IndirectRegister
{
    private const string Prefix = "gian-tiep";
    public const int MaxItems = 5000;
    /// <summary>The records' kind of a register's own row (its kiến nghị need a row to belong to; no list of meetings shows it).</summary>
    public const string Kind = "Indirect";
    public const string Title = "Sổ đối thoại gián tiếp";

    /// <summary>The register's dossier id of an office (<see cref="OfficeGrant.Id"/>; null for the installation's own).</summary>
    public static string IdOf(string? office) => office is null ? Prefix : $"{Prefix}-{office}";

    /// <summary>Whether a dossier id is an office's register, and whose.</summary>
    public static bool IsRegister(string dossierId, out string? office)
    {
        office = dossierId.Length > Prefix.Length + 1 && dossierId.StartsWith(Prefix + "-", StringComparison.Ordinal) ? dossierId[(Prefix.Length + 1)..] : null;
        return dossierId == Prefix || office is not null;
    }
}

/// <summary>The office enters a kiến nghị received outside any meeting into its register, giving it to a unit with a deadline.</summary>
public sealed record ReceiveIndirectPetition(
    string CitizenName, string? Locality, string Summary, string? Field, PetitionSource Source, DateOnly ReceivedOn, string Unit, DateOnly Deadline)
    : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (!IndirectRegister.IsRegister(dossier.MeetingId, out _)) return DomainError.State("Kiến nghị ngoài hội nghị chỉ được vào sổ đối thoại gián tiếp.");
        if (dossier.FollowUp.Count >= IndirectRegister.MaxItems) return DomainError.State($"Sổ đối thoại gián tiếp đã đủ {IndirectRegister.MaxItems} kiến nghị.");
        if (Text.Required(CitizenName, "Họ tên người kiến nghị", Text.NameMax, out var name) is { } e1) return e1;
        if (Text.Optional(Locality, "Thôn, tổ dân phố", Text.ShortMax, out var locality) is { } e2) return e2;
        if (Text.RequiredMultiline(Summary, "Nội dung kiến nghị", FollowUpRules.ReasonMax, out var summary) is { } e3) return e3;
        if (Text.Optional(Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e4) return e4;
        if (!Enum.IsDefined(Source)) return DomainError.Invalid("Nguồn tiếp nhận không hợp lệ.");
        if (Text.Required(Unit, "Đơn vị giải quyết", Text.ShortMax, out var unit) is { } e5) return e5;
        if (ReceivedOn > context.Today || ReceivedOn < context.Today.AddYears(-1)) return DomainError.Invalid("Ngày tiếp nhận phải trong vòng một năm đến hôm nay.");
        if (Deadline < ReceivedOn || Deadline > ReceivedOn.AddYears(1)) return DomainError.Invalid("Thời hạn trả lời phải sau ngày tiếp nhận, trong vòng một năm.");
        var item = new FollowedPetition($"g{dossier.FollowUp.Count + 1}", summary, field, name, locality, PetitionResolution.WrittenAnswer, unit, Deadline, null,
            FollowUpStatus.InProgress, Started: true, ReceivedOn: ReceivedOn, Source: Source);
        return new IndirectPetitionReceived(item);
    }
}

public sealed record IndirectPetitionReceived(FollowedPetition Item) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with { FollowUp = dossier.FollowUp.Add(Item) };
}
