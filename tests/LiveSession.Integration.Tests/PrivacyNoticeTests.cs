using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Store;
using LiveSession.Paperwork;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Where citizens' data is collected they are told first, and what rests on consent can be refused without losing the
/// right to take part: the callback number, and the recording of an online speaker's voice.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PrivacyNoticeTests(RedisServer redis)
    : BrowserTest(redis, Browser.FakeMicrophone(Microphone.WriteWav(Microphone.Tone(2, 330))))
{
    private static readonly string Retention = new PrivacyOptions().NoticeParagraphs()[3];

    [Fact]
    public async Task A_phone_shows_the_notice_before_the_first_registration_and_a_refused_number_and_recording_still_let_the_person_speak()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        await Expect(screen.GetByTestId("hall-screen")).ToBeVisibleAsync();
        await Expect(screen.Locator("html[data-hall-audio-blocks]")).ToHaveCountAsync(1);

        var phone = await Chromium.OpenAsync(Page("/join", id, Role.Participant), 390, 844);
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        var notice = phone.GetByTestId("privacy-notice");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Số điện thoại chỉ bàn đăng ký và văn phòng Ủy ban nhân dân xã được xem");
        await Expect(notice).ToContainTextAsync(Retention);
        Assert.Contains("Thời hạn lưu", Retention);
        await Browser.ScreenshotAsync(phone, "participant-privacy-notice-390x844");

        // The number is typed but the callback consent is not ticked: the page says so and sends none.
        await phone.GetByLabel("Họ và tên").FillAsync("Đỗ Thị Giang");
        await phone.GetByLabel("Số điện thoại").FillAsync("0912 345 678");
        await Expect(phone.Locator("#me-phone-unsent")).ToBeVisibleAsync();
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");
        await phone.GetByLabel("Nội dung câu hỏi").FillAsync("Khi nào đường liên thôn được sửa?");
        await phone.GetByTestId("question-form").GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        await Eventually.TrueAsync(() => chair.State!.Speakers.Count == 1 && chair.State.Questions.Count == 1, "the chair sees the request and the question");
        Assert.Null(chair.State!.Speakers[0].Phone);
        Assert.Null(chair.State.Questions[0].AskerPhone);
        // Read once, the notice folds away on this phone and can be opened again.
        await notice.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc" }).ClickAsync();
        await Expect(notice).ToBeHiddenAsync();
        await phone.ReloadAsync();
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        await Expect(notice).ToBeHiddenAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xem thông báo về dữ liệu cá nhân" }).ClickAsync();
        await Expect(notice).ToBeVisibleAsync();

        var speaker = chair.State.Speakers[0].Id;
        Assert.True((await chair.ExecuteAsync(new ApproveSpeaker(speaker))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallSpeaker(speaker))).Ok);
        var microphone = phone.GetByRole(AriaRole.Button, new() { Name = "Bật micro để phát biểu" });
        await Expect(phone.GetByTestId("recording-choice")).ToBeVisibleAsync();
        await Expect(microphone).ToBeDisabledAsync();
        await phone.Locator("#recording-no").CheckAsync();
        await Expect(microphone).ToBeEnabledAsync();
        await microphone.ClickAsync();
        await Expect(phone.Locator("#mic-state")).ToHaveTextAsync("Micro đang bật: mời bạn nói.");

        var console = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1366, 768);
        await Expect(console.GetByTestId("current-speaker").GetByTestId("recording-consent")).ToHaveTextAsync("không đồng ý ghi âm");
        await Browser.ScreenshotAsync(console, "chair-speaker-declined-recording");

        // The hall hears the speaker and the worker's feed gets the speech to transcribe; the turn keeps no audio.
        await Eventually.TrueAsync(async () => int.Parse(await screen.EvaluateAsync<string>("document.documentElement.dataset.hallAudioBlocks"), System.Globalization.CultureInfo.InvariantCulture) >= 10,
            "the hall screen played the speaker");
        var feed = await Host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StreamLengthAsync(new MeetingKeys(id).Audio);
        Assert.True(feed > 0, "the speech went to the transcription feed");
        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        var turn = chair.State.GivenTurns.Single().Id;
        Assert.False(Host.Services.GetRequiredService<TurnRecordings>().Has(id, turn));
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var wav = await http.GetAsync($"/api/audio/turns/{turn}.wav?t={Uri.EscapeDataString(Host.Token(id, Role.Secretary))}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wav.StatusCode);
    }

    [Fact]
    public async Task The_registration_desk_shows_the_same_notice()
    {
        var id = await Host.CreateMeetingAsync();
        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 900);
        var notice = desk.GetByTestId("privacy-notice");
        await Expect(notice).ToBeVisibleAsync();
        foreach (var paragraph in new PrivacyOptions().NoticeParagraphs())
            await Expect(notice).ToContainTextAsync(paragraph);
        await Browser.ScreenshotAsync(desk, "organizer-privacy-notice");
    }
}
