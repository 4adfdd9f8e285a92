using System.Security.Cryptography;
using System.Text;

namespace LiveSession.Hub.Access;

/// <summary>The keys set in the configuration (admin, worker): an empty one opens nothing.</summary>
public static class ConfiguredKey
{
    public static bool Matches(string configured, string? given) =>
        configured.Length > 0 && given is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured));
}
