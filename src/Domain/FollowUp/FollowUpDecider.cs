using System.Collections.Immutable;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.FollowUp;

/// <summary>
/// Who acts on a dossier: the holder of the way in, the unit for a unit's link, and the person where one is known. Kept on
/// every event as its author.
/// </summary>
/// <param name="OfficeId">For the office and a unit: the office they belong to (<see cref="OfficeGrant.Id"/>); they act only on its meetings.</param>
public sealed record FollowUpActor(Holder Holder, string? Unit = null, string? Person = null, string? OfficeId = null)
{
    /// <summary>The installation's own office.</summary>
    public static FollowUpActor Office { get; } = new(Holder.Office);
    public static FollowUpActor ForOffice(string? office) => new(Holder.Office, OfficeId: office);
    public static FollowUpActor ForUnit(string unit, string? office = null) => new(Holder.Unit, unit, OfficeId: office);

    /// <summary>The short "who" the follow-up history shows: the unit, else the person, else the holder.</summary>
    public string Label => Unit ?? Person ?? HolderNames.Vietnamese(Holder);
}

/// <summary>
/// What a follow-up command is decided against besides the dossier: who asks, the server's clock, and the live meeting's
/// state as it is now (null when it is unknown), which owns the meeting's plan, its cut-off and its kiến nghị.
/// </summary>
public sealed record FollowUpContext(FollowUpActor Actor, DateTimeOffset Now, MeetingState? Meeting)
{
    /// <summary>The public holidays working days skip (the host's list); weekends always.</summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>Today in Vietnam, the day cut-offs and deadlines are counted in.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(TimeSpan.FromHours(7)).DateTime);
}

/// <summary>One action on a dossier. Each command declares the holders it is open to and decides from the dossier alone (and the meeting it is given).</summary>
public abstract record FollowUpCommand
{
    public abstract IReadOnlySet<Holder> AllowedHolders { get; }

    internal abstract FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context);
}

/// <summary>A fact of a dossier, with when and by whom (null in the baseline taken over from the records made before the dossier).</summary>
public abstract record FollowUpEvent
{
    public DateTimeOffset At { get; init; }
    public FollowUpActor? By { get; init; }

    internal abstract PetitionDossier Apply(PetitionDossier dossier);
}

/// <summary>The outcome of deciding a follow-up command: its events (none when there was nothing to do), or the refusal.</summary>
public readonly record struct FollowUpDecision(ImmutableList<FollowUpEvent> Events, DomainError? Error)
{
    public bool IsAccepted => Error is null;

    public static FollowUpDecision Nothing { get; } = new([], null);

    public static implicit operator FollowUpDecision(DomainError error) => new([], error);
    public static implicit operator FollowUpDecision(FollowUpEvent @event) => new([@event], null);
}

/// <summary>The rules of a dossier as two pure functions, like the meeting's <see cref="Decider"/>.</summary>
public static class FollowUpDecider
{
    public static FollowUpDecision Decide(PetitionDossier dossier, FollowUpCommand command, FollowUpContext context)
    {
        var holder = context.Actor.Holder;
        if (!command.AllowedHolders.Contains(holder)) return FollowUpRules.Forbidden(holder);
        // A unit acts only as itself: without its name it would match no item, or every one.
        if (holder == Holder.Unit && string.IsNullOrWhiteSpace(context.Actor.Unit)) return FollowUpRules.Forbidden(holder);
        // An office, and its units, follow only that office's meetings (several communes may share an installation).
        var owner = IndirectRegister.IsRegister(dossier.MeetingId, out var registerOffice) ? registerOffice : context.Meeting?.Office;
        if (holder is Holder.Office or Holder.Unit && owner != context.Actor.OfficeId)
            return new DomainError("forbidden", "Hội nghị này thuộc văn phòng khác.");
        var decision = command.Decide(dossier, context);
        return decision.IsAccepted
            ? new FollowUpDecision([.. decision.Events.Select(e => e with { At = context.Now, By = context.Actor })], null)
            : decision;
    }

    public static PetitionDossier Evolve(PetitionDossier dossier, FollowUpEvent @event) =>
        @event.Apply(dossier) with { Version = dossier.Version + 1 };

    public static PetitionDossier Fold(PetitionDossier dossier, IEnumerable<FollowUpEvent> events) => events.Aggregate(dossier, Evolve);

    /// <summary>Decides and applies; the dossier is unchanged when the command is refused.</summary>
    public static (PetitionDossier Dossier, FollowUpDecision Decision) Execute(PetitionDossier dossier, FollowUpCommand command, FollowUpContext context)
    {
        var decision = Decide(dossier, command, context);
        return (decision.IsAccepted ? Fold(dossier, decision.Events) : dossier, decision);
    }
}
