using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The first pages, in Debian's Chromium against a real host and redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class BrowserTests(RedisServer redis) : BrowserTest(redis)
{
    [Fact]
    public async Task ChairRunsTheQueue_AndTheHallScreenFollows()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var chair = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1366, 768);
        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        await Expect(chair.GetByTestId("chair-console")).ToBeVisibleAsync();
        await Expect(screen.GetByTestId("hall-screen")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(chair, "chair-empty");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu hội nghị" }).ClickAsync();
        await chair.GetByTestId("agenda-next").ClickAsync();
        await Expect(screen.GetByTestId("hall-step")).ToHaveTextAsync("Bước 1/9: Ổn định tổ chức; tuyên bố lý do; giới thiệu đại biểu, thành phần, chương trình, nội quy");

        foreach (var (name, locality) in new[] { ("Nguyễn Thị Hoa", "Thôn Đông"), ("Trần Văn Bình", "Tổ dân phố 2"), ("Lê Thị Cúc", "Thôn Tây") })
        {
            var form = chair.GetByTestId("speaker-form");
            await form.GetByLabel("Họ và tên").FillAsync(name);
            await form.GetByLabel("Thôn / tổ dân phố").FillAsync(locality);
            await form.GetByLabel("Nội dung").FillAsync("Đường liên thôn xuống cấp");
            await form.GetByRole(AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
            await Expect(chair.GetByTestId("queue")).ToContainTextAsync(name);
        }
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(3);

        await chair.GetByTestId("call-next").ClickAsync();
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Nguyễn Thị Hoa");
        await Expect(screen.GetByTestId("hall-queue").Locator("li")).ToHaveCountAsync(2);
        await Expect(chair.GetByTestId("current-speaker").Locator(".countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0[23]:\d\d$"));

        await chair.GetByRole(AriaRole.Button, new() { Name = "+1 phút" }).ClickAsync();
        await Expect(screen.GetByTestId("hall-speaker").Locator(".countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0[34]:\d\d$"));
        await Browser.ScreenshotAsync(chair, "chair-speaking");
        await Browser.ScreenshotAsync(screen, "screen-speaking-1920x1080");

        await chair.GetByTestId("end-turn").ClickAsync();
        await Expect(screen.GetByTestId("hall-speaker")).ToContainTextAsync("Xin mời đăng ký phát biểu");
        Assert.Equal(3, (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Count);
    }

    [Fact]
    public async Task Chair_RunsTheQueueByKeyboard()
    {
        var id = await Host.CreateMeetingAsync();
        var organizer = await Host.ConnectAsync(id, Role.Organizer);
        foreach (var name in new[] { "Một", "Hai", "Ba" })
            await organizer.ExecuteAsync(new Domain.Queue.RegisterSpeaker(name));
        var chair = await Chromium.OpenAsync(Page("/chair", id, Role.Chair), 1366, 768);
        var queue = chair.GetByTestId("queue").Locator("li .fw-semibold");
        await Expect(queue).ToHaveTextAsync(["Một", "Hai", "Ba"]);
        await Expect(chair.GetByTestId("chair-console")).ToHaveAttributeAsync("data-keyboard", "on");

        await chair.Keyboard.PressAsync("?");
        await Expect(chair.GetByTestId("shortcut-help")).ToBeVisibleAsync();
        await chair.Keyboard.PressAsync("Escape");
        await Expect(chair.GetByTestId("shortcut-help")).ToBeHiddenAsync();

        // Select "Ba" and move it to the top, then call the first.
        foreach (var key in new[] { "ArrowDown", "ArrowDown", "ArrowDown", "Shift+ArrowUp" }) await chair.Keyboard.PressAsync(key);
        await Expect(queue).ToHaveTextAsync(["Một", "Ba", "Hai"]);
        await chair.Keyboard.PressAsync("Shift+ArrowUp");
        await Expect(queue).ToHaveTextAsync(["Ba", "Một", "Hai"]);
        await chair.Keyboard.PressAsync("n");
        await Expect(chair.GetByTestId("current-speaker")).ToContainTextAsync("Ba");

        await chair.Keyboard.PressAsync("+");
        await Expect(chair.GetByTestId("current-speaker").Locator(".countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^03:[23]\d$"));
        await chair.Keyboard.PressAsync(" ");
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" })).ToBeVisibleAsync();
        var paused = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.False(paused.Floor!.Timer.IsRunning);
        Assert.Equal(210, paused.Floor.Timer.AllottedSeconds);

        // Enter calls the selected entry ("Hai", selected with the arrows).
        await chair.Keyboard.PressAsync("ArrowDown");
        await chair.Keyboard.PressAsync("ArrowDown");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.GetByTestId("current-speaker")).ToContainTextAsync("Hai");
        await organizer.DisposeAsync();
    }

    [Fact]
    public async Task ParticipantOnAPhone_RegistersAndSeesTheirPosition()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Host.ConnectAsync(id, Role.Chair);
        await chair.ExecuteAsync(new Domain.Queue.RegisterSpeaker("Đại biểu tại hội trường", "Thôn Bắc"));
        var phone = await Chromium.OpenAsync(Page("/join", id, Role.Participant), 360, 740);

        await phone.GetByLabel("Họ và tên").FillAsync("Vũ Thị Lan");
        await phone.GetByLabel("Thôn / tổ dân phố").First.FillAsync("Thôn Nam");
        await phone.GetByTestId("speaker-form").GetByLabel("Nội dung").FillAsync("Hỏi về cấp giấy chứng nhận quyền sử dụng đất");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("chờ duyệt");

        var request = (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single(s => s.Name == "Vũ Thị Lan");
        await chair.ExecuteAsync(new Domain.Queue.ApproveSpeaker(request.Id));
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Còn 1 người trước bạn");
        await Browser.ScreenshotAsync(phone, "participant-360x740");

        // A reload is the same participant: still their registration, still theirs to withdraw.
        await phone.ReloadAsync();
        await Expect(phone.GetByTestId("my-registration")).ToContainTextAsync("Còn 1 người trước bạn");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await Expect(phone.GetByTestId("my-registration")).ToBeHiddenAsync();
        Assert.Equal(Domain.Queue.SpeakerStatus.Withdrawn, (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single(s => s.Name == "Vũ Thị Lan").Status);
        await chair.DisposeAsync();
    }
}
