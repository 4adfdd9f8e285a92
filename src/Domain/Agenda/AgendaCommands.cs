using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Agenda;

/// <summary>Adds a step, at the end or at a given position (0-based).</summary>
public sealed record AddAgendaItem(string Title, int PlannedMinutes, int? Position = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Required(Title, "Tên bước", Text.TitleMax, out var title) is { } e1) return e1;
        if (Text.Range(PlannedMinutes, 1, 480, "Thời lượng dự kiến (phút)") is { } e2) return e2;
        if (state.Agenda.Count >= AgendaTemplate.MaxItems)
            return DomainError.Invalid($"Chương trình có tối đa {AgendaTemplate.MaxItems} bước.");
        var position = Position ?? state.Agenda.Count;
        if (Text.Range(position, 0, state.Agenda.Count, "Vị trí") is { } e3) return e3;
        return new AgendaItemAdded(new AgendaItem($"a{state.AgendaItemsCreated + 1}", title, PlannedMinutes), position);
    }
}

public sealed record AgendaItemAdded(AgendaItem Item, int Position) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Agenda = state.Agenda.Insert(Position, Item),
        AgendaItemsCreated = state.AgendaItemsCreated + 1,
    };
}

/// <summary>Removes a step that has not been run.</summary>
public sealed record RemoveAgendaItem(string ItemId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (AgendaRules.Find(state, ItemId, out var item) is { } error) return error;
        if (item.StartedAt is not null)
            return DomainError.State("Không thể xóa bước đã diễn ra.");
        return new AgendaItemRemoved(ItemId);
    }
}

public sealed record AgendaItemRemoved(string ItemId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Agenda = state.Agenda.RemoveAll(a => a.Id == ItemId) };
}

public sealed record RenameAgendaItem(string ItemId, string Title) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (AgendaRules.Find(state, ItemId, out _) is { } e1) return e1;
        if (Text.Required(Title, "Tên bước", Text.TitleMax, out var title) is { } e2) return e2;
        return new AgendaItemRenamed(ItemId, title);
    }
}

public sealed record AgendaItemRenamed(string ItemId, string Title) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.UpdateAgendaItem(ItemId, a => a with { Title = Title });
}

/// <summary>Moves a step to another position (0-based).</summary>
public sealed record MoveAgendaItem(string ItemId, int Position) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (AgendaRules.Find(state, ItemId, out _) is { } e1) return e1;
        if (Text.Range(Position, 0, state.Agenda.Count - 1, "Vị trí") is { } e2) return e2;
        return new AgendaItemMoved(ItemId, Position);
    }
}

public sealed record AgendaItemMoved(string ItemId, int Position) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state)
    {
        var item = state.Agenda.Find(a => a.Id == ItemId)!;
        return state with { Agenda = state.Agenda.Remove(item).Insert(Position, item) };
    }
}

/// <summary>Starts a given step; the step running before it is finished.</summary>
public sealed record StartAgendaItem(string ItemId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (AgendaRules.Find(state, ItemId, out _) is { } error) return error;
        if (state.CurrentAgendaItemId == ItemId)
            return DomainError.State("Bước này đang diễn ra.");
        return AgendaRules.SwitchTo(state, ItemId);
    }
}

/// <summary>Finishes the current step without starting another.</summary>
public sealed record FinishAgendaItem : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.CurrentAgendaItemId is { } current
            ? new AgendaItemFinished(current)
            : DomainError.State("Không có bước nào đang diễn ra.");
}

/// <summary>Finishes the current step and starts the one after it (or the first one).</summary>
public sealed record NextAgendaItem : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        var index = state.CurrentAgendaItemId is { } current
            ? state.Agenda.FindIndex(a => a.Id == current) + 1
            : state.Agenda.FindIndex(a => !a.IsDone);
        if (index < 0 || index >= state.Agenda.Count)
            return DomainError.State("Đã đến bước cuối của chương trình.");
        return AgendaRules.SwitchTo(state, state.Agenda[index].Id);
    }
}

/// <summary>Goes back to the step before the current one.</summary>
public sealed record PreviousAgendaItem : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        var index = state.CurrentAgendaItemId is { } current ? state.Agenda.FindIndex(a => a.Id == current) : -1;
        if (index <= 0)
            return DomainError.State("Không có bước trước để quay lại.");
        return AgendaRules.SwitchTo(state, state.Agenda[index - 1].Id);
    }
}

public sealed record AgendaItemStarted(string ItemId) : MeetingEvent, Floor.IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateAgendaItem(ItemId, a => a with { StartedAt = a.StartedAt ?? At, EndedAt = null }) with { CurrentAgendaItemId = ItemId };
}

public sealed record AgendaItemFinished(string ItemId) : MeetingEvent, Floor.IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateAgendaItem(ItemId, a => a with { EndedAt = At }) with { CurrentAgendaItemId = null };
}

internal static class AgendaRules
{
    public static DomainError? Find(MeetingState state, string? id, out AgendaItem item)
    {
        item = state.Agenda.Find(a => a.Id == id)!;
        return item is null ? DomainError.NotFound("bước trong chương trình", id ?? "") : null;
    }

    public static Decision SwitchTo(MeetingState state, string itemId) =>
        state.CurrentAgendaItemId is { } current
            ? Decision.Accept(new AgendaItemFinished(current), new AgendaItemStarted(itemId))
            : Decision.Accept(new AgendaItemStarted(itemId));
}
