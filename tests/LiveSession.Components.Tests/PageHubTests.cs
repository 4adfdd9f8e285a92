using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveSession.Client.Components;
using LiveSession.Client.Protocol;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Components.Tests;

/// <summary>
/// A live page reaches the hub at the address its host gives it, never at one derived from what the browser says
/// the page's base address is (a browser-given base made the server connect wherever it was told: blind SSRF).
/// </summary>
public sealed class PageHubTests : BunitContext
{
    private sealed class AnyLivePage : LivePage;

    private sealed class FixedPageHub(Uri hubUrl) : IPageHub
    {
        public Uri HubUrl => hubUrl;
        public void Configure(HttpConnectionOptions options) => options.Headers["X-LiveSession-Page"] = "secret";
    }

    [Fact]
    public async Task A_live_page_connects_to_the_hub_address_its_host_gives_whatever_the_browser_base_address()
    {
        using var host = new TcpListener(IPAddress.Loopback, 0);
        host.Start();
        var hubUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)host.LocalEndpoint).Port}{HubContract.Path}");
        Services.AddSingleton<IPageHub>(new FixedPageHub(hubUrl));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The browser's base address here is bUnit's http://localhost/: a page deriving its hub from it would go to port 80.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/chair?t=some-token");

        Render<AnyLivePage>();

        using var accepted = await host.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var request = await ReadRequestHeadAsync(accepted.GetStream());
        Assert.StartsWith($"POST {HubContract.Path}/negotiate", request);
        Assert.Contains("X-LiveSession-Page: secret", request);
        Assert.Contains($"Host: {hubUrl.Authority}", request);
    }

    private static async Task<string> ReadRequestHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0) break;
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return head.ToString();
    }
}
