using System.Text.Json;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.DataProtection;

namespace LiveSession.Hub.Access;

/// <summary>
/// What a role link grants: a role in one meeting, at a link generation, for a participant their id, and for a staff
/// link the time it ends (<see cref="LinkRules"/>).
/// </summary>
public sealed record RoleGrant(string MeetingId, Role Role, int Generation, string? ParticipantId = null, DateTimeOffset? Expires = null)
{
    public Actor Actor => new(Role, ParticipantId);
}

/// <summary>
/// Issues and reads the secret tokens carried by role links. They are encrypted and signed with
/// ASP.NET Core Data Protection (keys shared through Redis), so they cannot be guessed or forged.
/// </summary>
public sealed class RoleLinkTokens(IDataProtectionProvider dataProtection, LinkRules rules)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveSession.RoleLink.v1");

    private sealed record Payload(string M, Role R, int G, string? P, long? E = null);

    /// <summary>A token for <paramref name="grant"/>; a staff link's ends <see cref="LinkRules.ExpiryOfNew"/> (a new token renews it).</summary>
    public string Issue(RoleGrant grant)
    {
        var expires = grant.Expires ?? rules.ExpiryOfNew(grant.Role);
        return _protector.Protect(JsonSerializer.Serialize(
            new Payload(grant.MeetingId, grant.Role, grant.Generation, grant.ParticipantId, expires?.ToUnixTimeSeconds())));
    }

    /// <summary>A token of <paramref name="role"/> in the meeting at its current link generation.</summary>
    public string IssueCurrent(MeetingState state, Role role) => Issue(new RoleGrant(state.Id, role, state.LinkGeneration(role)));

    public RoleGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            return payload is null ? null : new RoleGrant(payload.M, payload.R, payload.G, payload.P,
                payload.E is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
