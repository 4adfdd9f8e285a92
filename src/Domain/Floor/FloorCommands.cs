using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;

namespace LiveSession.Domain.Floor;

/// <summary>Gives the floor to the first speaker in the queue (the current turn ends).</summary>
public sealed record CallNext : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Queue.IsEmpty
            ? new DomainError("queue_empty", "Danh sách chờ phát biểu đang trống.")
            : FloorRules.GiveFloorTo(state, state.FindSpeaker(state.Queue[0])!);
}

/// <summary>Gives the floor to a given queued speaker, out of order.</summary>
public sealed record CallSpeaker(string SpeakerId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        QueueRules.FindQueued(state, SpeakerId) is { } error
            ? error
            : FloorRules.GiveFloorTo(state, state.FindSpeaker(SpeakerId)!);
}

/// <summary>
/// Mời trả lời: gives the floor to an official to answer a turn — the given one, or else the current
/// or latest citizen turn.
/// </summary>
public sealed record InviteAnswer(string OfficialId, string? TurnId = null, int Minutes = FloorRules.AnswerMinutes) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindOfficial(OfficialId) is not { } official)
            return DomainError.NotFound("cán bộ trả lời", OfficialId);
        if (Text.Range(Minutes, 1, QueueRules.MaxMinutes, "Thời gian trả lời (phút)") is { } e1) return e1;
        var question = TurnId is null
            ? state.Turns.FindLast(t => t.Kind is TurnKind.Citizen or TurnKind.FollowUp)
            : state.FindTurn(TurnId);
        if (question is null)
            return TurnId is null
                ? DomainError.State("Chưa có ý kiến nào để mời trả lời.")
                : DomainError.NotFound("lượt phát biểu", TurnId);
        if (question.Kind is not (TurnKind.Citizen or TurnKind.FollowUp))
            return DomainError.State("Chỉ mời trả lời cho ý kiến của người dân.");

        var turn = FloorRules.NewTurn(state, TurnKind.Answer, official.Name.Length > 0 ? official.Name : official.Title,
            official.Title, question.Topic) with { OfficialId = official.Id, RelatesToTurnId = question.Id };
        return FloorRules.Open(state, turn, Minutes * 60);
    }
}

/// <summary>The citizen of an earlier turn follows up on it (đối thoại tiếp).</summary>
public sealed record GiveFollowUp(string TurnId, int Minutes = 2) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindTurn(TurnId) is not { } earlier)
            return DomainError.NotFound("lượt phát biểu", TurnId);
        if (earlier.Kind is not (TurnKind.Citizen or TurnKind.FollowUp))
            return DomainError.State("Chỉ người dân đã phát biểu mới được hỏi tiếp.");
        if (Text.Range(Minutes, 1, QueueRules.MaxMinutes, "Thời gian (phút)") is { } e1) return e1;
        if (state.Floor?.TurnId == TurnId)
            return DomainError.State("Người này đang phát biểu.");
        var turn = FloorRules.NewTurn(state, TurnKind.FollowUp, earlier.SpeakerName, earlier.Locality, earlier.Topic)
            with { SpeakerId = earlier.SpeakerId, RelatesToTurnId = earlier.Id };
        return FloorRules.Open(state, turn, Minutes * 60);
    }
}

/// <summary>
/// Phát biểu xen: the chair takes the floor out of order, for <see cref="Minutes"/> (2 by default, set on the console).
/// The turn it interrupts is not ended: it is suspended with its timer paused and gets the floor back, with the
/// time it had left, when the interjection ends (<see cref="EndTurn"/>). Calling someone else during the interjection
/// ends both.
/// </summary>
public sealed record Interject(string? Topic = null, int Minutes = Interject.DefaultMinutes) : MeetingCommand
{
    public const int DefaultMinutes = 2;
    public const int MaxMinutes = 15;

    /// <summary>
    /// Who may interject: the chair alone. The plans give the chair, and no one else, the right to cut in ("người chủ
    /// trì đối thoại có thể hỏi lại Nhân dân", to ask back, remind of the topic or the time); an official speaks when the
    /// chair invites them (<see cref="InviteAnswer"/>, <see cref="StartReport"/>), the secretary keeps the minutes and
    /// the desk registers: none of them runs the floor.
    /// </summary>
    public static IReadOnlySet<Role> Interjectors => Allowed.Chair;

    public override IReadOnlySet<Role> AllowedRoles => Interjectors;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Optional(Topic, "Nội dung", Text.TitleMax, out var topic) is { } e1) return e1;
        if (Text.Range(Minutes, 1, MaxMinutes, "Thời gian phát biểu xen (phút)") is { } e2) return e2;
        if (state.Suspended is not null)
            return DomainError.State("Chủ trì đang phát biểu xen; bấm \"Dừng\" để trả lời lại cho người đang phát biểu trước.");
        var turn = FloorRules.NewTurn(state, TurnKind.Interjection, state.Info!.ChairName, ChairFloor.Place, topic);
        return state.Floor is { } interrupted && state.CurrentTurn!.Kind != TurnKind.Interjection
            ? Decision.Accept(new TurnSuspended(interrupted.TurnId), new TurnStarted(turn, Minutes * 60))
            : FloorRules.Open(state, turn, Minutes * 60);
    }
}

/// <summary>Ends the current turn (the timer's stop); after an interjection the interrupted turn resumes.</summary>
public sealed record EndTurn : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) => state switch
    {
        { Floor: { } floor, Suspended: { } suspended } => Decision.Accept(new TurnEnded(floor.TurnId), new TurnResumed(suspended.Floor.TurnId)),
        { Floor: { } floor } => new TurnEnded(floor.TurnId),
        _ => FloorRules.NobodySpeaking,
    };
}

/// <summary>An interjection interrupted the turn: its timer pauses and it leaves the floor without ending.</summary>
public sealed record TurnSuspended(string TurnId) : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Suspended = new SuspendedTurn(state.Floor! with { Timer = state.Floor.Timer.Pause(At) }, state.Floor.Timer.IsRunning),
        Floor = null,
    };
}

/// <summary>The interjection ended: the interrupted turn has the floor again with the time it had left.</summary>
public sealed record TurnResumed(string TurnId) : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state)
    {
        var (floor, wasRunning) = state.Suspended!;
        return state with { Floor = wasRunning ? floor with { Timer = floor.Timer.Resume(At) } : floor, Suspended = null };
    }
}

public sealed record TurnStarted(Turn Turn, int AllottedSeconds) : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state)
    {
        var next = state with
        {
            Turns = state.Turns.Add(Turn with { StartedAt = At }),
            Floor = new FloorState(Turn.Id, SpeakingTimer.StartNew(AllottedSeconds, At)),
        };
        return Turn is { Kind: TurnKind.Citizen, SpeakerId: { } id }
            ? next.UpdateSpeaker(id, s => s with { Status = SpeakerStatus.Speaking }) with { Queue = next.Queue.Remove(id) }
            : next;
    }
}

public sealed record TurnEnded(string TurnId) : MeetingEvent, IMovesTheFloor
{
    internal override MeetingState Apply(MeetingState state)
    {
        var spoken = (int)Math.Round(state.Floor!.Timer.ElapsedAt(At));
        var turn = state.FindTurn(TurnId)!;
        var next = state.UpdateTurn(TurnId, t => t with { EndedAt = At, SpokenSeconds = spoken }) with { Floor = null };
        if (turn.SpeakerId is not { } speakerId) return next;
        next = next.UpdateSpeaker(speakerId, s => s with { SpokenSeconds = s.SpokenSeconds + spoken });
        return turn.Kind == TurnKind.Citizen
            ? next.UpdateSpeaker(speakerId, s => s with { Status = SpeakerStatus.Done }) with { LastSpeakerId = speakerId }
            : next;
    }
}

internal static class FloorRules
{
    public const int AnswerMinutes = 5;
    public static readonly DomainError NobodySpeaking = DomainError.State("Hiện không có ai đang phát biểu.");

    /// <summary>A new turn; its start time is set when <see cref="TurnStarted"/> is applied.</summary>
    public static Turn NewTurn(MeetingState state, TurnKind kind, string name, string? locality, string? topic) =>
        new($"t{state.GivenTurns.Count() + 1}", kind, name, locality, topic, state.CurrentAgendaItemId, default);

    public static Decision GiveFloorTo(MeetingState state, Speaker speaker) =>
        Open(state, NewTurn(state, TurnKind.Citizen, speaker.Name, speaker.Locality ?? speaker.Organisation, speaker.Topic)
            with { SpeakerId = speaker.Id }, speaker.RequestedMinutes * 60);

    /// <summary>Ends whoever has the floor (and the turn an interjection interrupted) and opens the new turn.</summary>
    public static Decision Open(MeetingState state, Turn turn, int allottedSeconds) =>
        Decision.Accept([.. ClearFloor(state), new TurnStarted(turn, allottedSeconds)]);

    /// <summary>The events that end whoever has the floor; an interrupted turn gets it back for an instant and ends too.</summary>
    public static IEnumerable<MeetingEvent> ClearFloor(MeetingState state)
    {
        if (state.Floor is { } current) yield return new TurnEnded(current.TurnId);
        if (state.Suspended is { Floor.TurnId: var interrupted })
        {
            yield return new TurnResumed(interrupted);
            yield return new TurnEnded(interrupted);
        }
    }
}
