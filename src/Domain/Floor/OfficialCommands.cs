using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Floor;

/// <summary>Adds an official who may be invited to answer.</summary>
public sealed record AddOfficial(string Name, string Title, string? Field = null) : MeetingCommand
{
    public const int MaxOfficials = 50;

    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Optional(Name, "Họ tên", Text.NameMax, out var name) is { } e1) return e1;
        if (Text.Required(Title, "Chức vụ", Text.ShortMax, out var title) is { } e2) return e2;
        if (Text.Optional(Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e3) return e3;
        if (state.Officials.Count >= MaxOfficials)
            return DomainError.State($"Tối đa {MaxOfficials} cán bộ trả lời.");
        return new OfficialAdded(new Official($"o{state.OfficialsCreated + 1}", name ?? "", title, field));
    }
}

public sealed record OfficialAdded(Official Official) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Officials = state.Officials.Add(Official),
        OfficialsCreated = state.OfficialsCreated + 1,
    };
}

public sealed record RemoveOfficial(string OfficialId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindOfficial(OfficialId) is null)
            return DomainError.NotFound("cán bộ trả lời", OfficialId);
        if (state.CurrentTurn?.OfficialId == OfficialId)
            return DomainError.State("Cán bộ này đang trả lời.");
        return new OfficialRemoved(OfficialId);
    }
}

public sealed record OfficialRemoved(string OfficialId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Officials = state.Officials.RemoveAll(o => o.Id == OfficialId) };
}
