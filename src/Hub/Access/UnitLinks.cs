using System.Text.Json;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveSession.Hub.Access;

/// <summary>
/// The links that open a responsible unit's follow-up page. Only the office (the admin key) issues them; each names its
/// unit, ends after <see cref="LiveSessionOptions.UnitLinkLifetime"/>, and carries the unit's link generation, so that
/// the office revokes every link of a unit at once by moving the generation on (kept in Redis, shared by every host).
/// </summary>
public sealed class UnitLinks(
    IDataProtectionProvider dataProtection, IConnectionMultiplexer redis, IOptions<LiveSessionOptions> options, TimeProvider clock)
{
    private const string GenerationsKey = "ls:unit-link-generations";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveSession.UnitLink.v2");
    private readonly IDatabase _db = redis.GetDatabase();

    private sealed record Payload(string U, int G, long E);

    /// <summary>A new link token for <paramref name="unit"/>, valid until the lifetime ends or the office revokes the unit's links.</summary>
    public async Task<string> IssueAsync(string unit)
    {
        var expires = clock.GetUtcNow() + options.Value.UnitLinkLifetime;
        return _protector.Protect(JsonSerializer.Serialize(new Payload(unit, await GenerationAsync(unit), expires.ToUnixTimeSeconds())));
    }

    /// <summary>The unit a token opens, or null when it is forged, expired or revoked.</summary>
    public async Task<string?> UnitOfAsync(string? token)
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
        if (payload is null || clock.GetUtcNow().ToUnixTimeSeconds() >= payload.E) return null;
        return payload.G == await GenerationAsync(payload.U) ? payload.U : null;
    }

    /// <summary>Every link of <paramref name="unit"/> issued so far stops working.</summary>
    public Task RevokeAsync(string unit) => _db.HashIncrementAsync(GenerationsKey, unit);

    private async Task<int> GenerationAsync(string unit) => (int)(await _db.HashGetAsync(GenerationsKey, unit) is { HasValue: true } g ? (long)g : 0);
}
