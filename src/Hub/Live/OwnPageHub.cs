using System.Security.Cryptography;
using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Live;

/// <summary>
/// The hub address of this host for its own server-rendered pages (the first plain-HTTP address it listens on, a
/// wildcard read as loopback, or LiveSession:InternalBaseUrl), and the secret header that marks their connections.
/// </summary>
public sealed class OwnPageHub(IServer server, IOptions<LiveSessionOptions> options) : IPageHub
{
    public const string Header = "X-LiveSession-Page";
    private readonly string _secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private Uri? _hubUrl;

    public Uri HubUrl => _hubUrl ??= new Uri(BaseUrl(), HubContract.Path);

    public void Configure(HttpConnectionOptions options) => options.Headers[Header] = _secret;

    /// <summary>A connection one of this host's own pages opened.</summary>
    public bool IsOwn(HttpContext context) =>
        context.Request.Headers[Header] is [{ } value]
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(value), System.Text.Encoding.ASCII.GetBytes(_secret));

    private Uri BaseUrl()
    {
        if (options.Value.InternalBaseUrl is { Length: > 0 } configured) return new Uri(configured);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host listens on no address; set LiveSession:InternalBaseUrl.");
        var loopback = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return new Uri(loopback);
    }
}
