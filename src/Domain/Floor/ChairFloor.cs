using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Floor;

/// <summary>An event that may give or take the floor, change the agenda step or the meeting's status.</summary>
internal interface IMovesTheFloor;

/// <summary>
/// When nobody holds the floor, the floor is the chair's. From the start of the meeting, between turns and until
/// the close, what is said (the opening of steps 1–3, the conclusions of step 8) is a chair's turn ("c1", "c2"…)
/// under the current agenda step: the transcription puts that speech on it and the biên bản prints it. A new step
/// opens a new chair's turn; anyone given the floor ends it. The decider asks this after every accepted command
/// whose events move the floor, so no command has to remember it, and a meeting stored before this rule gets its
/// chair's turn at its next such command. The chair's turn has no timer: it is not <see cref="MeetingState.Floor"/>.
/// </summary>
public static class ChairFloor
{
    /// <summary>What the chair says in their own turn, as the documents and pages name it.</summary>
    public const string Place = "Chủ trì";

    /// <summary>The events that keep the rule after <paramref name="events"/> (none when they move nothing).</summary>
    internal static IReadOnlyList<MeetingEvent> Follow(MeetingState before, IReadOnlyList<MeetingEvent> events)
    {
        if (!events.Any(e => e is IMovesTheFloor)) return [];
        var after = Decider.Fold(before, events);
        var open = after.ChairTurnId is { } id ? after.FindTurn(id) : null;
        var chairs = after.Status == MeetingStatus.InProgress && after.Floor is null;
        var follow = new List<MeetingEvent>();
        if (open is not null && (!chairs || open.AgendaItemId != after.CurrentAgendaItemId))
        {
            follow.Add(new ChairFloorLeft(open.Id));
            open = null;
        }
        if (chairs && open is null)
        {
            var number = after.Turns.Count(t => t.Kind == TurnKind.Chair) + 1;
            follow.Add(new ChairFloorTaken(new Turn($"c{number}", TurnKind.Chair, after.Info!.ChairName, Place, null,
                after.CurrentAgendaItemId, default)));
        }
        return follow;
    }
}

/// <summary>Nobody else holds the floor: the chair's turn opens (its start is when the event is applied).</summary>
public sealed record ChairFloorTaken(Turn Turn) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Turns = state.Turns.Add(Turn with { StartedAt = At }),
        ChairTurnId = Turn.Id,
    };
}

/// <summary>Someone was given the floor, the step changed or the meeting closed: the chair's turn ends.</summary>
public sealed record ChairFloorLeft(string TurnId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateTurn(TurnId, t => t with { EndedAt = At, SpokenSeconds = (int)Math.Round(Math.Max(0, (At - t.StartedAt).TotalSeconds)) })
            with { ChairTurnId = null };
}
