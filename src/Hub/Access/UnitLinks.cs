using System.Text.Json;
using LiveSession.Domain.Access;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveSession.Hub.Access;

/// <summary>
/// The links of the follow-up after meetings: a responsible unit's (its own kiến nghị) and the Ủy ban MTTQ's (reads every
/// item, changes nothing). Only an office (by its admin key) issues them, each bound to that office: it opens only the
/// office's meetings. Each ends after <see cref="LiveSessionOptions.UnitLinkLifetime"/> and carries its holder's link
/// generation, so that the office revokes every link of a unit (or of its MTTQ) at once by moving the generation on
/// (kept in Redis, shared by every host).
/// </summary>
public sealed class UnitLinks(
    IDataProtectionProvider dataProtection, IConnectionMultiplexer redis, IOptions<LiveSessionOptions> options, TimeProvider clock)
{
    private const string GenerationsKey = "ls:unit-link-generations";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveSession.UnitLink.v3");
    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>F: office id, U: unit (null for the MTTQ), G: generation, E: expiry (Unix seconds).</summary>
    private sealed record Payload(string? F, string? U, int G, long E);

    /// <summary>A new link token for the holder of <paramref name="grant"/>, valid until the lifetime ends or the office revokes it.</summary>
    public async Task<string> IssueAsync(FollowUpLinkGrant grant)
    {
        var expires = clock.GetUtcNow() + options.Value.UnitLinkLifetime;
        return _protector.Protect(JsonSerializer.Serialize(new Payload(grant.Office, grant.Unit, await GenerationAsync(grant), expires.ToUnixTimeSeconds())));
    }

    /// <summary>What a token opens, or null when it is forged, expired or revoked.</summary>
    public async Task<FollowUpLinkGrant?> ReadAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
        if (payload is null || payload.U is "" || clock.GetUtcNow().ToUnixTimeSeconds() >= payload.E) return null;
        var grant = new FollowUpLinkGrant(payload.F, payload.U);
        return payload.G == await GenerationAsync(grant) ? grant : null;
    }

    /// <summary>Every link of that holder (a unit of an office, or an office's MTTQ) issued so far stops working.</summary>
    public Task RevokeAsync(FollowUpLinkGrant grant) => _db.HashIncrementAsync(GenerationsKey, Field(grant));

    private async Task<int> GenerationAsync(FollowUpLinkGrant grant) =>
        (int)(await _db.HashGetAsync(GenerationsKey, Field(grant)) is { HasValue: true } g ? (long)g : 0);

    /// <summary>The holder's generation field: office and unit apart by a separator no id or name contains; the MTTQ's unit is empty.</summary>
    private static string Field(FollowUpLinkGrant grant) => $"{grant.Office}\u001f{grant.Unit}";
}
