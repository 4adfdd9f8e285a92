namespace LiveSession.Domain.Meetings;

/// <summary>
/// One user action on a meeting. Each command declares who may send it and decides, from the state
/// alone, which events it causes. See <see cref="Decider"/> for the checks shared by all commands.
/// </summary>
public abstract record MeetingCommand
{
    public abstract IReadOnlySet<Role> AllowedRoles { get; }

    /// <summary>Floor and timer commands need a meeting that has started.</summary>
    public virtual bool RequiresMeetingInProgress => false;

    /// <summary>The minutes are finished after the meeting: those commands still work once it is closed.</summary>
    public virtual bool AllowedAfterClose => false;

    /// <summary>The person the command names as acting (e.g. the secretary's name typed beside an edit), for the audit.</summary>
    public virtual string? ActingPerson => null;

    internal abstract Decision Decide(MeetingState state, CommandContext context);
}

/// <summary>A fact that happened to a meeting. Applying it never fails: it was decided already.</summary>
public abstract record MeetingEvent
{
    /// <summary>Server time (UTC) of the command that caused it.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Who caused it (null in events stored before the audit was kept).</summary>
    public EventAuthor? By { get; init; }

    internal abstract MeetingState Apply(MeetingState state);
}

/// <summary>An event with the meeting version it produced: the unit clients and the store exchange.</summary>
public sealed record VersionedEvent(long Version, MeetingEvent Event);

/// <summary>The sets of roles commands are open to.</summary>
public static class Allowed
{
    public static readonly IReadOnlySet<Role> Chair = new HashSet<Role> { Role.Chair };
    public static readonly IReadOnlySet<Role> ChairAndOrganizer = new HashSet<Role> { Role.Chair, Role.Organizer };
    public static readonly IReadOnlySet<Role> Registrars = new HashSet<Role> { Role.Chair, Role.Organizer, Role.Participant };
    public static readonly IReadOnlySet<Role> Organizer = new HashSet<Role> { Role.Organizer };
}
