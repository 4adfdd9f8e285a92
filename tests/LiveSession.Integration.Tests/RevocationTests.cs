using System.Net;
using System.Text.Json;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Rotating a role's link revokes the old one everywhere: every hub method, every endpoint, connections and pages
/// opened before the rotation. Each finding of the review, made again as the attack it was.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RevocationTests(RedisServer redis) : BrowserTest(redis)
{
    private readonly HttpClient _http = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _http.BaseAddress = Host.BaseAddress;
    }

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A raw hub connection with a token, joined: what an attacker keeps open, without our client's manners.</summary>
    private async Task<HubConnection> RawAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(Host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => DomainJson.Configure(o.PayloadSerializerOptions))
            .Build();
        Track(connection);
        await connection.StartAsync();
        (await connection.InvokeAsync<HubAnswer<JoinResult>>(HubContract.Join)).Take();
        return connection;
    }

    /// <summary>The call is refused as revoked, or finds its connection already cut: either way it gets nothing.</summary>
    private static async Task AssertGetsNothingAsync(Func<Task<object?>> call)
    {
        object? answer;
        try
        {
            answer = await call();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TaskCanceledException or HttpRequestException)
        {
            return;
        }
        var refused = Assert.IsAssignableFrom<IHubReply>(answer);
        Assert.False(refused.Ok);
        Assert.Equal("link_revoked", refused.ErrorCode);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("thu hồi", await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> UploadPhotoAsync(string token) => _http.SendAsync(HostileInputTests.Upload(token, ParticipantTests.TinyPng));

    private async Task<string> PhotoAsync(MeetingConnection participant)
    {
        var upload = await UploadPhotoAsync(participant.PersonalToken!);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        return JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private string Photo(string attachmentId, string token) => $"/api/attachments/{attachmentId}?t={Uri.EscapeDataString(token)}";

    [Fact]
    public async Task An_old_secretary_link_reads_nothing_after_rotation_and_its_open_connection_is_cut()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var citizen = await Connect(id, Role.Participant);
        Assert.True((await citizen.ExecuteAsync(new RegisterSpeaker("Lê Thị Mai", "Thôn Bắc", Topic: "Đất đai", Phone: "0912345678"))).Ok);
        var photo = await PhotoAsync(citizen);
        var oldToken = Host.Token(id, Role.Secretary);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Photo(photo, oldToken))).StatusCode);
        var attacker = await RawAsync(oldToken);
        var secretary = await Connect(id, Role.Secretary);

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);

        // The very next call of a connection opened before the rotation gets nothing: no events, no state, no phone numbers.
        await AssertGetsNothingAsync(async () => await attacker.InvokeAsync<HubAnswer<CatchUpResult>>(HubContract.CatchUp, 0L));
        // The open connection is told and closed within a second or so; it receives nothing more.
        await Eventually.TrueAsync(() => secretary.Revoked?.Contains("thu hồi") == true, "the open secretary connection is told its link was revoked");
        await Eventually.TrueAsync(() => secretary.ConnectionState == HubConnectionState.Disconnected, "and is closed");
        await Eventually.TrueAsync(() => attacker.State == HubConnectionState.Disconnected, "the attacker's open connection is cut too");
        // A new connection with the old link does not get in; neither do its photos nor its documents.
        var again = Track(new MeetingConnection(Host.HubUrl, oldToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync())).StatusCode);
        await AssertRefusedAsync(await _http.GetAsync(Photo(photo, oldToken)));
        await AssertRefusedAsync(await _http.GetAsync($"/api/documents/bien-ban.docx?t={Uri.EscapeDataString(oldToken)}"));

        var renewed = Track(await Host.ConnectAsync(id, Role.Secretary, generation: 1));
        Assert.Equal("0912345678", renewed.State!.Speakers.Single().Phone);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Photo(photo, Host.Token(id, Role.Secretary, 1)))).StatusCode);
    }

    [Fact]
    public async Task An_old_transcriber_link_can_neither_caption_nor_hear_the_meeting_after_rotation()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Connect(id, Role.Screen);
        var oldToken = Host.Token(id, Role.Transcriber);
        var worker = await Connect(id, Role.Transcriber);
        var attacker = await RawAsync(oldToken);
        using var feedStop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var feed = Task.Run(async () =>
        {
            await foreach (var _ in worker.AudioFeedAsync(DateTimeOffset.UnixEpoch, feedStop.Token)) { }
        });

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Transcriber))).Ok);

        await AssertGetsNothingAsync(async () => await attacker.InvokeAsync<CommandResult>(
            HubContract.PublishCaption, new CaptionLine(null, "Phụ đề giả mạo", true, DateTimeOffset.UnixEpoch)));
        await AssertGetsNothingAsync(async () => await worker.PublishCaptionAsync(new CaptionLine(null, "Phụ đề giả mạo", true, DateTimeOffset.UnixEpoch)));
        // The live audio the old worker was receiving ends with its connection, well before the test's own 30 s.
        await Eventually.TrueAsync(() => feed.IsCompleted, "the old worker's audio feed ends");
        Assert.False(feedStop.IsCancellationRequested);
        var again = Track(new MeetingConnection(Host.HubUrl, oldToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync())).StatusCode);

        Assert.DoesNotContain(screen.Captions, c => c.Text.Contains("giả mạo"));
        var lateJoiner = await Connect(id, Role.Screen);
        Assert.DoesNotContain(lateJoiner.Captions, c => c.Text.Contains("giả mạo"));
    }

    [Fact]
    public async Task An_old_participant_token_neither_uploads_nor_reads_photos_after_the_participant_link_is_rotated()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var citizen = await Connect(id, Role.Participant);
        var photo = await PhotoAsync(citizen);

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Participant))).Ok);

        await AssertRefusedAsync(await UploadPhotoAsync(citizen.PersonalToken!));
        await AssertRefusedAsync(await _http.GetAsync(Photo(photo, citizen.PersonalToken!)));
        await Eventually.TrueAsync(() => citizen.Revoked is not null && citizen.ConnectionState == HubConnectionState.Disconnected,
            "the participant's open connection is cut");
    }

    [Fact]
    public async Task An_old_hall_screen_link_can_neither_refresh_its_view_nor_listen_after_rotation()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var attacker = await RawAsync(Host.Token(id, Role.Screen));

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Screen))).Ok);

        await AssertGetsNothingAsync(async () => await attacker.InvokeAsync<HubAnswer<ViewSnapshot>>(HubContract.RefreshView));
        await AssertGetsNothingAsync(async () => await attacker.InvokeAsync<CommandResult>(HubContract.ListenAudio));
    }

    [Fact]
    public async Task An_open_secretary_page_is_cut_within_seconds_when_its_link_is_rotated()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var page = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        await Expect(page.GetByTestId("secretary")).ToBeVisibleAsync();

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToContainTextAsync("Liên kết này đã bị thu hồi", new() { Timeout = 5_000 });
        await Expect(page.GetByTestId("secretary")).ToHaveCountAsync(0);
        // What the chair does next no longer reaches that page.
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Sau khi thu hồi"))).Ok);
        await Expect(page.GetByText("Sau khi thu hồi")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_organizer_sees_only_the_links_it_hands_out()
    {
        var id = await Host.CreateMeetingAsync();
        var administration = Host.Services.GetRequiredService<IMeetingAdministration>();

        var organizers = await administration.LinksForAsync(Host.Token(id, Role.Organizer), Host.BaseAddress.ToString());
        Assert.Equal(["microphone", "organizer", "participant", "screen"], organizers!.Links.Keys.Order());
        Assert.Null(organizers.TranscriberToken);
        var chairs = await administration.LinksForAsync(Host.Token(id, Role.Chair), Host.BaseAddress.ToString());
        Assert.Equal(["chair", "microphone", "organizer", "participant", "screen", "secretary"], chairs!.Links.Keys.Order());
        Assert.NotNull(chairs.TranscriberToken);

        var setup = await Chromium.OpenAsync(Page("/setup", id, Role.Organizer), 1366, 900);
        await Expect(setup.GetByTestId("role-links")).ToContainTextAsync("Quét để tham dự trực tuyến");
        var html = await setup.ContentAsync();
        Assert.DoesNotContain("/chair?t=", html);
        Assert.DoesNotContain("/secretary?t=", html);
        Assert.Equal(0, await setup.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cấp lại" }).CountAsync());
    }
    [Fact]
    public async Task The_office_rotates_a_stolen_chair_link_with_its_admin_key_and_the_audit_names_the_office()
    {
        var id = await Host.CreateMeetingAsync();
        var stolen = Host.Token(id, Role.Chair);
        async Task<HttpResponseMessage> Rotate(string role, string? token = null, string? adminKey = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"/api/meetings/{id}/links/{role}/rotate" + (token is null ? "" : $"?t={Uri.EscapeDataString(token)}"));
            if (adminKey is not null) request.Headers.Add(Hub.Meetings.MeetingsApi.AdminKeyHeader, adminKey);
            return await _http.SendAsync(request);
        }

        // Nobody else rotates: no link, a wrong key, the secretary's or the organizer's link, a made-up role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Rotate("chair")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Rotate("chair", adminKey: "guess")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Rotate("chair", Host.Token(id, Role.Secretary))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Rotate("chair", Host.Token(id, Role.Organizer))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Rotate("mayor", adminKey: TestHost.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/meetings/nosuch/links/chair/rotate")
            { Headers = { { Hub.Meetings.MeetingsApi.AdminKeyHeader, TestHost.AdminKey } } })).StatusCode);
        Assert.Equal(0, (await Host.Meetings.LoadFreshAsync(id))!.LinkGeneration(Role.Chair));

        var rotated = await Rotate("chair", adminKey: TestHost.AdminKey);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var links = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("links");
        var fresh = new Uri(links.GetProperty("chair").GetString()!).Query;
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"/api/meetings/{id}/links?t={Uri.EscapeDataString(stolen)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/meetings/{id}/links{fresh}")).StatusCode);

        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(1, state.LinkGeneration(Role.Chair));
        var events = await Host.Meetings.CatchUpAsync(id, 0);
        var rotation = events.Events.Select(e => e.Event).OfType<LinkRotated>().Single();
        Assert.Equal(Hub.Meetings.MeetingAdministration.OfficePerson, rotation.By!.Person);

        // The chair (the new link) rotates the secretary's through the same door, as itself.
        var secretary = await Rotate("secretary", Uri.UnescapeDataString(fresh["?t=".Length..]));
        Assert.Equal(HttpStatusCode.OK, secretary.StatusCode);
        Assert.Equal(1, (await Host.Meetings.LoadFreshAsync(id))!.LinkGeneration(Role.Secretary));
    }

    [Fact]
    public async Task A_link_opens_only_the_pages_of_its_role()
    {
        var id = await Host.CreateMeetingAsync();
        foreach (var (path, role) in new[] { ("/chair", Role.Secretary), ("/setup", Role.Transcriber), ("/setup", Role.Secretary), ("/screen", Role.Participant) })
        {
            var page = await Chromium.OpenAsync(Page(path, id, role), 1366, 900);
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToContainTextAsync("không mở được trang này");
            Assert.DoesNotContain("?t=", await page.Locator("main, body").First.InnerTextAsync());
        }
        var chair = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1366, 900);
        await Expect(chair.GetByTestId("chair-console")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_endpoint_refuses_the_roles_it_is_not_for()
    {
        var id = await Host.CreateMeetingAsync();
        async Task<HttpStatusCode> Get(string path, Role role) =>
            (await _http.GetAsync($"{path}?t={Uri.EscapeDataString(Host.Token(id, role))}")).StatusCode;

        Assert.Equal(HttpStatusCode.Forbidden, await Get("/api/documents/bien-ban.docx", Role.Organizer));
        Assert.Equal(HttpStatusCode.OK, await Get("/api/documents/ke-hoach-va-phan-cong.docx", Role.Organizer));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("/api/documents/ke-hoach-va-phan-cong.docx", Role.Screen));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("/api/attachments/a1", Role.Transcriber));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("/api/audio/turns/t1.wav", Role.Participant));
        Assert.Equal(HttpStatusCode.Forbidden, await Get($"/api/meetings/{id}/links", Role.Secretary));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"/api/meetings/{id}/links")).StatusCode);
        // A chair's link reads the links of its own meeting only.
        var other = await Host.CreateMeetingAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/meetings/{other}/links?t={Uri.EscapeDataString(Host.Token(id, Role.Chair))}")).StatusCode);

        var screen = await RawAsync(Host.Token(id, Role.Screen));
        var refused = await screen.InvokeAsync<CommandResult>(HubContract.Execute, JsonSerializer.SerializeToElement(new { type = "callNext" }), null);
        Assert.Equal("forbidden", refused.ErrorCode);
        var transcriber = await RawAsync(Host.Token(id, Role.Transcriber));
        var listen = await transcriber.InvokeAsync<CommandResult>(HubContract.ListenAudio);
        Assert.Equal("forbidden", listen.ErrorCode);
        Assert.Contains("không được phép", listen.ErrorMessage);
    }

    [Fact]
    public async Task A_staff_link_ends_after_its_lifetime_and_a_renewed_one_opens_again()
    {
        var id = await Host.CreateMeetingAsync();
        var secretary = Host.Token(id, Role.Secretary);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/documents/bien-ban.docx?t={Uri.EscapeDataString(secretary)}")).StatusCode);

        Host.Clock.Shift += TimeSpan.FromDays(91);
        var expired = await _http.GetAsync($"/api/documents/bien-ban.docx?t={Uri.EscapeDataString(secretary)}");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("hết hạn", await expired.Content.ReadAsStringAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => RawAsync(secretary));

        // The chair reads the links again: fresh ones, good for another lifetime.
        var links = await Host.Services.GetRequiredService<IMeetingAdministration>().LinksForAsync(Host.Token(id, Role.Chair), Host.BaseAddress.ToString());
        var renewed = new Uri(links!.Links["secretary"]).Query;
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/documents/bien-ban.docx{renewed}")).StatusCode);
    }

    [Fact]
    public async Task The_public_links_end_a_margin_after_the_meeting_closed()
    {
        var id = await Host.CreateMeetingAsync();
        var participant = Host.Token(id, Role.Participant);
        Assert.True((await Host.Meetings.ExecuteAsync(new LiveSession.Hub.Access.RoleGrant(id, Role.Chair, 0), new CloseMeeting())).Ok);
        Host.Clock.Shift += TimeSpan.FromDays(6);
        await RawAsync(participant);

        Host.Clock.Shift += TimeSpan.FromDays(2);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RawAsync(participant));
        Assert.Contains("401", refused.Message);
    }
}
