using System.Text.Json;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.DataProtection;

namespace LiveSession.Hub.Access;

/// <summary>What a role link grants: a role in one meeting, at a link generation, and for a participant their id.</summary>
public sealed record RoleGrant(string MeetingId, Role Role, int Generation, string? ParticipantId = null)
{
    public Actor Actor => new(Role, ParticipantId);
}

/// <summary>
/// Issues and reads the secret tokens carried by role links. They are encrypted and signed with
/// ASP.NET Core Data Protection (keys shared through Redis), so they cannot be guessed or forged.
/// </summary>
public sealed class RoleLinkTokens(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveSession.RoleLink.v1");

    private sealed record Payload(string M, Role R, int G, string? P);

    public string Issue(RoleGrant grant) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(grant.MeetingId, grant.Role, grant.Generation, grant.ParticipantId)));

    /// <summary>A token of <paramref name="role"/> in the meeting at its current link generation.</summary>
    public string IssueCurrent(MeetingState state, Role role) => Issue(new RoleGrant(state.Id, role, state.LinkGeneration(role)));

    public RoleGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            return payload is null ? null : new RoleGrant(payload.M, payload.R, payload.G, payload.P);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
