using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Survey;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using LiveSession.Domain.Views;

namespace LiveSession.Integration.Tests;

/// <summary>What the hall screen and participants are sent over the hub, and the public HTTP endpoints.</summary>
[Collection(RedisCollection.Name)]
public sealed class ViewTests(RedisServer redis) : HostTest(redis)
{
    /// <summary>A participant connection that records every message it is sent, as raw JSON.</summary>
    private async Task<(HubConnection Hub, List<(string Method, string Json)> Received, JsonElement Join)> SpyAsync(string meetingId)
    {
        var received = new List<(string, string)>();
        var hub = new HubConnectionBuilder()
            .WithUrl(Host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(Host.Token(meetingId, Role.Participant)))
            .Build();
        foreach (var method in new[] { HubContract.Changed, HubContract.ViewChanged, HubContract.PersonalChanged, HubContract.Caption })
            hub.On<JsonElement>(method, json => { lock (received) received.Add((method, json.GetRawText())); });
        Track(hub);
        await hub.StartAsync();
        var join = (await hub.InvokeAsync<JsonElement>(HubContract.Join)).GetProperty("value");
        return (hub, received, join);
    }

    [Fact]
    public async Task Participant_IsSentOnlyPublicPartsAndTheirOwn_NeverOtherParticipantsData()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var organizer = await Connect(id, Role.Organizer);
        var other = await Connect(id, Role.Participant);
        var (spy, received, join) = await SpyAsync(id);
        Assert.Equal(JsonValueKind.Null, join.GetProperty("state").ValueKind);

        // Another participant's request, pending question and survey answer: private to them and the desk.
        Assert.True((await other.ExecuteAsync(new RegisterSpeaker("Người khác", "Thôn Một", Topic: "Chuyện riêng của người khác", Phone: "0987 654 321"))).Ok);
        Assert.True((await other.ExecuteAsync(new SubmitQuestion("Người khác", null, "Câu hỏi bí mật chưa duyệt", null))).Ok);
        Assert.True((await chair.ExecuteAsync(new OpenSurvey())).Ok);
        Assert.True((await other.ExecuteAsync(new AnswerSurvey(1, false, "Góp ý riêng tư"))).Ok);
        // The spy's own question, then a public change the spy must see.
        Assert.True((await spy.InvokeAsync<CommandResult>(HubContract.Execute,
            JsonSerializer.SerializeToElement(new { type = "submitQuestion", askerName = "Tôi", text = "Câu hỏi của tôi" }), null)).Ok);
        Assert.True((await organizer.ExecuteAsync(new RegisterSpeaker("Đại biểu hội trường", "Thôn Hai"))).Ok);
        var last = await chair.ExecuteAsync(new CallNext());
        await Eventually.TrueAsync(() => { lock (received) return received.Any(m => m.Json.Contains($"\"version\":{last.Version}") && m.Method == HubContract.ViewChanged); },
            "the spy gets the call");

        string everything;
        lock (received) everything = join.GetRawText() + string.Join("\n", received.Select(m => m.Json));
        Assert.DoesNotContain(received, m => m.Method == HubContract.Changed);
        Assert.DoesNotContain(other.ParticipantId!, everything);
        foreach (var secret in new[] { "Chuyện riêng của người khác", "Câu hỏi bí mật chưa duyệt", "Góp ý riêng tư", "0987 654 321", "\"comment\"", "\"answers\"", "\"phone" })
            Assert.DoesNotContain(secret, everything);
        Assert.Contains("Câu hỏi của tôi", everything);
        Assert.Contains("Đại biểu hội trường", everything);
    }

    [Fact]
    public async Task ChairAction_SendsParticipantsOnlyThePartThatChanged()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        for (var i = 0; i < 30; i++) await chair.ExecuteAsync(new RegisterSpeaker($"Người đăng ký số {i}", "Thôn Đông", Topic: "Một nội dung khá dài về đường giao thông"));
        await chair.ExecuteAsync(new CallNext());
        var (_, received, _) = await SpyAsync(id);

        var result = await chair.ExecuteAsync(new ExtendTimer(60));
        await Eventually.TrueAsync(() => { lock (received) return received.Count == 1; }, "the spy gets the extension");

        var message = JsonDocument.Parse(received.Single().Json).RootElement;
        Assert.Equal(HubContract.ViewChanged, received.Single().Method);
        Assert.Equal(result.Version, message.GetProperty("version").GetInt64());
        Assert.Equal(["floor"], message.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("queue").ValueKind);
        Assert.True(received.Single().Json.Length < DomainJson.Serialize(chair.State).Length / 10,
            "a timer change is a small fraction of the whole state");
    }

    [Fact]
    public async Task ViewClients_FollowAllChangesInOrder_AndAgreeWithTheState()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Connect(id, Role.Screen);
        var participant = await Connect(id, Role.Participant);
        Assert.True((await participant.ExecuteAsync(new RegisterSpeaker("Tôi đăng ký", "Thôn Ba"))).Ok);
        var mine = (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single();
        await chair.ExecuteAsync(new NextAgendaItem());
        foreach (var name in new[] { "A", "B", "C" }) await chair.ExecuteAsync(new RegisterSpeaker(name));
        await chair.ExecuteAsync(new ApproveSpeaker(mine.Id));
        await chair.ExecuteAsync(new MoveSpeaker(mine.Id, 1));
        var last = await chair.ExecuteAsync(new CallNext());

        await Eventually.TrueAsync(() => screen.View!.Version == last.Version && participant.Personal?.Registration?.Position == 0,
            "screen and participant catch up");
        var expected = PublicView.Of((await Host.Meetings.LoadFreshAsync(id))!);
        Assert.Equal(DomainJson.Serialize(expected), DomainJson.Serialize(screen.View));
        Assert.Equal(DomainJson.Serialize(expected), DomainJson.Serialize(participant.View));
        Assert.Equal("Bước 1/9: Ổn định tổ chức; tuyên bố lý do; giới thiệu đại biểu, thành phần, chương trình, nội quy", screen.View!.Header.StepLabel);
        Assert.Equal(["Tôi đăng ký", "B", "C"], screen.View.Queue.Next.Select(s => s.Name));
        Assert.Equal(SpeakerStatus.Queued, participant.Personal!.Registration!.Status);
    }

    [Fact]
    public async Task Captions_FromTheTranscriberOnly_ReachTheScreen_AndALateJoinerSeesTheLastLines()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        await chair.ExecuteAsync(new RegisterSpeaker("Người nói"));
        await chair.ExecuteAsync(new CallNext());
        var turn = (await Host.Meetings.LoadFreshAsync(id))!.Floor!.TurnId;
        var screen = await Connect(id, Role.Screen);
        var transcriber = await Connect(id, Role.Transcriber);
        var participant = await Connect(id, Role.Participant);

        Assert.Equal("forbidden", (await participant.PublishCaptionAsync(new CaptionLine(turn, "Giả mạo", true, default))).ErrorCode);
        Assert.Equal("invalid", (await transcriber.PublishCaptionAsync(new CaptionLine(turn, new string('a', 600), true, default))).ErrorCode);
        Assert.True((await transcriber.PublishCaptionAsync(new CaptionLine(turn, "Thưa chủ tọa hội nghị,", true, default))).Ok);
        Assert.True((await transcriber.PublishCaptionAsync(new CaptionLine(turn, "tôi xin phản ánh về", false, default))).Ok);
        Assert.True((await transcriber.PublishCaptionAsync(new CaptionLine(turn, "tôi xin phản ánh về đường liên thôn.", true, default))).Ok);

        await Eventually.TrueAsync(() => screen.Captions.Count == 2 && screen.Captions[^1].Final, "the screen gets the lines");
        Assert.Equal(["Thưa chủ tọa hội nghị,", "tôi xin phản ánh về đường liên thôn."], screen.Captions.Select(c => c.Text));
        Assert.DoesNotContain(participant.Captions, c => c.Text == "Giả mạo");
        var late = await Connect(id, Role.Participant);
        Assert.Equal("tôi xin phản ánh về đường liên thôn.", late.Captions[^1].Text);
    }

    [Fact]
    public async Task ShortJoinLink_RedirectsToTheParticipantPage_UntilTheLinkIsRotated()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Connect(id, Role.Screen);
        Assert.Matches(@"/j/[23456789abcdefghjkmnpqrstuvwxyz]{8}$", screen.JoinLink);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };

        var redirect = await http.GetAsync(new Uri(screen.JoinLink!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var target = redirect.Headers.Location!.ToString();
        Assert.StartsWith("/join?t=", target);
        var page = await http.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(Host.BaseAddress, target).Query);
        Assert.Equal(new Uri(screen.JoinLink!).AbsolutePath["/j/".Length..], query["c"]);
        var participant = new MeetingConnection(Host.HubUrl, query["t"]!);
        Track(participant);
        await participant.StartAsync();
        Assert.Equal(Role.Participant, participant.Role);

        var before = screen.JoinLink!;
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Participant))).Ok);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(before).AbsolutePath)).StatusCode);
        // The screen's QR code moves on to the new link by itself.
        await Eventually.TrueAsync(() => screen.JoinLink != before, "the screen gets the new join link");
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync(new Uri(screen.JoinLink!).AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/j/zzzzzzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/j/..%2f..%2fetc")).StatusCode);
    }

    [Fact]
    public async Task PhotoUpload_TakesOnlyImagesUpTo5MB_AndOnlyItsSenderMayAttachIt()
    {
        var id = await Host.CreateMeetingAsync();
        var alice = await Connect(id, Role.Participant);
        var bob = await Connect(id, Role.Participant);
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        async Task<HttpResponseMessage> Upload(string token, byte[] body, string type = "image/png")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/attachments") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await http.SendAsync(request);
        }

        var html = await Upload(alice.PersonalToken!, "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png");
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Contains("Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.", await html.Content.ReadAsStringAsync());
        var big = new byte[Attachments5MB + 1];
        ParticipantTests.TinyPng.CopyTo(big, 0);
        var tooBig = await Upload(alice.PersonalToken!, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(Hub.Live.Attachments.TooLarge.Code, (await tooBig.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Upload("not-a-token", ParticipantTests.TinyPng)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(Host.Token(id, Role.Screen), ParticipantTests.TinyPng)).StatusCode);

        var ok = await Upload(alice.PersonalToken!, ParticipantTests.TinyPng);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var attachmentId = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var stolen = await bob.ExecuteAsync(new SubmitQuestion("Bob", null, "Ảnh của người khác", null, attachmentId));
        Assert.Equal("attachment_not_found", stolen.ErrorCode);
        Assert.True((await alice.ExecuteAsync(new SubmitQuestion("Alice", null, "Ảnh của tôi", null, attachmentId))).Ok);
        var question = (await Host.Meetings.LoadFreshAsync(id))!.Questions.Single();
        Assert.Equal(("Alice", attachmentId), (question.AskerName, question.AttachmentId));

        // A third upload in a row is still fine; the fourth is too fast.
        Assert.Equal(HttpStatusCode.OK, (await Upload(alice.PersonalToken!, ParticipantTests.TinyPng)).StatusCode);
        var tooFast = await Upload(alice.PersonalToken!, ParticipantTests.TinyPng);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooFast.StatusCode);
        Assert.Contains("thao tác quá nhanh", await tooFast.Content.ReadAsStringAsync());

        var asBob = await http.GetAsync($"/api/attachments/{attachmentId}?t={Uri.EscapeDataString(bob.PersonalToken!)}");
        Assert.Equal(HttpStatusCode.NotFound, asBob.StatusCode);
        var asChair = await http.GetAsync($"/api/attachments/{attachmentId}?t={Uri.EscapeDataString(Host.Token(id, Role.Chair))}");
        Assert.Equal(HttpStatusCode.OK, asChair.StatusCode);
        Assert.Equal("nosniff", asChair.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private const int Attachments5MB = 5 * 1024 * 1024;
}
