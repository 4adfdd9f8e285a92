using System.Globalization;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// An online participant's microphone in Chromium (a fake microphone playing a tone): only while the chair
/// has given them the floor, heard on the hall screen page, kept with the turn for the secretary to replay.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class MicrophoneBrowserTests(RedisServer redis)
    : BrowserTest(redis, Browser.FakeMicrophone(Microphone.WriteWav(Microphone.Tone(2, 330))))
{
    [Fact]
    public async Task An_online_speaker_given_the_floor_is_heard_on_the_hall_screen_until_the_chair_ends_the_turn_and_the_secretary_can_replay_it()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        await Expect(screen.GetByTestId("hall-screen")).ToBeVisibleAsync();
        await Expect(screen.Locator("html[data-hall-audio-blocks]")).ToHaveCountAsync(1);

        var phone = await Chromium.OpenAsync(Page("/join", id, Role.Participant), 360, 740);
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        await phone.GetByLabel("Họ và tên").FillAsync("Đỗ Thị Giang");
        await phone.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("đang chờ duyệt");
        await Expect(phone.GetByTestId("participant-mic")).ToBeHiddenAsync();

        await Eventually.TrueAsync(() => chair.State!.Speakers.Count == 1, "the chair sees the request");
        var speaker = chair.State!.Speakers[0].Id;
        Assert.True((await chair.ExecuteAsync(new ApproveSpeaker(speaker))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallSpeaker(speaker))).Ok);
        await Expect(phone.GetByTestId("participant-mic")).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Bật micro để phát biểu" })).ToBeDisabledAsync();
        await phone.Locator("#recording-yes").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Bật micro để phát biểu" }).ClickAsync();
        await Expect(phone.Locator("#mic-state")).ToHaveTextAsync("Micro đang bật: mời bạn nói.");
        await Browser.ScreenshotAsync(phone, "participant-speaking-360x740");

        // The hall screen schedules the speaker's voice block after block.
        await Eventually.TrueAsync(async () => int.Parse(await screen.EvaluateAsync<string>("document.documentElement.dataset.hallAudioBlocks"), CultureInfo.InvariantCulture) >= 15,
            "the hall screen played the online speaker");
        Assert.Equal("running", await screen.EvaluateAsync<string>("document.documentElement.dataset.hallAudioState"));

        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        await Expect(phone.GetByTestId("participant-mic")).ToBeHiddenAsync();
        await Expect(phone.Locator("#mic-state")).ToHaveTextAsync("Lượt phát biểu của bạn đã kết thúc; micro đã tắt.");
        // Blocks already on their way when the turn ended may still land; then nothing more comes.
        Task<string> Played() => screen.EvaluateAsync<string>("document.documentElement.dataset.hallAudioBlocks");
        var played = await Played();
        await Eventually.TrueAsync(async () =>
        {
            var before = played;
            await Task.Delay(300);
            return before == (played = await Played());
        }, "the blocks in flight when the turn ended have landed");
        await Eventually.StaysTrueAsync(async () => played == await Played(), TimeSpan.FromSeconds(1), "the hall screen plays nothing more once the floor has ended");

        // The secretary replays the turn: the browser loads the Opus recording, a second or more of it.
        var turn = chair.State!.GivenTurns.Single().Id;
        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var card = secretary.Locator($"[data-turn-id={turn}]");
        await card.GetByRole(AriaRole.Button, new() { Name = "Nghe lại" }).ClickAsync();
        var duration = await card.Locator("[data-role=turn-audio]").EvaluateAsync<double>(
            "a => new Promise((ok, fail) => { a.onloadedmetadata = () => ok(a.duration); a.onerror = () => fail(a.error && a.error.message); a.preload = 'metadata'; a.load(); })");
        Assert.True(duration >= 1, $"the recording lasts {duration} s");
    }

    [Fact]
    public async Task Nghe_lai_is_offered_only_on_turns_that_have_a_recording()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var turns = await FloorSteps.CitizensSpeakAsync(Host, id, chair, ("Nguyễn Văn An", null), ("Trần Thị Bình", null));
        var (recorded, silent) = (turns[0].Id, turns[1].Id);
        // The first turn was heard through a microphone: its recording is on the host's disk, as the microphone leaves it.
        var recordings = Host.Services.GetRequiredService<LiveSession.Hub.Audio.TurnRecordings>();
        Assert.True(await recordings.AppendAsync(id, recorded, new byte[AudioFormat.BytesPerSecond], default));

        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        await Expect(secretary.Locator($"[data-turn-id={recorded}] [data-role=listen]")).ToBeVisibleAsync();
        await Expect(secretary.Locator($"[data-turn-id={silent}]")).ToBeVisibleAsync();
        await Expect(secretary.Locator($"[data-turn-id={silent}] [data-role=listen]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_secretary_sees_whether_the_transcription_keeps_up()
    {
        var id = await Host.CreateMeetingAsync();
        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var status = secretary.GetByTestId("transcriber-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "absent");
        // No worker serves the running meeting: the page says so, and what to do about it.
        await Expect(status).ToContainTextAsync("Chưa có máy ghi lời nào nhận hội nghị này");
        await Expect(secretary.GetByTestId("transcriber-help")).ToContainTextAsync("scripts/run.sh");
        var transcriber = await Connect(id, Role.Transcriber);
        Assert.True((await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(true, 14, 3, Host.Clock.GetUtcNow()))).Ok);
        await Expect(status).ToHaveAttributeAsync("data-state", "behind");
        await Expect(status).ToContainTextAsync("chậm khoảng 14 giây");
        await Expect(secretary.GetByTestId("transcriber-help")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(secretary, "secretary-transcriber-behind");
        Assert.True((await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(false, 0, 3, Host.Clock.GetUtcNow()))).Ok);
        await Expect(status).ToHaveAttributeAsync("data-state", "ok");
    }
}
