using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Live;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// The participant link is public: printed as a QR code, passed around on Zalo. Each attack a review made on a live
/// host, made again: it must now fail to do harm. Clients "from elsewhere" come through a trusted local proxy that
/// names their address in X-Forwarded-For, as a hall's reverse proxy would.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HostileLinkTests(RedisServer redis) : BrowserTest(redis)
{
    private const string Attacker = "203.0.113.66";

    private TestHost HostBehindProxy(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string> { ["LiveSession:TrustedProxies:0"] = "127.0.0.1" };
        foreach (var (key, value) in settings) all[key] = value;
        return new TestHost(Redis, settings: all);
    }

    /// <summary>A participant client whose requests come through the proxy from <paramref name="address"/>.</summary>
    private async Task<MeetingConnection> FromAsync(TestHost host, string meetingId, string address, string? token = null)
    {
        var client = Track(new MeetingConnection(host.HubUrl, token ?? host.Token(meetingId, Role.Participant),
            options => options.Headers["X-Forwarded-For"] = address));
        await client.StartAsync();
        return client;
    }

    [Fact]
    public async Task New_identities_are_budgeted_per_address_past_it_a_device_only_follows_and_the_desk_still_registers()
    {
        await using var host = HostBehindProxy(("LiveSession:NewIdentitiesPerAddressPerMinute", "5"));
        var id = await host.CreateMeetingAsync();
        await using var organizer = await host.ConnectAsync(id, Role.Organizer);

        var devices = new List<MeetingConnection>();
        for (var i = 0; i < 12; i++) devices.Add(await FromAsync(host, id, Attacker));

        Assert.Equal(5, devices.Count(d => d.ParticipantId is not null));
        var follower = devices.Last();
        Assert.Null(follower.ParticipantId);
        Assert.Contains("vẫn theo dõi được hội nghị", follower.Notice);
        Assert.NotNull(follower.View);
        var refused = await follower.ExecuteAsync(new RegisterSpeaker("Kẻ phá rối", "Thôn Đông"));
        Assert.Equal("follow_only", refused.ErrorCode);

        // Another address is not held up, and the desk registers whatever the public does.
        Assert.NotNull((await FromAsync(host, id, "198.51.100.7")).ParticipantId);
        Assert.True((await organizer.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông"))).Ok);

        // A minute later the address has room again.
        host.Clock.Shift += TimeSpan.FromMinutes(1);
        Assert.NotNull((await FromAsync(host, id, Attacker)).ParticipantId);
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_only_from_a_configured_proxy()
    {
        await using var host = new TestHost(Redis, settings: new Dictionary<string, string> { ["LiveSession:NewIdentitiesPerAddressPerMinute"] = "3" });
        var id = await host.CreateMeetingAsync();

        // Each claims another address, but nobody configured a proxy: they are all this machine, one address.
        var devices = new List<MeetingConnection>();
        for (var i = 0; i < 5; i++) devices.Add(await FromAsync(host, id, $"198.51.100.{i + 1}"));

        Assert.Equal(3, devices.Count(d => d.ParticipantId is not null));
    }

    [Fact]
    public async Task A_stream_of_refused_commands_costs_its_sender_who_is_put_out_while_genuine_participants_carry_on()
    {
        await using var host = HostBehindProxy();
        var id = await host.CreateMeetingAsync();
        await using var chair = await host.ConnectAsync(id, Role.Chair);
        var attackers = new List<MeetingConnection>();
        for (var i = 0; i < 5; i++) attackers.Add(await FromAsync(host, id, Attacker));
        var genuine = await FromAsync(host, id, "198.51.100.7");

        // Forbidden commands as fast as they go, from every attacker at once.
        using var stop = new CancellationTokenSource();
        var refusals = attackers.Select(a => Task.Run(async () =>
        {
            var codes = new List<string>();
            while (!stop.IsCancellationRequested && a.ConnectionState == HubConnectionState.Connected)
            {
                try { codes.Add((await a.ExecuteAsync(new CallNext())).ErrorCode ?? "accepted"); }
                catch (Exception) when (a.ConnectionState != HubConnectionState.Connected || stop.IsCancellationRequested) { break; }
            }
            return codes;
        })).ToList();

        Assert.True((await genuine.ExecuteAsync(new RegisterSpeaker("Trần Thị Bình", "Thôn Tây"))).Ok);
        Assert.True((await genuine.ExecuteAsync(new SubmitQuestion("Trần Thị Bình", "Thôn Tây", "Bao giờ làm đường?", null))).Ok);
        await Eventually.TrueAsync(() => attackers.All(a => a.ConnectionState != HubConnectionState.Connected), "every attacker was disconnected");
        stop.Cancel();
        var codes = (await Task.WhenAll(refusals)).SelectMany(c => c).ToList();
        Assert.DoesNotContain("accepted", codes);
        Assert.Contains("forbidden", codes);
        Assert.Contains("rate_limited", codes);
        Assert.DoesNotContain("busy", codes);

        // Put out: coming back with the same identity is refused for a minute, then allowed.
        var attacker = attackers[0];
        var again = new MeetingConnection(host.HubUrl, attacker.PersonalToken!, options => options.Headers["X-Forwarded-For"] = Attacker);
        // Refused at the hub's door (429), before a WebSocket is opened for it, with the reason.
        var putOut = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, putOut.StatusCode);
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{HubContract.Path}/negotiate?negotiateVersion=1");
            negotiate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", attacker.PersonalToken);
            negotiate.Headers.Add("X-Forwarded-For", Attacker);
            var refused = await http.SendAsync(negotiate);
            Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("tạm ngắt 1 phút", await refused.Content.ReadAsStringAsync());
        }
        await again.DisposeAsync();
        host.Clock.Shift += RateLimits.PutOutFor + TimeSpan.FromSeconds(1);
        Assert.Equal(attacker.ParticipantId, (await FromAsync(host, id, Attacker, attacker.PersonalToken)).ParticipantId);

        // The meeting never noticed: the genuine participant is in the list, the chair runs it.
        Assert.True((await chair.ExecuteAsync(new ApproveSpeaker("s1"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
    }

    [Fact]
    public async Task Identities_minted_on_one_network_hold_only_a_few_waiting_requests_and_others_still_ask()
    {
        await using var host = HostBehindProxy();
        var id = await host.CreateMeetingAsync();
        for (var i = 0; i < QueueRules.MaxPendingPerOrigin; i++)
            Assert.True((await (await FromAsync(host, id, Attacker)).ExecuteAsync(new RegisterSpeaker($"Kẻ phá rối {i}", "Thôn Đông"))).Ok);

        var more = await (await FromAsync(host, id, Attacker)).ExecuteAsync(new RegisterSpeaker("Kẻ phá rối nữa", "Thôn Đông"));
        Assert.Equal("origin_requests_full", more.ErrorCode);
        Assert.True((await (await FromAsync(host, id, "198.51.100.7")).ExecuteAsync(new RegisterSpeaker("Người dân thật", "Thôn Tây"))).Ok);
        // What the meeting keeps of the network is a key, not the address.
        var stored = (await host.Meetings.LoadFreshAsync(id))!.Speakers;
        Assert.All(stored, s => Assert.False(string.IsNullOrEmpty(s.Origin)));
        Assert.DoesNotContain(stored, s => s.Origin!.Contains("203.0.113"));
    }

    [Fact]
    public async Task Online_requests_waiting_for_approval_are_capped_the_chair_sees_it_and_raises_the_cap()
    {
        var id = await Host.CreateMeetingAsync();
        var chairPage = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1366, 768);
        for (var i = 0; i < QueueRules.DefaultPendingRequestLimit; i++)
            Assert.True((await (await Connect(id, Role.Participant)).ExecuteAsync(new RegisterSpeaker($"Người xin nói {i}", "Thôn Đông"))).Ok);
        var late = await Connect(id, Role.Participant);
        Assert.Equal("requests_full", (await late.ExecuteAsync(new RegisterSpeaker("Người đến muộn", "Thôn Đông"))).ErrorCode);

        await Expect(chairPage.GetByTestId("pending-requests")).ToContainTextAsync($"Còn {QueueRules.DefaultPendingRequestLimit} yêu cầu chờ duyệt");
        await Expect(chairPage.GetByTestId("pending-requests")).ToContainTextAsync("người mới gửi đang phải chờ");
        await chairPage.GetByTestId("raise-pending-limit").ClickAsync();
        await Expect(chairPage.GetByTestId("pending-requests")).ToContainTextAsync($"nhận tối đa {QueueRules.DefaultPendingRequestLimit + 20}");
        Assert.True((await late.ExecuteAsync(new RegisterSpeaker("Người đến muộn", "Thôn Đông"))).Ok);
    }

    [Fact]
    public async Task Public_connections_filling_an_address_do_not_lock_out_the_console_and_the_hall_screen()
    {
        await using var host = HostBehindProxy(("LiveSession:MaxConnectionsPerIp", "3"));
        var id = await host.CreateMeetingAsync();
        for (var i = 0; i < 3; i++) await FromAsync(host, id, Attacker);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => FromAsync(host, id, Attacker));
        Assert.Contains("429", refused.Message);

        // The chair's console and the hall screen from this machine: two browser circuits, and two hub connections
        // their pages open from the server itself, which count against no address.
        var chair = await Chromium.OpenAsync(new Uri(host.BaseAddress, $"/chair?t={Uri.EscapeDataString(host.Token(id, Role.Chair))}"), 1366, 768);
        var screen = await Chromium.OpenAsync(new Uri(host.BaseAddress, $"/screen?t={Uri.EscapeDataString(host.Token(id, Role.Screen))}"), 1920, 1080);
        await Expect(chair.GetByTestId("chair-console")).ToBeVisibleAsync();
        await Expect(screen.GetByTestId("hall-screen")).ToBeVisibleAsync();
        await chair.GetByTestId("speaker-form").GetByLabel("Họ và tên").FillAsync("Nguyễn Văn An");
        await chair.GetByTestId("speaker-form").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
        await Expect(screen.GetByTestId("hall-queue")).ToContainTextAsync("Nguyễn Văn An");
    }

    [Fact]
    public async Task Meetings_are_created_and_their_links_read_only_with_the_admin_key_even_from_this_machine()
    {
        await using var host = new TestHost(Redis, settings: new Dictionary<string, string> { ["LiveSession:AdminKey"] = "" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var id = await host.CreateMeetingAsync();

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.PostAsync("/api/meetings/demo", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/meetings/{id}/links")).StatusCode);
        http.DefaultRequestHeaders.Add("X-Admin-Key", "");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.PostAsync("/api/meetings/demo", null)).StatusCode);
    }
}
