namespace LiveSession.Domain.Meetings;

/// <summary>
/// The rules of a meeting as two pure functions: <see cref="Decide"/> turns a command into events
/// (or a refusal) and <see cref="Evolve"/> applies an event. Everything else folds these.
/// </summary>
public static class Decider
{
    public static Decision Decide(MeetingState state, MeetingCommand command, CommandContext context)
    {
        if (!command.AllowedRoles.Contains(context.Actor.Role))
            return DomainError.Forbidden(context.Actor.Role);
        // A participant acts only as themself: without an id they would match every hall registration.
        if (context.Actor.Role == Role.Participant && string.IsNullOrEmpty(context.Actor.ParticipantId))
            return DomainError.Forbidden(context.Actor.Role);
        if (command is not CreateMeeting && !state.Exists)
            return DomainError.NotFound("hội nghị", state.Id);
        if (state.Status == MeetingStatus.Closed && !command.AllowedAfterClose)
            return DomainError.MeetingClosed;
        if (command.RequiresMeetingInProgress && state.Status != MeetingStatus.InProgress)
            return DomainError.MeetingNotStarted;

        var decision = command.Decide(state, context);
        if (!decision.IsAccepted) return decision;
        var by = AuthorOf(state, command, context);
        var stamped = decision.Events.Select(e => e with { At = context.Now, By = by }).ToArray();
        return Decision.Accept([.. stamped, .. Floor.ChairFloor.Follow(state, stamped).Select(e => e with { At = context.Now, By = by })]);
    }

    /// <summary>The audit's "who": a participant is known by the name they registered with, if they did.</summary>
    private static EventAuthor AuthorOf(MeetingState state, MeetingCommand command, CommandContext context)
    {
        var (role, participantId) = context.Actor;
        var person = command.ActingPerson ?? context.Person
            ?? (participantId is null ? null : state.Speakers.LastOrDefault(s => s.ParticipantId == participantId)?.Name);
        return new EventAuthor(role, context.Generation, participantId, person);
    }

    public static MeetingState Evolve(MeetingState state, MeetingEvent @event) =>
        @event.Apply(state) with { Version = state.Version + 1 };

    public static MeetingState Fold(MeetingState state, IEnumerable<MeetingEvent> events) =>
        events.Aggregate(state, Evolve);

    /// <summary>Decides and applies in one step; the state is unchanged when the command is refused.</summary>
    public static (MeetingState State, Decision Decision) Execute(MeetingState state, MeetingCommand command, CommandContext context)
    {
        var decision = Decide(state, command, context);
        return (decision.IsAccepted ? Fold(state, decision.Events) : state, decision);
    }
}
