using System.Text.RegularExpressions;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The hall screen in its states, at the projector sizes, with screenshots to look at.</summary>
[Collection(RedisCollection.Name)]
public sealed class HallScreenTests(RedisServer redis) : BrowserTest(redis)
{
    private Task<IPage> OpenScreenAsync(string meetingId, int width, int height) =>
        Chromium.OpenAsync(Page("/screen", meetingId, Role.Screen), width, height);

    /// <summary>A meeting at step 6 ("Nhân dân phát biểu ý kiến") with hall speakers queued.</summary>
    private async Task<(string Id, MeetingConnection Chair)> MeetingAtStepSixAsync(params string[] speakers)
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new StartAgendaItem("a6"))).Ok);
        var localities = new[] { "Thôn Đông", "Thôn Tây", "Tổ dân phố 2", "Thôn Nam", "Thôn Bắc" };
        for (var i = 0; i < speakers.Length; i++)
            Assert.True((await chair.ExecuteAsync(new RegisterSpeaker(speakers[i], localities[i % localities.Length],
                Topic: "Đề nghị nâng cấp, sửa chữa tuyến đường liên thôn đã xuống cấp nghiêm trọng", RequestedMinutes: 1))).Ok);
        return (id, chair);
    }

    public static TheoryData<int, int> ProjectorSizes => new() { { 1920, 1080 }, { 1280, 720 } };

    [Theory]
    [MemberData(nameof(ProjectorSizes))]
    public async Task Nothing_covers_the_title_the_speaker_or_the_QR_code(int width, int height)
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var chair = await Connect(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new UpdateMeetingInfo(
            "Hội nghị đối thoại trực tiếp giữa Chủ tịch UBND xã với Nhân dân về bồi thường, hỗ trợ, tái định cư dự án đường liên xã năm 2026",
            MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã", Host.Clock.GetUtcNow(), "Nguyễn Văn An", "Trần Thị Bình"))).Ok);
        Assert.True((await chair.ExecuteAsync(new StartMeeting())).Ok);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Nguyễn Thị Phương Thảo", "Tổ dân phố 2", Topic: "Giá đất bồi thường"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        var screen = await OpenScreenAsync(id, width, height);
        var unlock = screen.GetByTestId("hall-audio-unlock");
        await Expect(unlock).ToHaveCountAsync(1);
        // The browser may already allow sound; the button must fit wherever it would show.
        await unlock.EvaluateAsync("b => b.hidden = false");
        await Browser.ScreenshotAsync(screen, $"hall-screen-audio-button-{width}x{height}");

        var covers = new[] { unlock };
        var covered = new[] { screen.Locator(".hall-title"), screen.GetByTestId("hall-speaker"), screen.GetByRole(AriaRole.Img, new() { Name = "Mã QR tham gia trực tuyến" }) };
        foreach (var top in covers)
        {
            var a = (await top.BoundingBoxAsync())!;
            foreach (var below in covered)
            {
                var b = (await below.BoundingBoxAsync())!;
                var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
                Assert.False(overlap, $"at {width}×{height} the audio button ({a.X},{a.Y} {a.Width}×{a.Height}) covers {below} ({b.X},{b.Y} {b.Width}×{b.Height})");
            }
            Assert.True(a.X + a.Width <= width && a.Y + a.Height <= height, "the button is on the screen");
        }
    }

    [Fact]
    public async Task Idle_ShowsTheStepTheQueueAndTheJoinQrCode()
    {
        var (id, _) = await MeetingAtStepSixAsync("Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc");
        var screen = await OpenScreenAsync(id, 1920, 1080);

        await Expect(screen.GetByTestId("hall-step")).ToHaveTextAsync("Bước 6/9: Nhân dân phát biểu ý kiến");
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Xin mời đăng ký phát biểu");
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(3);
        await Expect(screen.GetByTestId("hall-captions")).ToBeHiddenAsync();
        var qrText = await screen.GetByTestId("hall-join").Locator("[data-qr-text]").GetAttributeAsync("data-qr-text");
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/j/[a-z2-9]{8}$", qrText);
        await Expect(screen.GetByTestId("hall-join")).ToContainTextAsync(new Uri(qrText!).AbsolutePath);
        await Browser.ScreenshotAsync(screen, "hall-idle-1920x1080");
        await ColorContrast.AssertReadableAsync(screen, "[data-testid=hall-screen]");
    }

    [Fact]
    public async Task SpeakerInOvertime_CountsUpInRed()
    {
        var (id, chair) = await MeetingAtStepSixAsync("Phạm Văn Đức", "Hoàng Thị Én");
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        // One minute allotted; the meeting's clock moves 80 s on, and the screen opens then.
        Host.Clock.Shift = TimeSpan.FromSeconds(80);
        var screen = await OpenScreenAsync(id, 1920, 1080);

        var countdown = screen.GetByTestId("hall-speaker").Locator(".countdown");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^\+00:[23]\d$"));
        await Expect(countdown).ToHaveClassAsync(new Regex("countdown-overtime"));
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Phạm Văn Đức");
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(screen, "hall-overtime-1920x1080");
        await ColorContrast.AssertReadableAsync(screen, "[data-testid=hall-screen]");
    }

    [Fact]
    public async Task OfficialAnswering_WithCaptions_ShowsTheLowerThirdAndTheLastTwoLines()
    {
        var (id, chair) = await MeetingAtStepSixAsync("Vũ Văn Giang", "Đặng Thị Hạnh");
        Assert.True((await chair.ExecuteAsync(new AddOfficial("Lê Văn Cường", "Phó Chủ tịch UBND xã", "Đất đai"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        var screen = await OpenScreenAsync(id, 1920, 1080);
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Vũ Văn Giang");
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Tại hội trường");
        var phone = await Chromium.OpenAsync(new Uri(Host.BaseAddress, $"/join?t={Uri.EscapeDataString(Host.Token(id, Role.Participant))}"), 360, 740);
        await Expect(phone.GetByTestId("floor")).ToContainTextAsync("Vũ Văn Giang");
        await Expect(phone.GetByTestId("captions")).ToBeHiddenAsync();

        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        var official = state.Officials.Single(o => o.Name == "Lê Văn Cường");
        Assert.True((await chair.ExecuteAsync(new InviteAnswer(official.Id))).Ok);
        await Expect(screen.GetByTestId("hall-lower-third")).ToHaveTextAsync("Đ/c Lê Văn Cường — Phó Chủ tịch UBND xã trả lời");
        await Expect(screen.GetByTestId("hall-captions")).ToBeHiddenAsync();

        var turn = (await Host.Meetings.LoadFreshAsync(id))!.Floor!.TurnId;
        var transcriber = await Connect(id, Role.Transcriber);
        foreach (var (line, final) in new[]
        {
            ("Cảm ơn ý kiến của ông Giang.", true),
            ("Về tuyến đường liên thôn, xã đã đưa vào kế hoạch đầu tư công năm 2026,", true),
            ("dự kiến khởi công trong quý II", false),
        })
            Assert.True((await transcriber.PublishCaptionAsync(new CaptionLine(turn, line, final, default))).Ok);

        var captions = screen.GetByTestId("hall-captions").Locator(".hall-caption-line");
        await Expect(captions).ToHaveTextAsync(["Về tuyến đường liên thôn, xã đã đưa vào kế hoạch đầu tư công năm 2026,", "dự kiến khởi công trong quý II"]);
        await Browser.ScreenshotAsync(screen, "hall-answer-captions-1920x1080");
        await Expect(phone.GetByTestId("floor")).ToContainTextAsync("Đ/c Lê Văn Cường");
        await Expect(phone.GetByTestId("captions")).ToContainTextAsync("dự kiến khởi công trong quý II");
        await Expect(phone.GetByTestId("captions")).Not.ToContainTextAsync("Cảm ơn ý kiến của ông Giang.");
        await Browser.ScreenshotAsync(phone, "participant-captions-360x740");
        await ColorContrast.AssertReadableAsync(phone, "body");
        await ColorContrast.AssertReadableAsync(screen, "[data-testid=hall-screen]");

        // The next turn starts without captions of its own: the strip hides.
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Đặng Thị Hạnh");
        await Expect(screen.GetByTestId("hall-captions")).ToBeHiddenAsync();
        await Expect(screen.GetByTestId("hall-lower-third")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("captions")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task At1280x720_ShowsNextFiveTheRestCountedAndTheShownQuestion()
    {
        var (id, chair) = await MeetingAtStepSixAsync(
            "Nguyễn Văn Một", "Trần Thị Hai", "Lê Văn Ba", "Phạm Thị Bốn", "Hoàng Văn Năm", "Vũ Thị Sáu", "Đỗ Văn Bảy", "Bùi Thị Tám",
            "Công Tằng Tôn Nữ Thị Phương Thảo Nguyên Hạnh Phúc An Khang");
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        var organizer = await Connect(id, Role.Organizer);
        Assert.True((await organizer.ExecuteAsync(new SubmitQuestion("Lý Thị Mười", "Thôn Đông",
            "Đề nghị xã cho biết tiến độ chi trả tiền bồi thường giải phóng mặt bằng dự án đường sắt cho các hộ dân thôn Đông?", "Đất đai"))).Ok);
        Assert.True((await organizer.ExecuteAsync(new ApproveQuestion("q1"))).Ok);
        Assert.True((await organizer.ExecuteAsync(new ShowQuestionOnScreen("q1"))).Ok);
        var screen = await OpenScreenAsync(id, 1280, 720);

        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(5);
        await Expect(screen.GetByTestId("hall-more")).ToHaveTextAsync("và 3 người khác");
        await Expect(screen.GetByTestId("hall-question")).ToContainTextAsync("tiến độ chi trả tiền bồi thường");
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Nguyễn Văn Một");
        await Browser.ScreenshotAsync(screen, "hall-busy-1280x720");
        await ColorContrast.AssertReadableAsync(screen, "[data-testid=hall-screen]");
    }

    [Fact]
    public async Task HostRestarted_TheScreenShowsADiscreetNote_ThenComesBackByItself()
    {
        var port = RedisServer.FreePort();
        var first = new TestHost(Redis, port);
        var id = await first.CreateMeetingAsync();
        var screen = await Chromium.OpenAsync(new Uri(first.BaseAddress, $"/screen?t={Uri.EscapeDataString(first.Token(id, Role.Screen))}"), 1920, 1080);
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Xin mời đăng ký phát biểu");
        await Expect(screen.GetByTestId("reconnect-note")).ToBeHiddenAsync();

        await first.DisposeAsync();
        await Expect(screen.GetByTestId("reconnect-note")).ToBeVisibleAsync();
        await Expect(screen.GetByTestId("reconnect-note")).ToContainTextAsync("Mất kết nối");
        await Browser.ScreenshotAsync(screen, "hall-reconnecting-1920x1080");

        // While this host is down, the meeting goes on through another one.
        var chair = await Connect(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Trong lúc mất kết nối", "Thôn Đông"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);

        await using var restarted = new TestHost(Redis, port);
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Trong lúc mất kết nối", new() { Timeout = 90_000 });
        await Expect(screen.GetByTestId("reconnect-note")).ToBeHiddenAsync();
    }
}
