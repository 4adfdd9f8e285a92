using System.Net;
using LiveSession.Client;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// The hall LAN set-up of scripts/install.sh, for real: Caddy with its internal CA in front of a host on 127.0.0.2, the
/// host trusting forwarded headers from the proxy only and printing HTTPS links. Chromium trusts the root through an NSS
/// database made with certutil (as the hall PC is set up once), never by ignoring certificate errors.
/// Other loopback addresses (127.0.0.3, .4, .5) stand for other devices on the LAN.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HttpsTests(RedisServer redis) : HostTest(redis)
{
    private const int IdentitiesPerAddress = 3;
    private readonly CaddyProxy _caddy = new();

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["LiveSession:TrustedProxies:0"] = "127.0.0.1",
        ["LiveSession:PublicBaseUrl"] = _caddy.HttpsBase.ToString().TrimEnd('/'),
        ["LiveSession:NewIdentitiesPerAddressPerMinute"] = IdentitiesPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _caddy.StartAsync(Host.BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _caddy.DisposeAsync();
    }

    private Uri Https(string path, string meetingId, Role role) =>
        new(_caddy.HttpsBase, $"{path}?t={Uri.EscapeDataString(Host.Token(meetingId, role))}");

    /// <summary>Chromium with the hall's root trusted (or, with <paramref name="trusting"/> false, a fresh HOME that trusts nothing of it).</summary>
    private async Task<Browser> ChromiumAsync(bool trusting, params string[] arguments)
    {
        var home = trusting ? _caddy.TrustingHome() : Directory.CreateDirectory(Path.Combine(_caddy.Directory, "plain-home")).FullName;
        var browser = Track(new BrowserHandle(new Browser(arguments) { Environment = [new("HOME", home)] })).Browser;
        await browser.InitializeAsync();
        return browser;
    }

    private sealed class BrowserHandle(Browser browser) : IAsyncDisposable
    {
        public Browser Browser => browser;
        public async ValueTask DisposeAsync() => await browser.DisposeAsync();
    }

    [Fact]
    public async Task A_phone_trusting_the_hall_root_follows_the_meeting_over_https_with_signalr_on_a_websocket_through_the_proxy()
    {
        var id = await Host.CreateMeetingAsync();
        var chromium = await ChromiumAsync(trusting: true);
        var context = await chromium.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };
        var response = await page.GotoAsync(Https("/join", id, Role.Participant).ToString());

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByTestId("participant")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("window.isSecureContext && location.protocol === 'https:'"));
        lock (sockets)
            Assert.Contains(sockets, url => url.StartsWith($"wss://{CaddyProxy.Address}:{_caddy.HttpsPort}/hubs/meeting", StringComparison.Ordinal));
        // The meeting reached the page through the socket: its title, and a registration the hub accepted.
        await Expect(page.GetByText("Hội nghị đối thoại thử nghiệm").First).ToBeVisibleAsync();
        await page.GetByLabel("Họ và tên").FillAsync("Đỗ Thị Giang");
        await page.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(page.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");
        await Eventually.TrueAsync(async () => (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Any(s => s.Name == "Đỗ Thị Giang"),
            "the registration reached the meeting");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(page, "https-participant-390x844");
    }

    [Fact]
    public async Task The_hall_microphone_page_over_https_gets_the_microphone_granted()
    {
        var id = await Host.CreateMeetingAsync();
        var chromium = await ChromiumAsync(trusting: true, Browser.FakeMicrophone(Microphone.WriteWav(Microphone.Tone(2, 330))));
        var page = await chromium.OpenAsync(Https("/mic", id, Role.Microphone), 1024, 768);

        await Expect(page.GetByTestId("microphone")).ToBeVisibleAsync();
        await page.GetByTestId("mic-toggle").ClickAsync();
        await Expect(page.GetByTestId("mic-toggle")).ToHaveTextAsync("Tắt micro");
        await Expect(page.GetByTestId("mic-state")).ToHaveTextAsync("Đang gửi âm thanh tới máy chủ.");
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        Assert.Equal("granted", await page.EvaluateAsync<string>("navigator.permissions.query({ name: 'microphone' }).then(p => p.state)"));
        Assert.True(await page.EvaluateAsync<bool>("window.isSecureContext && location.protocol === 'https:'"));
        await Browser.ScreenshotAsync(page, "https-microphone-granted");
    }

    [Fact]
    public async Task Without_the_hall_root_chromium_refuses_the_site()
    {
        var id = await Host.CreateMeetingAsync();
        var chromium = await ChromiumAsync(trusting: false);
        var refused = await Assert.ThrowsAsync<PlaywrightException>(() => chromium.OpenAsync(Https("/join", id, Role.Participant), 390, 844));
        Assert.Contains("ERR_CERT_AUTHORITY_INVALID", refused.Message);
    }

    [Fact]
    public async Task Http_redirects_to_https_serves_the_root_certificate_and_the_links_given_out_are_https()
    {
        var handler = _caddy.Handler(IPAddress.Loopback);
        handler.AllowAutoRedirect = false;
        using var http = new HttpClient(handler);
        var redirect = await http.GetAsync(new Uri(_caddy.HttpBase, "/join?t=abc"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal(new Uri(_caddy.HttpsBase, "/join?t=abc"), redirect.Headers.Location);

        var root = await http.GetAsync(new Uri(_caddy.HttpBase, "/ca.crt"));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("application/x-x509-ca-cert", root.Content.Headers.ContentType!.MediaType);

        var id = await Host.CreateMeetingAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_caddy.HttpsBase, $"/api/meetings/{id}/links"));
        request.Headers.Add("X-Admin-Key", TestHost.AdminKey);
        var links = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, links.StatusCode);
        var body = await links.Content.ReadAsStringAsync();
        Assert.Contains($"\"{_caddy.HttpsBase}join?t=", body);
        Assert.DoesNotContain("http://", body);
    }

    [Fact]
    public async Task The_per_address_budget_sees_each_device_through_the_proxy_and_ignores_a_forged_forwarded_address()
    {
        var id = await Host.CreateMeetingAsync();
        var viaProxy = new Uri(_caddy.HttpsBase, "/hubs/meeting");
        var direct = Host.HubUrl;

        // Through Caddy from one device: each request forges another address, Caddy replaces it with the real one.
        var phone = await DevicesAsync(viaProxy, id, "127.0.0.3", IdentitiesPerAddress + 2);
        Assert.Equal(IdentitiesPerAddress, phone.Count(d => d.ParticipantId is not null));
        // Another device behind the same proxy is not held up by the first: the host does not see everyone as the proxy.
        Assert.All(await DevicesAsync(viaProxy, id, "127.0.0.4", 2), d => Assert.NotNull(d.ParticipantId));
        // Straight to the host from an address that is not the proxy: its X-Forwarded-For is not believed.
        var forger = await DevicesAsync(direct, id, "127.0.0.5", IdentitiesPerAddress + 2);
        Assert.Equal(IdentitiesPerAddress, forger.Count(d => d.ParticipantId is not null));
    }

    private async Task<List<MeetingConnection>> DevicesAsync(Uri hubUrl, string meetingId, string from, int count)
    {
        var devices = new List<MeetingConnection>();
        for (var i = 0; i < count; i++)
        {
            var forged = $"198.51.100.{i + 1}";
            var device = Track(new MeetingConnection(hubUrl, Host.Token(meetingId, Role.Participant), options =>
            {
                options.HttpMessageHandlerFactory = _ => _caddy.Handler(IPAddress.Parse(from));
                // The handler (its source address and trusted root) is used by HTTP transports; WebSockets are the browser's test.
                options.Transports = HttpTransportType.LongPolling;
                options.Headers["X-Forwarded-For"] = forged;
            }));
            await device.StartAsync();
            devices.Add(device);
        }
        return devices;
    }
}
