using System.Text.Json;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveSession.Hub.Access;

/// <summary>
/// The links of the follow-up after meetings: a responsible unit's (its own kiến nghị) and the Ủy ban MTTQ's (reads every
/// item, changes nothing). Only the office (the admin key) issues them; each names its holder, ends after
/// <see cref="LiveSessionOptions.UnitLinkLifetime"/>, and carries its holder's link generation, so that the office revokes
/// every link of a unit (or of the MTTQ) at once by moving the generation on (kept in Redis, shared by every host).
/// </summary>
public sealed class UnitLinks(
    IDataProtectionProvider dataProtection, IConnectionMultiplexer redis, IOptions<LiveSessionOptions> options, TimeProvider clock)
{
    private const string GenerationsKey = "ls:unit-link-generations";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveSession.UnitLink.v2");
    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>The generation key of the MTTQ's links (a unit's is its name, which is never empty).</summary>
    private const string OverseerKey = "";

    private sealed record Payload(string U, int G, long E, bool O = false);

    /// <summary>A new link token for <paramref name="unit"/>, valid until the lifetime ends or the office revokes the unit's links.</summary>
    public Task<string> IssueAsync(string unit) => IssueAsync(unit, overseer: false);

    /// <summary>A new read-only link token for the Ủy ban MTTQ.</summary>
    public Task<string> IssueOverseerAsync() => IssueAsync(OverseerKey, overseer: true);

    private async Task<string> IssueAsync(string key, bool overseer)
    {
        var expires = clock.GetUtcNow() + options.Value.UnitLinkLifetime;
        return _protector.Protect(JsonSerializer.Serialize(new Payload(key, await GenerationAsync(key), expires.ToUnixTimeSeconds(), overseer)));
    }

    /// <summary>The unit a token opens, or null when it is forged, expired, revoked or not a unit's.</summary>
    public async Task<string?> UnitOfAsync(string? token) => await ReadAsync(token) is { O: false } payload ? payload.U : null;

    /// <summary>Whether a token is a good MTTQ link (not forged, expired nor revoked).</summary>
    public async Task<bool> IsOverseerAsync(string? token) => await ReadAsync(token) is { O: true };

    /// <summary>Every MTTQ link issued so far stops working.</summary>
    public Task RevokeOverseerAsync() => RevokeAsync(OverseerKey);

    private async Task<Payload?> ReadAsync(string? token)
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
        return payload.G == await GenerationAsync(payload.U) && payload.O == (payload.U == OverseerKey) ? payload : null;
    }

    /// <summary>Every link of <paramref name="unit"/> issued so far stops working.</summary>
    public Task RevokeAsync(string unit) => _db.HashIncrementAsync(GenerationsKey, unit);

    private async Task<int> GenerationAsync(string unit) => (int)(await _db.HashGetAsync(GenerationsKey, unit) is { HasValue: true } g ? (long)g : 0);
}
