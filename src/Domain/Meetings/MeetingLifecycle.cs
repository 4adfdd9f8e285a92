using System.Collections.Immutable;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Survey;

namespace LiveSession.Domain.Meetings;

/// <summary>Creates the meeting from its plan, with the default agenda (trình tự) and officials. Names and job titles come apart.</summary>
public sealed record CreateMeeting(
    string Title,
    MeetingKind Kind,
    MeetingForm Form,
    string Venue,
    DateTimeOffset ScheduledStart,
    string ChairName,
    string SecretaryName,
    IReadOnlyList<string>? AgendaTitles = null,
    DateOnly? NoticeDate = null,
    string? ChairTitle = null,
    string? SecretaryTitle = null,
    string? Office = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Organizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.Exists)
            return DomainError.State("Hội nghị này đã được tạo.");
        if (MeetingPlan.Check(Title, Kind, Form, Venue, ScheduledStart, ChairName, SecretaryName, NoticeDate, ChairTitle, SecretaryTitle, out var info) is { } error)
            return error;

        var agenda = new List<AgendaItem>();
        var titles = AgendaTitles is { Count: > 0 } ? AgendaTitles.Select(t => (t, 10)) : AgendaTemplate.Default;
        foreach (var (itemTitle, minutes) in titles)
        {
            if (Text.Required(itemTitle, "Tên bước", Text.TitleMax, out var normalized) is { } e5) return e5;
            agenda.Add(new AgendaItem($"a{agenda.Count + 1}", normalized, minutes));
        }
        if (agenda.Count > AgendaTemplate.MaxItems)
            return DomainError.Invalid($"Chương trình có tối đa {AgendaTemplate.MaxItems} bước.");

        var officials = OfficialTemplate.Default.Select((o, i) => o with { Id = $"o{i + 1}" }).ToImmutableList();
        return new MeetingCreated(info, [.. agenda], officials, Office);
    }
}

/// <param name="Office">The office (<see cref="Access.OfficeGrant.Id"/>) whose admin key created the meeting; null for the installation's own.</param>
public sealed record MeetingCreated(MeetingInfo Info, ImmutableList<AgendaItem> Agenda, ImmutableList<Official> Officials, string? Office = null) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Info = Info,
        Office = Office,
        Agenda = Agenda,
        AgendaItemsCreated = Agenda.Count,
        Officials = Officials,
        OfficialsCreated = Officials.Count,
    };
}

/// <summary>The chair opens the meeting: scheduled → in progress.</summary>
public sealed record StartMeeting : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Status == MeetingStatus.Scheduled
            ? new MeetingStarted()
            : DomainError.State("Hội nghị đã bắt đầu rồi.");
}

public sealed record MeetingStarted : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Status = MeetingStatus.InProgress, StartedAt = At };
}

/// <summary>The chair closes the meeting: the floor, the current step and an open survey end with it.</summary>
public sealed record CloseMeeting : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        var events = new List<MeetingEvent>();
        events.AddRange(FloorRules.ClearFloor(state));
        if (state.CurrentAgendaItemId is { } current) events.Add(new AgendaItemFinished(current));
        if (state.Survey is { IsOpen: true }) events.Add(new SurveyClosed());
        events.Add(new MeetingClosed());
        return Decision.Accept(events);
    }
}

public sealed record MeetingClosed : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Status = MeetingStatus.Closed, ClosedAt = At };
}

/// <summary>
/// The chair takes back an end clicked too soon: the meeting runs again, without a speaker or a current step,
/// for <see cref="Grace"/> after it closed and until the biên bản is signed. Later the conclusion notice and the
/// follow-up build on the closed record.
/// </summary>
public sealed record ReopenMeeting : MeetingCommand
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool AllowedAfterClose => true;

    /// <summary>Until when the chair may reopen the meeting; null when it is not closed or its biên bản is signed.</summary>
    public static DateTimeOffset? Until(MeetingState state) =>
        state is { Status: MeetingStatus.Closed, ClosedAt: { } closedAt, MinutesSignedAt: null } ? closedAt + Grace : null;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.Status != MeetingStatus.Closed || state.ClosedAt is not { } closedAt)
            return DomainError.State("Hội nghị chưa kết thúc nên không cần mở lại.");
        if (state.MinutesSignedAt is not null)
            return DomainError.State("Biên bản hội nghị đã được ký: không thể mở lại hội nghị.");
        if (context.Now > closedAt + Grace)
            return DomainError.State($"Đã quá {(int)Grace.TotalMinutes} phút kể từ khi kết thúc: không thể mở lại hội nghị. Biên bản và thông báo kết luận được lập theo hội nghị đã kết thúc.");
        return new MeetingReopened();
    }
}

public sealed record MeetingReopened : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Status = MeetingStatus.InProgress, ClosedAt = null };
}

/// <summary>The chair rotates a role's secret link: links handed out before stop working.</summary>
public sealed record RotateLink(Role Role) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        Enum.IsDefined(Role)
            ? new LinkRotated(Role, state.LinkGeneration(Role) + 1)
            : DomainError.Invalid("Vai trò không hợp lệ.");
}

public sealed record LinkRotated(Role Role, int Generation) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { LinkGenerations = state.LinkGenerations.SetItem(Role, Generation) };
}
