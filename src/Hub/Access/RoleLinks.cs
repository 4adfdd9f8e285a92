using LiveSession.Domain.Meetings;

namespace LiveSession.Hub.Access;

/// <summary>The page each role opens, and the full links handed out when a meeting is created.</summary>
public static class RoleLinks
{
    public static IReadOnlyDictionary<Role, string> Pages { get; } = new Dictionary<Role, string>
    {
        [Role.Chair] = "/chair",
        [Role.Secretary] = "/secretary",
        [Role.Organizer] = "/organizer",
        [Role.Screen] = "/screen",
        [Role.Participant] = "/join",
        [Role.Microphone] = "/mic",
    };

    /// <summary>
    /// The links a holder sees and shares: the chair (and the office, by the admin key) all of them; the organizer only
    /// those it hands out (registration desk, hall screen, participants, hall microphone), never the chair's or the
    /// secretary's, nor the worker's token.
    /// </summary>
    public static IReadOnlySet<Role> SharedBy(Role? holder) => holder switch
    {
        null or Role.Chair => AllRoles,
        Role.Organizer => OrganizerShares,
        _ => EmptyRoles,
    };

    private static readonly IReadOnlySet<Role> AllRoles = Enum.GetValues<Role>().ToHashSet();
    private static readonly IReadOnlySet<Role> OrganizerShares = new HashSet<Role> { Role.Organizer, Role.Screen, Role.Participant, Role.Microphone };
    private static readonly IReadOnlySet<Role> EmptyRoles = new HashSet<Role>();

    /// <summary>Link of a role's page carrying its token; the transcriber has no page, only the token.</summary>
    public static string? Link(string baseUrl, Role role, string token) =>
        Pages.TryGetValue(role, out var page) ? $"{baseUrl.TrimEnd('/')}{page}?t={Uri.EscapeDataString(token)}" : null;
}
