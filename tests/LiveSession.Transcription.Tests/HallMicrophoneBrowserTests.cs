using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using LiveSession.Transcription.Whisper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// End to end in a real browser: Chromium's fake microphone plays a Vietnamese clip into the hall
/// microphone page (getUserMedia → AudioWorklet → SignalR stream) → hub → worker (real VAD, scripted
/// recogniser) → captions on the hall screen page and text on the turn the chair had called.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HallMicrophoneBrowserTests(RedisServer redis)
    : BrowserTest(redis, Browser.FakeMicrophone(SpokenClip))
{
    // A clip and 2 s of silence; Chromium loops it.
    private static readonly string SpokenClip = Microphone.WriteWav(Microphone.Join(TestData.Load(TestData.SpeechClips[0].Path), Microphone.Silence(2)));

    [Fact]
    public async Task Speech_into_the_hall_microphone_page_shows_as_captions_on_the_hall_screen_and_lands_on_the_called_turn()
    {
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường liên thôn"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is not null, "the speaker has the floor");
        var turn = chair.State!.CurrentTurn!.Id;

        using var stop = new CancellationTokenSource();
        var recognizer = new ScriptedRecognizer();
        var worker = new MeetingFollower(Host.HubUrl, new MeetingOptions { Token = Host.Token(meetingId, Role.Transcriber) },
            new TranscriptionOptions(), recognizer.WithRealVad, TimeProvider.System, NullLogger<MeetingFollower>.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        var screen = await Chromium.OpenAsync(Page("/screen", meetingId, Role.Screen), 1920, 1080);
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Nguyễn Văn An");
        var microphone = await Chromium.OpenAsync(Page("/mic", meetingId, Role.Microphone), 1280, 800);
        await Expect(microphone.GetByTestId("floor")).ToHaveTextAsync("Nguyễn Văn An");
        await microphone.GetByTestId("mic-toggle").ClickAsync();
        await Expect(microphone.GetByTestId("mic-state")).ToHaveTextAsync("Đang gửi âm thanh tới máy chủ.");

        await Expect(screen.GetByTestId("hall-captions")).ToContainTextAsync("câu nói dài", new() { Timeout = 60_000 });
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count >= 1, "the clip's text reached the called turn", 60);
        Assert.StartsWith("câu nói dài", chair.State!.MinutesOf(turn).Machine[0].Text);
        Assert.All(chair.State.Turns.Where(t => t.Id != turn), t => Assert.Empty(chair.State.MinutesOf(t.Id).Machine));
        await Browser.ScreenshotAsync(screen, "hall-screen-captions");
        await Browser.ScreenshotAsync(microphone, "hall-microphone");

        // The hall microphone switched off: the stream ends cleanly.
        await microphone.GetByTestId("mic-toggle").ClickAsync();
        await Expect(microphone.GetByTestId("mic-state")).ToHaveTextAsync("Micro đang tắt.");
        await stop.CancelAsync();
        await running;
    }
}
