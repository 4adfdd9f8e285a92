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

/// <summary>The chair takes the floor out of order (priority interjection).</summary>
public sealed record Interject(string? Topic = null, int Minutes = 2) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Optional(Topic, "Nội dung", Text.TitleMax, out var topic) is { } e1) return e1;
        if (Text.Range(Minutes, 1, QueueRules.MaxMinutes, "Thời gian (phút)") is { } e2) return e2;
        var turn = FloorRules.NewTurn(state, TurnKind.Interjection, state.Info!.ChairName, "Chủ trì", topic);
        return FloorRules.Open(state, turn, Minutes * 60);
    }
}

/// <summary>Ends the current turn (the timer's stop).</summary>
public sealed record EndTurn : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Floor is { } floor ? new TurnEnded(floor.TurnId) : FloorRules.NobodySpeaking;
}

public sealed record TurnStarted(Turn Turn, int AllottedSeconds) : MeetingEvent
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

public sealed record TurnEnded(string TurnId) : MeetingEvent
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
        new($"t{state.Turns.Count + 1}", kind, name, locality, topic, state.CurrentAgendaItemId, default);

    public static Decision GiveFloorTo(MeetingState state, Speaker speaker) =>
        Open(state, NewTurn(state, TurnKind.Citizen, speaker.Name, speaker.Locality ?? speaker.Organisation, speaker.Topic)
            with { SpeakerId = speaker.Id }, speaker.RequestedMinutes * 60);

    /// <summary>Ends whoever has the floor and opens the new turn.</summary>
    public static Decision Open(MeetingState state, Turn turn, int allottedSeconds) =>
        state.Floor is { } current
            ? Decision.Accept(new TurnEnded(current.TurnId), new TurnStarted(turn, allottedSeconds))
            : Decision.Accept(new TurnStarted(turn, allottedSeconds));
}
