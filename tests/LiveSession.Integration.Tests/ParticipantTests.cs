using System.Text.RegularExpressions;
using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Survey;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The participant's phone page and the hall screen together, in Chromium against a real host and redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class ParticipantTests(RedisServer redis) : BrowserTest(redis)
{
    /// <summary>A 1×1 PNG, as a phone camera would send a (much larger) photo.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private async Task<IPage> OpenPhoneAsync(string meetingId, string name, string locality)
    {
        var phone = await Chromium.OpenAsync(Page("/join", meetingId, Role.Participant), 360, 740);
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        await phone.GetByLabel("Họ và tên").FillAsync(name);
        await phone.GetByLabel("Thôn / tổ dân phố").FillAsync(locality);
        return phone;
    }

    [Fact]
    public async Task A_phone_that_scans_the_QR_code_again_or_reopens_its_browser_is_the_same_participant()
    {
        var id = await Host.CreateMeetingAsync();
        var organizer = await Connect(id, Role.Organizer);
        var screen = await Connect(id, Role.Screen);
        await Eventually.TrueAsync(() => screen.JoinLink is not null, "the hall screen has its short link");
        var qr = new Uri(screen.JoinLink!);

        var phone = await Chromium.OpenAsync(qr, 360, 740);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc" }).ClickAsync();
        await phone.GetByLabel("Họ và tên").FillAsync("Bà Nguyễn Thị Lành");
        await phone.GetByLabel("Thôn / tổ dân phố").FillAsync("Thôn Đông");
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        var browser = phone.Context;
        await phone.CloseAsync();

        // Scanned again (a new token each visit), in the same browser: her request, and the way to withdraw it.
        var again = await browser.NewPageAsync();
        await again.GotoAsync(qr.ToString());
        await Expect(again.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        await Expect(again.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" })).ToBeVisibleAsync();
        // The privacy notice she has read is not put in front of her again.
        await Expect(again.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc" })).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(again, "participant-after-rescan-360x740");
        await again.ReloadAsync();
        await Expect(again.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        await Eventually.TrueAsync(() => organizer.State!.Speakers.Count == 1, "the desk sees her once");
        Assert.Single(organizer.State!.Speakers.Select(s => s.ParticipantId).Distinct());
        // A different phone scanning the same code is someone else.
        var other = await Chromium.OpenAsync(qr, 360, 740);
        await Expect(other.GetByTestId("participant")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("my-registration")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_phone_offers_the_meetings_fields_and_hides_the_form_while_the_list_is_closed()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new AddOfficial("Vũ Văn Hải", "Công chức Thủy lợi", "Thủy lợi"))).Ok);
        var phone = await OpenPhoneAsync(id, "Hà Văn Tư", "Thôn Đông");
        var fields = await phone.Locator("#sp-field option").AllTextContentsAsync();
        Assert.Equal(["— Chọn —", .. Fields.Of((await Host.Meetings.LoadFreshAsync(id))!)], fields);
        Assert.Contains("Tư pháp", fields);
        Assert.Contains("Thủy lợi", fields);

        Assert.True((await chair.ExecuteAsync(new CloseList())).Ok);
        await Expect(phone.GetByTestId("speaker-form")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("list-closed")).ToContainTextAsync("Danh sách đăng ký phát biểu đã đóng");
        await Browser.ScreenshotAsync(phone, "participant-list-closed-360x740");
        Assert.True((await chair.ExecuteAsync(new ReopenList())).Ok);
        await Expect(phone.GetByTestId("speaker-form")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("list-closed")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task PhoneParticipant_RegistersSeesTheirPositionAndIsCalled_ScreenAndPhoneFollow()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var organizer = await Connect(id, Role.Organizer);
        await organizer.ExecuteAsync(new RegisterSpeaker("Đỗ Văn Hùng", "Thôn Bắc", Topic: "Nước sạch"));
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        var phone = await OpenPhoneAsync(id, "Phạm Thị Mai", "Thôn Nam");
        await phone.GetByLabel("Số điện thoại").FillAsync("0912 345 678");
        await phone.GetByLabel("Tôi đồng ý để cán bộ gọi lại theo số này").CheckAsync();

        var form = phone.GetByTestId("speaker-form");
        await form.GetByLabel("Nội dung").FillAsync("Cấp giấy chứng nhận quyền sử dụng đất còn chậm");
        await form.GetByLabel("Lĩnh vực").SelectOptionAsync("Đất đai");
        await form.GetByLabel("Số phút").SelectOptionAsync("2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");

        await Eventually.TrueAsync(() => organizer.State!.Speakers.Any(s => s.Name == "Phạm Thị Mai"), "the desk sees the request");
        var request = organizer.State!.Speakers.Single(s => s.Name == "Phạm Thị Mai");
        Assert.Equal((Channel.Online, SpeakerStatus.Requested, "Thôn Nam", "Đất đai", 2, "0912 345 678"),
            (request.Channel, request.Status, request.Locality, request.Field, request.RequestedMinutes, request.Phone));
        Assert.True((await organizer.ExecuteAsync(new ApproveSpeaker(request.Id))).Ok);
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Còn 1 người trước bạn");
        await Expect(phone.GetByTestId("queue").Locator("li")).ToHaveCountAsync(2);
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(phone, "participant-queued-360x740");
        await ColorContrast.AssertReadableAsync(phone, "body");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "participant-queued-360-fullpage.png"), FullPage = true });
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(2);

        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Bạn là người tiếp theo");
        await Expect(phone.GetByTestId("floor")).ToContainTextAsync("Đỗ Văn Hùng");
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Đỗ Văn Hùng");

        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Mời bạn phát biểu");
        await Expect(phone.GetByTestId("floor")).ToContainTextAsync("Phạm Thị Mai");
        await Expect(phone.GetByTestId("floor").Locator(".countdown")).ToHaveTextAsync(new Regex(@"^0[12]:\d\d$"));
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Phạm Thị Mai");
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Trực tuyến");
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(0);
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(phone, "participant-called-360x740");
        await ColorContrast.AssertReadableAsync(phone, "body");

        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        await Expect(phone.GetByTestId("my-registration")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("my-last-registration")).ToContainTextAsync("Bạn đã phát biểu");
    }

    [Fact]
    public async Task A_citizen_who_changed_phone_gets_the_registration_moved_to_the_new_phone_at_the_desk()
    {
        var id = await Host.CreateMeetingAsync();
        var old = await OpenPhoneAsync(id, "Đỗ Thị Giang", "Thôn Trung");
        await old.GetByLabel("Số điện thoại").FillAsync("0912 345 678");
        await old.GetByLabel("Tôi đồng ý để cán bộ gọi lại theo số này").CheckAsync();
        await old.GetByLabel("Nội dung muốn phát biểu").FillAsync("Trợ cấp người cao tuổi");
        await old.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(old.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");

        // The new phone only opens the link: it shows the code of its identity.
        var fresh = await Chromium.OpenAsync(Page("/join", id, Role.Participant), 360, 740);
        await Expect(fresh.GetByTestId("device-code")).ToHaveTextAsync(new Regex("^[0-9A-F]{4}( [0-9A-F]{4}){3}$"));
        var code = await fresh.GetByTestId("device-code").TextContentAsync();
        await Expect(fresh.GetByTestId("my-registration")).ToBeHiddenAsync();

        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 900);
        var reclaim = desk.GetByTestId("reclaim");
        await reclaim.GetByLabel("Số điện thoại đã đăng ký").FillAsync("+84 912 345 678");
        var found = reclaim.Locator("[data-speaker-id]");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToContainTextAsync(new Regex(@"Đỗ Thị Giang, Thôn Trung\s+· Trợ cấp người cao tuổi · chờ duyệt"));
        await reclaim.GetByLabel("Mã thiết bị trên máy mới").FillAsync(code!);
        await found.GetByRole(AriaRole.Button, new() { Name = "Chuyển sang máy mới" }).ClickAsync();
        await Expect(reclaim.GetByTestId("reclaim-done")).ToHaveTextAsync("Đã chuyển đăng ký của Đỗ Thị Giang sang điện thoại mới.");

        var speaker = (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single();
        Assert.Equal(ParticipantCode.ToParticipantId(code), speaker.ParticipantId);
        await Expect(fresh.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        await Expect(fresh.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" })).ToBeVisibleAsync();
        await Expect(old.GetByTestId("my-registration")).ToBeHiddenAsync();
        await fresh.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await Eventually.TrueAsync(async () => (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single().Status == SpeakerStatus.Withdrawn, "the new phone withdraws it");
    }

    [Fact]
    public async Task PhoneParticipant_RaisesAHand_IsTurnedDown_AndMayRegisterAgain()
    {
        var id = await Host.CreateMeetingAsync();
        var organizer = await Connect(id, Role.Organizer);
        var phone = await OpenPhoneAsync(id, "Lò Văn Sơn", "Bản Mường");
        await ColorContrast.AssertReadableAsync(phone, "body");
        // Without a name nothing is sent: the page says what is missing.
        await phone.GetByLabel("Họ và tên").FillAsync("   ");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Giơ tay" }).ClickAsync();
        await Expect(phone.GetByTestId("error")).ToContainTextAsync("Hãy nhập họ và tên của bạn trước.");
        await phone.GetByLabel("Họ và tên").FillAsync("Lò Văn Sơn");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Giơ tay" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");
        await Expect(phone.GetByTestId("speaker-form")).ToBeHiddenAsync();

        await Eventually.TrueAsync(() => organizer.State!.Speakers.Count == 1, "the desk sees the raised hand");
        var hand = organizer.State!.Speakers.Single();
        Assert.Equal(("Lò Văn Sơn", "Bản Mường", "Giơ tay xin phát biểu", Channel.Online), (hand.Name, hand.Locality, hand.Topic, hand.Channel));
        Assert.True((await organizer.ExecuteAsync(new RejectSpeaker(hand.Id))).Ok);
        await Expect(phone.GetByTestId("my-last-registration")).ToContainTextAsync("không được chấp nhận");
        await Expect(phone.GetByTestId("speaker-form")).ToBeVisibleAsync();

        // The name is remembered on this device: a reload keeps it.
        await phone.ReloadAsync();
        await Expect(phone.GetByLabel("Họ và tên")).ToHaveValueAsync("Lò Văn Sơn");
        await Expect(phone.GetByLabel("Thôn / tổ dân phố")).ToHaveValueAsync("Bản Mường");
        await Expect(phone.GetByTestId("my-last-registration")).ToContainTextAsync("không được chấp nhận");
    }

    [Fact]
    public async Task PhoneParticipant_SendsAQuestionWithAPhoto_OrganizerApproves_ChairSeesIt_ScreenShowsIt()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var organizer = await Connect(id, Role.Organizer);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        var phone = await OpenPhoneAsync(id, "Ngô Thị Thu", "Tổ dân phố 3");

        var form = phone.GetByTestId("question-form");
        await form.GetByLabel("Nội dung câu hỏi").FillAsync("Khi nào đường trục thôn được sửa?\nMùa mưa rất lầy lội.");
        await form.GetByLabel("Lĩnh vực của câu hỏi").SelectOptionAsync("Giao thông");
        await form.GetByLabel("Ảnh đính kèm").SetInputFilesAsync(new FilePayload { Name = "duong.png", MimeType = "image/png", Buffer = TinyPng });
        await form.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        await Expect(phone.GetByTestId("my-questions")).ToContainTextAsync("Chờ duyệt");
        await Expect(phone.GetByTestId("my-questions")).ToContainTextAsync("(có ảnh)");

        await Eventually.TrueAsync(() => organizer.State!.Questions.Count == 1, "the organizer sees the question");
        var question = organizer.State!.Questions.Single();
        Assert.Equal(("Ngô Thị Thu", "Tổ dân phố 3", "Giao thông", QuestionStatus.Pending), (question.AskerName, question.Locality, question.Field, question.Status));
        Assert.Equal("Khi nào đường trục thôn được sửa?\nMùa mưa rất lầy lội.", question.Text);
        Assert.NotNull(question.AttachmentId);
        var photo = await new HttpClient().GetAsync(new Uri(Host.BaseAddress,
            $"/api/attachments/{question.AttachmentId}?t={Uri.EscapeDataString(Host.Token(id, Role.Organizer))}"));
        Assert.Equal("image/png", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TinyPng, await photo.Content.ReadAsByteArrayAsync());

        Assert.True((await organizer.ExecuteAsync(new ApproveQuestion(question.Id))).Ok);
        await Expect(phone.GetByTestId("my-questions")).ToContainTextAsync("Đã duyệt");
        await Eventually.TrueAsync(() => chair.State!.FindQuestion(question.Id)!.Status == QuestionStatus.Approved, "the chair sees the approved question");

        Assert.True((await organizer.ExecuteAsync(new ShowQuestionOnScreen(question.Id))).Ok);
        await Expect(screen.GetByTestId("hall-question")).ToContainTextAsync("Khi nào đường trục thôn được sửa?");
        await Expect(screen.GetByTestId("hall-question")).ToContainTextAsync("Ngô Thị Thu, Tổ dân phố 3");
        await Browser.ScreenshotAsync(screen, "hall-question-1920x1080");

        Assert.True((await organizer.ExecuteAsync(new MarkQuestionAnswered(question.Id))).Ok);
        await Expect(screen.GetByTestId("hall-question")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("my-questions")).ToContainTextAsync("Đã trả lời");
    }

    [Fact]
    public async Task Survey_ThreeParticipantsAnswer_OnlyOnceEach_AndTheResultsAddUp()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var phones = new List<IPage>();
        foreach (var name in new[] { "Người thứ nhất", "Người thứ hai", "Người thứ ba" })
            phones.Add(await OpenPhoneAsync(id, name, "Thôn Trung"));
        foreach (var phone in phones) await Expect(phone.GetByTestId("survey")).ToBeHiddenAsync();

        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1280, 720);
        await Expect(screen.GetByTestId("hall-speaker")).ToBeVisibleAsync();
        await Expect(screen.GetByTestId("hall-survey")).ToBeHiddenAsync();
        Assert.True((await chair.ExecuteAsync(new OpenSurvey())).Ok);
        await Expect(screen.GetByTestId("hall-survey")).ToContainTextAsync("quét mã QR để trả lời phiếu lấy ý kiến");
        var answers = new (int Score, string? Concerns, string Comment)[] { (5, "Đã được giải đáp", "Rất tốt"), (4, "Chưa được giải đáp", ""), (2, null, "Cần trả lời cụ thể hơn") };
        for (var i = 0; i < phones.Count; i++)
        {
            var survey = phones[i].GetByTestId("survey");
            await Expect(survey).ToBeVisibleAsync();
            if (i == 0)
            {
                await survey.ScrollIntoViewIfNeededAsync();
                await Browser.ScreenshotAsync(phones[i], "participant-survey-360x740");
                await ColorContrast.AssertReadableAsync(phones[i], "body");
            }
            await survey.GetByLabel($"{answers[i].Score} – ").CheckAsync();
            if (answers[i].Concerns is { } concerns) await survey.GetByLabel(concerns).CheckAsync();
            await survey.GetByLabel("Góp ý khác").FillAsync(answers[i].Comment);
            await survey.GetByRole(AriaRole.Button, new() { Name = "Gửi phiếu" }).ClickAsync();
            await Expect(survey).ToContainTextAsync("Cảm ơn ông/bà đã gửi phiếu");
            await Expect(survey.GetByRole(AriaRole.Button, new() { Name = "Gửi phiếu" })).ToBeHiddenAsync();
        }

        await Eventually.TrueAsync(() => chair.State!.Survey!.Answers.Count == 3, "the chair sees three answers");
        var results = chair.State!.Survey!.Results;
        Assert.Equal(3, results.Count);
        Assert.Equal(11 / 3.0, results.AverageSatisfaction!.Value, 6);
        Assert.Equal([0, 1, 0, 1, 1], results.CountBySatisfaction);
        Assert.Equal((1, 1, 1), (results.ConcernsAnsweredYes, results.ConcernsAnsweredNo, results.ConcernsAnsweredNotStated));
        Assert.Equal(["Cần trả lời cụ thể hơn", "Rất tốt"], results.Comments.Order(StringComparer.Ordinal));

        // A reload is the same participant, who cannot answer a second time.
        await phones[0].ReloadAsync();
        await Expect(phones[0].GetByTestId("survey")).ToContainTextAsync("Cảm ơn ông/bà đã gửi phiếu");

        Assert.True((await chair.ExecuteAsync(new CloseSurvey())).Ok);
        await Expect(screen.GetByTestId("hall-survey")).ToBeHiddenAsync();
        foreach (var phone in phones)
            await Expect(phone.GetByTestId("survey-results")).ToContainTextAsync("3 phiếu, mức hài lòng trung bình 3,67/5");
        await Expect(phones[1].GetByTestId("survey-results")).Not.ToContainTextAsync("Rất tốt");
    }

    [Fact]
    public async Task HostileInput_GetsClearErrors_NothingBreaks_AndOthersAreUnaffected()
    {
        var id = await Host.CreateMeetingAsync();
        var organizer = await Connect(id, Role.Organizer);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);

        // A 10,000-character name from the page: refused in the page with a clear message, nothing sent.
        var phone = await OpenPhoneAsync(id, "x", "Thôn Đông");
        await phone.EvaluateAsync("() => { document.getElementById('me-name').value = 'A'.repeat(10000); }");
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("error")).ToContainTextAsync("Họ tên dài quá 100 ký tự.");

        // Straight to the hub, around the page: refused by the hub with a clear message.
        var flooder = await Connect(id, Role.Participant);
        var huge = await flooder.ExecuteAsync(new RegisterSpeaker(new string('A', 10_000)));
        Assert.False(huge.Ok);
        Assert.Contains("quá lớn", huge.ErrorMessage);
        var long150 = await flooder.ExecuteAsync(new RegisterSpeaker(new string('Ă', 150)));
        Assert.Equal("Họ tên dài quá 100 ký tự.", long150.ErrorMessage);
        Assert.Empty((await Host.Meetings.LoadFreshAsync(id))!.Speakers);

        // Markup in a name is shown as text on the hall screen and phones: no script runs.
        const string markup = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\">";
        var attacker = await OpenPhoneAsync(id, markup, "<b>Thôn</b>");
        await attacker.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(attacker.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        // Emoji and a name typed with combining marks (decomposed): stored and shown composed (NFC).
        var emoji = await Connect(id, Role.Participant);
        Assert.True((await emoji.ExecuteAsync(new RegisterSpeaker("Nguye\u0302\u0303n Thi\u0323 Hoa 🌸👍🏽", "Thôn Tây"))).Ok);
        await Eventually.TrueAsync(() => organizer.State!.Speakers.Count == 2, "the desk sees both requests");
        foreach (var speaker in organizer.State!.Speakers) Assert.True((await organizer.ExecuteAsync(new ApproveSpeaker(speaker.Id))).Ok);
        Assert.Equal("Nguyễn Thị Hoa 🌸👍🏽", organizer.State!.Speakers[1].Name);

        await Expect(screen.GetByTestId("hall-queue")).ToContainTextAsync(markup);
        await Expect(screen.GetByTestId("hall-queue")).ToContainTextAsync("Nguyễn Thị Hoa 🌸👍🏽");
        await Expect(phone.GetByTestId("queue")).ToContainTextAsync(markup);
        await Expect(phone.GetByTestId("queue")).ToContainTextAsync("Nguyễn Thị Hoa 🌸👍🏽");
        Assert.Equal(0, await screen.Locator("[data-testid=hall-queue] img, [data-testid=hall-queue] script").CountAsync());
        Assert.Equal(0, await phone.Locator("[data-testid=queue] img, [data-testid=queue] script, [data-testid=queue] b").CountAsync());
        Assert.Null(await screen.EvaluateAsync<int?>("() => window.pwned"));
        Assert.Null(await phone.EvaluateAsync<int?>("() => window.pwned"));
        Assert.Null(await attacker.EvaluateAsync<int?>("() => window.pwned"));

        // 100 registrations in one burst from one participant: one is taken, the rest refused with a reason, until the
        // flooder has been refused so often that it is disconnected (its last calls then find no connection).
        var burst = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            try { return await flooder.ExecuteAsync(new RegisterSpeaker($"Người gửi dồn dập {i}", Topic: "Lặp lại")); }
            // Cut: the call finds no connection, or (no token is given, so a cancellation can only be this) the client
            // cancels the calls in flight when the host closes it, before its state says so.
            catch (Exception e) when (e is TaskCanceledException || flooder.ConnectionState != Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected)
            {
                return new LiveSession.Client.Protocol.CommandResult(false, -1, "disconnected");
            }
        }));
        Assert.Single(burst, r => r.Ok);
        Assert.All(burst.Where(r => !r.Ok), r => Assert.Contains(r.ErrorCode, new[] { "rate_limited", "already_registered", "put_out", "disconnected" }));
        Assert.Contains(burst, r => r.ErrorCode == "rate_limited");
        Assert.Contains("thao tác quá nhanh", burst.First(r => r.ErrorCode == "rate_limited").ErrorMessage);
        // Put out: told so, or cut before the answer got through.
        Assert.Contains(burst, r => r.ErrorCode is "put_out" or "disconnected");

        // Meanwhile another participant registers normally, and the pages still work.
        await phone.GetByLabel("Họ và tên").FillAsync("Trịnh Văn Bình thường");
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");
        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(4, state.Speakers.Count);
        Assert.Single(state.Speakers, s => s.Name.StartsWith("Người gửi dồn dập", StringComparison.Ordinal));
        Assert.Contains(state.Speakers, s => s.Name == "Trịnh Văn Bình thường");
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(screen, "hall-hostile-names-1920x1080");
    }

    [Fact]
    public async Task BadOrMissingLink_SaysSoInVietnamese()
    {
        var none = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/join"), 360, 740);
        await Expect(none.GetByRole(AriaRole.Alert)).ToContainTextAsync("Liên kết thiếu mã truy cập");
        var forged = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/join?t=CfDJ8-gia-mao"), 360, 740);
        await Expect(forged.GetByRole(AriaRole.Alert)).ToContainTextAsync("Liên kết không hợp lệ hoặc đã bị thu hồi");
        await Expect(forged.GetByTestId("participant")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task HostRestarted_ThePhoneShowsItIsReconnecting_ThenCarriesOnAsTheSameParticipant()
    {
        var port = RedisServer.FreePort();
        var first = new TestHost(Redis, port);
        var id = await first.CreateMeetingAsync();
        var phone = await Chromium.OpenAsync(new Uri(first.BaseAddress, $"/join?t={Uri.EscapeDataString(first.Token(id, Role.Participant))}"), 360, 740);
        await phone.GetByLabel("Họ và tên").FillAsync("Hà Văn Kiên");
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");

        await first.DisposeAsync();
        await Expect(phone.GetByText("Mất kết nối, đang kết nối lại…")).ToBeVisibleAsync();

        // While this host is down the desk approves the request through another host.
        var organizer = await Connect(id, Role.Organizer);
        Assert.True((await organizer.ExecuteAsync(new ApproveSpeaker("s1"))).Ok);

        await using var restarted = new TestHost(Redis, port);
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Bạn là người tiếp theo", new() { Timeout = 60_000 });
        await Expect(phone.GetByText("Mất kết nối, đang kết nối lại…")).ToBeHiddenAsync();
        // Still the same participant: the registration is theirs to withdraw.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToBeHiddenAsync();
        Assert.Equal(SpeakerStatus.Withdrawn, (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single().Status);
    }
    [Fact]
    public async Task DataStoreLost_ThePhoneAndTheHallScreenSaySo_ThenClearTheNoteByThemselves()
    {
        var id = await Host.CreateMeetingAsync();
        var phone = await Chromium.OpenAsync(Page("/join", id, Role.Participant), 360, 740);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        var console = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1280, 800);
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        await Expect(screen.GetByTestId("hall-screen")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("chair-console")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("store-outage")).ToBeHiddenAsync();
        const string notice = "Mất kết nối máy chủ dữ liệu";
        await screen.EvaluateAsync("window.sameScreenPage = true");
        try
        {
            await Redis.KillAsync();
            await Expect(phone.GetByText(notice)).ToBeVisibleAsync();
            await Expect(screen.GetByTestId("hall-offline")).ToContainTextAsync(notice);
            await Expect(console.GetByTestId("store-outage")).ToContainTextAsync(notice);
            await Browser.ScreenshotAsync(console, "chair-store-outage-1280x800");
            await Browser.ScreenshotAsync(phone, "phone-store-outage-360x740");
            await Browser.ScreenshotAsync(screen, "hall-store-outage-1920x1080");
            // Longer than Redis's command timeout (5 s): the screen's own session does not depend on Redis, so it neither drops nor reloads.
            await Eventually.StaysTrueAsync(async () => await screen.EvaluateAsync<bool>("window.sameScreenPage === true")
                    && (await screen.GetByTestId("hall-offline").TextContentAsync() ?? "").Contains(notice, StringComparison.Ordinal),
                TimeSpan.FromSeconds(7), "the hall screen keeps its page and its outage notice");
        }
        finally
        {
            await Redis.StartAsync();
        }
        await Expect(phone.GetByText(notice)).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(screen.GetByTestId("hall-offline")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(console.GetByTestId("store-outage")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(phone.GetByTestId("speaker-form")).ToBeVisibleAsync();
    }
}
