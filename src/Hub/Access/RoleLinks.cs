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

    /// <summary>Link of a role's page carrying its token; the transcriber has no page, only the token.</summary>
    public static string? Link(string baseUrl, Role role, string token) =>
        Pages.TryGetValue(role, out var page) ? $"{baseUrl.TrimEnd('/')}{page}?t={Uri.EscapeDataString(token)}" : null;
}
