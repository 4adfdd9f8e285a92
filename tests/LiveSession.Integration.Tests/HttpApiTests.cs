using LiveSession.Client.Protocol;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveSession.Client;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

[Collection(RedisCollection.Name)]
public sealed class HttpApiTests(RedisServer redis) : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(redis);
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private static object Plan(string title = "Hội nghị đối thoại quý IV") => new
    {
        title, kind = "thematic", form = "hybrid", venue = "Nhà văn hóa thôn Đông",
        scheduledStart = "2026-12-01T08:00:00+07:00", chairName = "Nguyễn Văn An", secretaryName = "Trần Thị Bình",
    };

    private HttpRequestMessage Create(object body, string? key = TestHost.AdminKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings/") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add(MeetingsApi.AdminKeyHeader, key);
        return request;
    }

    [Fact]
    public async Task CreateMeeting_ReturnsSecretLinksForEveryRole_ThatOpenTheMeeting()
    {
        var response = await _http.SendAsync(Create(Plan()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var links = (await response.Content.ReadFromJsonAsync<MeetingLinks>())!;

        Assert.Equal(["chair", "microphone", "organizer", "participant", "screen", "secretary"], links.Links.Keys.Order());
        Assert.All(links.Links.Values, l => Assert.StartsWith(_host.BaseAddress.ToString().TrimEnd('/'), l));
        Assert.Equal(links.Links.Count, links.Links.Values.Select(l => l.Split("?t=")[1]).Distinct().Count());

        var chairToken = Uri.UnescapeDataString(links.Links["chair"].Split("?t=")[1]);
        await using var chair = new MeetingConnection(_host.HubUrl, chairToken);
        await chair.StartAsync();
        Assert.Equal(Role.Chair, chair.Role);
        Assert.Equal("Hội nghị đối thoại quý IV", chair.State!.Info!.Title);
        Assert.Equal(9, chair.State.Agenda.Count);
        Assert.Equal(MeetingKind.Thematic, chair.State.Info.Kind);

        await using var transcriber = new MeetingConnection(_host.HubUrl, links.TranscriberToken!);
        await transcriber.StartAsync();
        Assert.Equal(Role.Transcriber, transcriber.Role);
    }

    [Fact]
    public async Task CreateMeeting_WithoutTheAdminKey_IsUnauthorized()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(Create(Plan(), key: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(Create(Plan(), key: "wrong"))).StatusCode);
    }

    [Fact]
    public async Task CreateMeeting_WithBadInput_GetsAProblemInVietnamese()
    {
        var tooLong = await _http.SendAsync(Create(Plan(new string('x', 1000))));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Tên hội nghị dài quá", await tooLong.Content.ReadAsStringAsync());

        var badKind = await _http.SendAsync(Create(new { title = "A", kind = "party", form = "online", venue = "B", chairName = "C", scheduledStart = "2026-12-01T08:00:00Z" }));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }

    [Fact]
    public async Task Links_AfterRotation_CarryTheNewGeneration()
    {
        var created = (await (await _http.SendAsync(Create(Plan()))).Content.ReadFromJsonAsync<MeetingLinks>())!;
        var chairToken = Uri.UnescapeDataString(created.Links["chair"].Split("?t=")[1]);
        await using var chair = new MeetingConnection(_host.HubUrl, chairToken);
        await chair.StartAsync();
        await chair.ExecuteAsync(new RotateLink(Role.Screen));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{created.MeetingId}/links");
        request.Headers.Add(MeetingsApi.AdminKeyHeader, TestHost.AdminKey);
        var links = (await (await _http.SendAsync(request)).Content.ReadFromJsonAsync<MeetingLinks>())!;

        await using var screen = new MeetingConnection(_host.HubUrl, Uri.UnescapeDataString(links.Links["screen"].Split("?t=")[1]));
        await screen.StartAsync();
        Assert.Equal(Role.Screen, screen.Role);
        // The screen follows the public view (no whole state); the link it joined with is of generation 1.
        Assert.NotNull(screen.View);
        Assert.Equal(1, chair.State!.LinkGeneration(Role.Screen));
    }

    [Fact]
    public async Task Health_ReportsRedis()
    {
        var health = await _http.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task DemoMeeting_PrintsOneLinkPerRoleAndTheTranscriberToken()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings/demo");
        request.Headers.Add(MeetingsApi.AdminKeyHeader, TestHost.AdminKey);
        var text = await (await _http.SendAsync(request)).Content.ReadAsStringAsync();

        var lines = text.Trim().Split('\n');
        Assert.Equal(["chair", "microphone", "organizer", "participant", "screen", "secretary", "transcriber-token"],
            lines.Select(l => l[..l.IndexOf(':')]).Order());
    }

    [Fact]
    public async Task Documents_AreOnlyForTheSecretaryAndTheChair_WithALiveLink()
    {
        var id = await _host.CreateMeetingAsync();
        string Url(Role role, int generation = 0) => $"/api/documents/bien-ban.docx?t={Uri.EscapeDataString(_host.Token(id, role, generation))}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/api/documents/bien-ban.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/api/documents/bien-ban.docx?t=forged")).StatusCode);
        foreach (var role in new[] { Role.Participant, Role.Screen, Role.Organizer, Role.Transcriber })
            Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(Url(role))).StatusCode);

        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);
        var revoked = await _http.GetAsync(Url(Role.Secretary));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("thu hồi", await revoked.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/documents/khac.txt?t={Uri.EscapeDataString(_host.Token(id, Role.Chair))}")).StatusCode);
        var minutes = await _http.GetAsync(Url(Role.Secretary, generation: 1));
        Assert.Equal(HttpStatusCode.OK, minutes.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", minutes.Content.Headers.ContentType!.MediaType);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await minutes.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("BIÊN BẢN", document.MainDocumentPart!.Document.Body!.InnerText);
    }
}
