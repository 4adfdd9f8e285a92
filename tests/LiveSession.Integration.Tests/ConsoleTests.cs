using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The chair's console, the registration desk and the setup pages in Chromium, against a real host and redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class ConsoleTests(RedisServer redis) : BrowserTest(redis)
{
    private static ILocator QueueNames(IPage page) => page.GetByTestId("queue").Locator("li .fw-semibold");

    private Task<IPage> OpenChairAsync(string meetingId) => FloorSteps.OpenChairAsync(Chromium, Page("/chair", meetingId, Role.Chair));

    [Fact]
    public async Task The_answer_key_and_the_answer_button_invite_the_official_to_answer_the_turn_chosen_in_the_selector()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new AddOfficial("Vũ Văn Hải", "Công chức Địa chính – Xây dựng", "Đất đai"))).Ok);
        var second = (await FloorSteps.CitizensSpeakAsync(Host, id, chairClient,
            ("Nguyễn Văn An", "Đường liên thôn"), ("Trần Thị Bình", "Đất đai"), ("Lê Văn Cường", "Nước sạch")))[1];
        var chair = await OpenChairAsync(id);

        await chair.GetByLabel("Trả lời cho lượt").SelectOptionAsync(new SelectOptionValue { Label = "Trần Thị Bình — Đất đai" });
        await chair.EvaluateAsync("() => document.activeElement.blur()");
        await chair.Keyboard.PressAsync("1");
        await Eventually.TrueAsync(() => chairClient.State!.Floor is not null, "the official has the floor");
        var answer = chairClient.State!.Turns.Single(t => t.Kind == TurnKind.Answer);
        Assert.Equal(second.Id, answer.RelatesToTurnId);
        Assert.True((await chairClient.ExecuteAsync(new EndTurn())).Ok);

        // The button does the same, with the choice kept.
        await chair.GetByTestId("answer-panel").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Vũ Văn Hải") }).ClickAsync();
        await Eventually.TrueAsync(() => chairClient.State!.Turns.Count(t => t.Kind == TurnKind.Answer) == 2, "the second answer");
        Assert.All(chairClient.State!.Turns.Where(t => t.Kind == TurnKind.Answer), t => Assert.Equal(second.Id, t.RelatesToTurnId));
    }

    [Fact]
    public async Task The_secretary_relinks_an_answer_given_to_the_wrong_citizen_and_the_minutes_follow()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        await FloorSteps.CitizensSpeakAsync(Host, id, chairClient, ("Nguyễn Văn An", null), ("Trần Thị Bình", null));
        Assert.True((await chairClient.ExecuteAsync(new InviteAnswer((await Host.Meetings.LoadFreshAsync(id))!.Officials[0].Id))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new EndTurn())).Ok);
        var stored = (await Host.Meetings.LoadFreshAsync(id))!.GivenTurns.ToList();
        var (first, answer) = (stored[0], stored[2]);
        Assert.NotEqual(first.Id, answer.RelatesToTurnId);

        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var card = secretary.Locator($"[data-turn-id={answer.Id}]");
        await Expect(card).ToContainTextAsync("về ý kiến của Trần Thị Bình");
        await card.Locator("[data-role=answered-turn]").SelectOptionAsync(first.Id);

        await Expect(card).ToContainTextAsync("về ý kiến của Nguyễn Văn An");
        await Eventually.TrueAsync(() => chairClient.State!.FindTurn(answer.Id)!.RelatesToTurnId == first.Id, "the meeting has the correction");
    }

    [Fact]
    public async Task The_time_spoken_keeps_counting_on_the_console_after_the_chair_gives_30_seconds_more()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông"))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new CallNext())).Ok);
        var chair = await OpenChairAsync(id);
        var spoken = chair.GetByTestId("speaker-spoken");
        async Task<int> SecondsAsync()
        {
            var parts = (await spoken.TextContentAsync())!.Split(':');
            return int.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        await chair.GetByRole(AriaRole.Button, new() { Name = "+30 giây" }).ClickAsync();
        await Expect(chair.GetByTestId("speaker-total")).ToContainTextAsync("Thời gian được giao 3:30");
        var after = await SecondsAsync();
        // Nothing else happens in the meeting: the count goes on by itself, as the countdown does.
        await Eventually.TrueAsync(async () => await SecondsAsync() >= after + 2, "the time spoken keeps counting");
    }

    [Fact]
    public async Task The_chair_confirms_the_end_seeing_what_is_still_open_then_finds_the_controls_disabled_and_reopens()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường liên thôn"))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new RegisterSpeaker("Trần Thị Bình", "Thôn Tây"))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new CallNext())).Ok);
        var secretary = await Connect(id, Role.Secretary);
        var turn = (await Host.Meetings.LoadFreshAsync(id))!.CurrentTurn!;
        Assert.True((await secretary.ExecuteAsync(new Domain.Minutes.MarkPetition(turn.Id, "Đề nghị sửa đường liên thôn"))).Ok);
        var citizen = await Connect(id, Role.Participant);
        Assert.True((await citizen.ExecuteAsync(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung"))).Ok);
        var chair = await OpenChairAsync(id);

        // A first click only asks, and lists what is still open.
        await chair.GetByTestId("close-meeting").ClickAsync();
        var confirm = chair.GetByTestId("close-confirm");
        await Expect(confirm).ToContainTextAsync("Nguyễn Văn An đang phát biểu.");
        await Expect(confirm).ToContainTextAsync("Kiến nghị chưa kết luận: Đề nghị sửa đường liên thôn (Nguyễn Văn An).");
        await Expect(confirm).ToContainTextAsync("1 yêu cầu phát biểu trực tuyến chờ duyệt.");
        await Expect(confirm).ToContainTextAsync("1 người còn trong danh sách chờ phát biểu.");
        await Browser.ScreenshotAsync(chair, "chair-close-confirm");
        await confirm.GetByTestId("cancel-close").ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        Assert.Equal(MeetingStatus.InProgress, (await Host.Meetings.LoadFreshAsync(id))!.Status);

        await chair.GetByTestId("close-meeting").ClickAsync();
        await confirm.GetByTestId("confirm-close").ClickAsync();
        await Eventually.TrueAsync(async () => (await Host.Meetings.LoadFreshAsync(id))!.Status == MeetingStatus.Closed, "the meeting is closed");
        var panels = chair.GetByTestId("chair-panels");
        await Expect(panels).ToHaveAttributeAsync("disabled", "");
        await Expect(chair.GetByTestId("call-next")).ToBeDisabledAsync();
        await Expect(chair.GetByTestId("close-meeting")).ToHaveCountAsync(0);
        Assert.True(await panels.Locator("button").CountAsync() > 5);
        await Expect(panels.Locator("button:enabled, input:enabled, select:enabled")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(chair, "chair-closed");

        await chair.GetByTestId("reopen-meeting").ClickAsync();
        await Eventually.TrueAsync(async () => (await Host.Meetings.LoadFreshAsync(id))!.Status == MeetingStatus.InProgress, "the meeting runs again");
        await Expect(chair.GetByTestId("call-next")).ToBeEnabledAsync();
        await chair.GetByTestId("call-next").ClickAsync();
        await Eventually.TrueAsync(async () => (await Host.Meetings.LoadFreshAsync(id))!.CurrentTurn?.SpeakerName == "Trần Thị Bình", "the next citizen is called");

        // Past the grace period the console no longer offers to reopen.
        Assert.True((await chairClient.ExecuteAsync(new CloseMeeting())).Ok);
        Host.Clock.Shift += ReopenMeeting.Grace + TimeSpan.FromMinutes(1);
        await chair.ReloadAsync();
        await Expect(chair.GetByTestId("closed-at")).ToBeVisibleAsync();
        await Expect(chair.GetByTestId("reopen-meeting")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_chair_starts_approves_closes_the_list_gives_the_follow_up_and_interjects_by_keyboard()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var watcher = await Connect(id, Role.Chair);
        var chair = await OpenChairAsync(id);

        await chair.Keyboard.PressAsync("b");
        await Eventually.TrueAsync(() => watcher.State!.Status == MeetingStatus.InProgress, "B starts the meeting");
        var citizen = await Connect(id, Role.Participant);
        Assert.True((await citizen.ExecuteAsync(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung"))).Ok);
        await Expect(chair.GetByTestId("pending-requests")).ToContainTextAsync("Còn 1 yêu cầu chờ duyệt");
        await chair.Keyboard.PressAsync("a");
        await Eventually.TrueAsync(() => watcher.State!.Speakers.Single().Status == SpeakerStatus.Queued, "A approves the first waiting request");
        await chair.Keyboard.PressAsync("l");
        await Eventually.TrueAsync(() => watcher.State!.ListClosed, "L closes the list");
        await chair.Keyboard.PressAsync("l");
        await Eventually.TrueAsync(() => !watcher.State!.ListClosed, "L opens it again");

        await chair.Keyboard.PressAsync("n");
        await Eventually.TrueAsync(() => watcher.State!.Floor is not null, "N calls her");
        await chair.Keyboard.PressAsync("s");
        await chair.Keyboard.PressAsync("1");
        await Eventually.TrueAsync(() => watcher.State!.Turns.Any(t => t.Kind == TurnKind.Answer) && watcher.State!.Floor is not null, "1 invites the official");
        await chair.Keyboard.PressAsync("s");
        await Eventually.TrueAsync(() => watcher.State!.Floor is null, "S ends the answer");
        await chair.Keyboard.PressAsync("f");
        await Eventually.TrueAsync(() => watcher.State!.CurrentTurn?.Kind == TurnKind.FollowUp, "F gives her the follow-up");
        await chair.Keyboard.PressAsync("s");
        await chair.Keyboard.PressAsync("i");
        await Eventually.TrueAsync(() => watcher.State!.CurrentTurn?.Kind == TurnKind.Interjection, "I gives the chair the floor");

        await chair.Keyboard.PressAsync("?");
        foreach (var (_, meaning) in Moderator.Console.ChairShortcuts.Help)
            await Expect(chair.GetByTestId("chair-console")).ToContainTextAsync(meaning);
    }

    [Fact]
    public async Task Chair_RunsAScriptedMeetingWithTheKeyboardOnly_AndASecondConsoleSeesEveryChange()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var chair = await OpenChairAsync(id);
        var second = await OpenChairAsync(id);
        await Browser.ScreenshotAsync(chair, "chair-empty");

        await chair.GetByTestId("start-meeting").FocusAsync();
        await chair.Keyboard.PressAsync("Enter");
        await Expect(second.GetByTestId("elapsed")).ToBeVisibleAsync();
        await chair.Keyboard.PressAsync("]");
        await Expect(second.Locator("[aria-current=step]")).ToContainTextAsync("Ổn định tổ chức");

        // Three hall speakers typed into the form: Tab between fields, Enter submits, Esc leaves the form.
        await chair.GetByTestId("speaker-form").GetByLabel("Họ và tên").FocusAsync();
        foreach (var (name, locality, topic) in new[] { ("Nguyễn Thị Hoa", "Thôn Đông", "Đường liên thôn"), ("Trần Văn Bình", "Tổ dân phố 2", "Nước sạch"), ("Lê Thị Cúc", "Thôn Tây", "Đất đai") })
        {
            await chair.Keyboard.TypeAsync(name);
            await chair.Keyboard.PressAsync("Tab");
            await chair.Keyboard.TypeAsync(locality);
            await chair.Keyboard.PressAsync("Tab");
            await chair.Keyboard.TypeAsync(topic);
            await chair.Keyboard.PressAsync("Enter");
            await Expect(QueueNames(second).Last).ToHaveTextAsync(name);
            await chair.GetByTestId("speaker-form").GetByLabel("Họ và tên").FocusAsync();
        }
        await chair.Keyboard.PressAsync("Escape");

        // Select the third and move it to the top.
        foreach (var key in new[] { "ArrowDown", "ArrowDown", "ArrowDown", "Shift+ArrowUp" }) await chair.Keyboard.PressAsync(key);
        await Expect(QueueNames(second)).ToHaveTextAsync(["Nguyễn Thị Hoa", "Lê Thị Cúc", "Trần Văn Bình"]);
        await chair.Keyboard.PressAsync("Shift+ArrowUp");
        await Expect(QueueNames(second)).ToHaveTextAsync(["Lê Thị Cúc", "Nguyễn Thị Hoa", "Trần Văn Bình"]);

        // Call next: the timer runs on both consoles.
        await chair.Keyboard.PressAsync("n");
        var countdown = second.GetByTestId("current-speaker").Locator(".countdown");
        await Expect(second.GetByTestId("current-speaker")).ToContainTextAsync("Lê Thị Cúc");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^02:[0-5]\d$"));
        var before = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(before!);

        await chair.Keyboard.PressAsync("+");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^03:[0-2]\d$"));
        await chair.Keyboard.PressAsync(" ");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" })).ToBeVisibleAsync();
        await chair.Keyboard.PressAsync(" ");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Tạm dừng" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(chair, "chair-mid-meeting");

        // Stop, then official no. 1 answers her; stop again and the next speaker is called with Enter.
        await chair.Keyboard.PressAsync("s");
        await Expect(second.GetByTestId("floor-empty")).ToBeVisibleAsync();
        await chair.Keyboard.PressAsync("1");
        await Expect(second.GetByTestId("current-speaker")).ToContainTextAsync("Phó Chủ tịch UBND xã");
        await Expect(second.GetByTestId("current-speaker")).ToContainTextAsync("về ý kiến của Lê Thị Cúc");
        await chair.Keyboard.PressAsync("s");
        await chair.Keyboard.PressAsync("ArrowDown");
        await chair.Keyboard.PressAsync("ArrowDown");
        await Expect(chair.Locator("[aria-selected=true]")).ToContainTextAsync("Trần Văn Bình");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(second.GetByTestId("current-speaker")).ToContainTextAsync("Trần Văn Bình");
        await chair.Keyboard.PressAsync("s");
        await chair.Keyboard.PressAsync("]");
        await Expect(second.Locator("[aria-current=step]")).ToContainTextAsync("Giới thiệu chủ trì");

        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(["s1"], state.Queue);
        Assert.Equal(["Lê Thị Cúc", "Phó Chủ tịch UBND xã", "Trần Văn Bình"], state.GivenTurns.Select(t => t.SpeakerName));
        Assert.Equal(210, state.FindSpeaker("s3")!.RequestedMinutes * 60 + 30);
        Assert.Null(state.Floor);
    }

    [Fact]
    public async Task Chair_ReordersTheQueueByDragAndDrop()
    {
        var id = await Host.CreateMeetingAsync();
        await using var organizer = await Host.ConnectAsync(id, Role.Organizer);
        foreach (var name in new[] { "Một", "Hai", "Ba" }) await organizer.ExecuteAsync(new RegisterSpeaker(name));
        var chair = await OpenChairAsync(id);
        await Expect(QueueNames(chair)).ToHaveTextAsync(["Một", "Hai", "Ba"]);

        var handle = chair.GetByTestId("queue").Locator("li").Nth(2).Locator("[data-drag-handle]");
        var target = chair.GetByTestId("queue").Locator("li").First;
        var from = (await handle.BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        await chair.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await chair.Mouse.DownAsync();
        for (var step = 1; step <= 10; step++)
            await chair.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + (to.Y + 4 - from.Y) * step / 10);
        await chair.Mouse.UpAsync();

        await Expect(QueueNames(chair)).ToHaveTextAsync(["Ba", "Một", "Hai"]);
        Assert.Equal(["s3", "s1", "s2"], (await Host.Meetings.LoadFreshAsync(id))!.Queue);
    }

    [Fact]
    public async Task MoveOnAStaleView_IsRefusedWithAClearMessage_AndTheFreshQueueIsShown()
    {
        var id = await Host.CreateMeetingAsync();
        await using var organizer = await Host.ConnectAsync(id, Role.Organizer);
        foreach (var name in new[] { "Một", "Hai", "Ba" }) await organizer.ExecuteAsync(new RegisterSpeaker(name));

        // The chair's browser stops receiving screen updates (as on a slow network) while the desk moves the queue.
        var updates = new HeldUpdates();
        var context = await Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var chair = await context.NewPageAsync();
        await chair.RouteWebSocketAsync(new Regex("/_blazor"), updates.Intercept);
        await chair.GotoAsync(Page("/chair", id, Role.Chair).ToString());
        await Expect(chair.GetByTestId("chair-console")).ToHaveAttributeAsync("data-keyboard", "on");
        await Expect(QueueNames(chair)).ToHaveTextAsync(["Một", "Hai", "Ba"]);

        updates.Hold();
        Assert.True((await organizer.ExecuteAsync(new MoveSpeakerToTop("s2"))).Ok);
        await Eventually.TrueAsync(() => updates.HeldCount > 0, "the screen update is held back");
        // The chair still sees "Ba" third and moves it up one, to where "Hai" was.
        var held = updates.HeldCount;
        await chair.GetByTestId("queue").Locator("li").Nth(2).GetByRole(AriaRole.Button, new() { Name = "Lên", Exact = true }).ClickAsync();
        await Eventually.TrueAsync(() => updates.HeldCount > held, "the console answered the click (with a render that is held back)");
        updates.Release();

        Assert.Equal(["s2", "s1", "s3"], (await Host.Meetings.LoadFreshAsync(id))!.Queue);
        await Expect(QueueNames(chair)).ToHaveTextAsync(["Hai", "Một", "Ba"]);
        await Expect(chair.GetByTestId("command-error")).ToContainTextAsync("Dữ liệu đã thay đổi");
    }

    /// <summary>Passes a page's Blazor traffic through, holding what the server sends while asked to.</summary>
    private sealed class HeldUpdates
    {
        private readonly List<IWebSocketFrame> _held = [];
        private IWebSocketRoute? _page;
        private bool _holding;

        public int HeldCount { get { lock (_held) return _held.Count; } }

        public void Intercept(IWebSocketRoute page)
        {
            _page = page;
            var server = page.ConnectToServer();
            page.OnMessage(frame => Forward(server, frame));
            server.OnMessage(frame =>
            {
                lock (_held)
                {
                    if (_holding) { _held.Add(frame); return; }
                }
                Forward(page, frame);
            });
        }

        public void Hold() { lock (_held) _holding = true; }

        public void Release()
        {
            lock (_held)
            {
                _holding = false;
                foreach (var frame in _held) Forward(_page!, frame);
                _held.Clear();
            }
        }

        private static void Forward(IWebSocketRoute to, IWebSocketFrame frame)
        {
            if (frame.Binary is { } binary) to.Send(binary);
            else to.Send(frame.Text ?? "");
        }
    }

    [Fact]
    public async Task Overtime_ShowsRedAndCountsUp()
    {
        var id = await Host.CreateMeetingAsync();
        await using var organizer = await Host.ConnectAsync(id, Role.Organizer);
        await organizer.ExecuteAsync(new RegisterSpeaker("Phạm Văn Dũng", "Thôn Bắc", Topic: "Ô nhiễm môi trường", RequestedMinutes: 1));
        await using var chairClient = await Host.ConnectAsync(id, Role.Chair);
        await chairClient.ExecuteAsync(new Domain.Floor.CallNext());

        Host.Clock.Shift = TimeSpan.FromSeconds(75);
        var chair = await OpenChairAsync(id);

        var card = chair.GetByTestId("current-speaker");
        await Expect(card).ToHaveAttributeAsync("data-overtime", "true");
        await Expect(card.Locator(".countdown")).ToHaveClassAsync(new Regex("countdown-overtime"));
        await Expect(card.Locator(".countdown")).ToHaveTextAsync(new Regex(@"^\+00:1\d$"));
        await Browser.ScreenshotAsync(chair, "chair-overtime");
    }

    [Fact]
    public async Task DeskImport_WithABadRow_IsRejectedWhole_WithTheLineNumber()
    {
        var id = await Host.CreateMeetingAsync();
        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 768);
        await Expect(desk.GetByTestId("organizer")).ToBeVisibleAsync();
        var chair = await OpenChairAsync(id);
        var input = desk.GetByTestId("speaker-import").Locator("input[type=file]");

        const string header = "STT,Họ tên,Thôn/TDP,Nội dung,Lĩnh vực,Số phút\n";
        await input.SetInputFilesAsync(Csv("sai.csv", header + "1,Nguyễn Văn An,Thôn Đông,Đường sá,Giao thông,3\n2,,Thôn Tây,Thiếu tên,,\n3,Lê Văn Cường,Thôn Nam,Đất,Đất đai,45\n"));

        var problems = desk.GetByTestId("import-problems");
        await Expect(problems).ToContainTextAsync("Dòng 3: Họ tên không được để trống.");
        await Expect(problems).ToContainTextAsync("Dòng 4: Thời gian đăng ký (phút) phải từ 1 đến 30.");
        await Browser.ScreenshotAsync(desk, "desk-import-rejected");
        Assert.Empty((await Host.Meetings.LoadFreshAsync(id))!.Speakers);

        await input.SetInputFilesAsync(Csv("dung.csv", "STT,Họ tên,Thôn/TDP,Nội dung,Lĩnh vực,Số phút,Loại\n"
            + "1,Nguyễn Văn An,Thôn Đông,Đường sá,Giao thông,3,Phát biểu\n2,Trần Thị Bình,Thôn Tây,Nước sạch,,,\n3,Đỗ Thị Lan,Thôn Nam,Đề nghị lắp đèn đường,Giao thông,,Kiến nghị\n"));
        await Expect(desk.GetByTestId("import-done")).ToContainTextAsync("Đã nhập 2 người vào danh sách phát biểu và 1 kiến nghị.");
        await Expect(QueueNames(chair)).ToHaveTextAsync(["Nguyễn Văn An", "Trần Thị Bình"]);
        Assert.Equal("Đề nghị lắp đèn đường", (await Host.Meetings.LoadFreshAsync(id))!.Petitions.Single().Summary);
    }

    [Fact]
    public async Task NewMeeting_IsSetUp_AndTheConsoleUsesItsOfficialsAndLocalities()
    {
        var page = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/new"), 1366, 900);
        var form = page.GetByTestId("plan-form");
        await form.GetByLabel("Tên hội nghị").FillAsync("Hội nghị đối thoại chuyên đề đất đai");
        await form.GetByLabel("Họ tên người chủ trì").FillAsync("Hoàng Văn Chủ");
        await form.GetByLabel("Chức vụ người chủ trì").FillAsync("Chủ tịch UBND xã");
        await form.GetByLabel("Họ tên thư ký").FillAsync("Trần Thị Thư");
        await form.GetByLabel("Chức vụ thư ký").FillAsync("Công chức Văn phòng – Thống kê");
        await form.GetByLabel("Mã quản trị").FillAsync("sai-ma");
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo hội nghị" }).ClickAsync();
        await Expect(page.GetByTestId("command-error")).ToContainTextAsync("Mã quản trị không đúng.");

        await form.GetByLabel("Mã quản trị").FillAsync(TestHost.AdminKey);
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo hội nghị" }).ClickAsync();
        await Expect(page.GetByTestId("meeting-setup")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hội nghị đối thoại chuyên đề đất đai" })).ToBeVisibleAsync();
        await Expect(page.Locator(".qr-code svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notice-problem")).ToContainTextAsync("Chưa ghi ngày thông báo công khai");
        var plan = page.GetByTestId("plan-form");
        await Expect(plan.GetByLabel("Họ tên người chủ trì")).ToHaveValueAsync("Hoàng Văn Chủ");
        await Expect(plan.GetByLabel("Chức vụ người chủ trì")).ToHaveValueAsync("Chủ tịch UBND xã");
        await Expect(plan.GetByLabel("Chức vụ thư ký")).ToHaveValueAsync("Công chức Văn phòng – Thống kê");

        var officials = page.GetByTestId("officials-editor");
        await officials.GetByLabel("Chức vụ").FillAsync("Chủ tịch Hội Nông dân xã");
        await officials.GetByLabel("Họ tên cán bộ").FillAsync("Đinh Văn Nông");
        await officials.GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await Expect(officials).ToContainTextAsync("Chủ tịch Hội Nông dân xã — Đinh Văn Nông");

        await page.GetByTestId("localities-editor").Locator("textarea").FillAsync("Thôn Đông\nThôn Tây\nTổ dân phố 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách" }).ClickAsync();
        await Expect(page.GetByTestId("localities-editor")).ToContainTextAsync("3 tên");

        var agenda = page.GetByTestId("agenda-editor");
        await agenda.GetByLabel("Tên bước mới").FillAsync("Phát biểu của đại biểu HĐND");
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await Expect(agenda.Locator("li")).ToHaveCountAsync(10);
        await Browser.ScreenshotAsync(page, "setup");

        var chairLink = await page.Locator("[data-role-link=chair]").InputValueAsync();
        var chair = await Chromium.OpenAsync(new Uri(chairLink), 1366, 768);
        await Expect(chair.GetByTestId("answer-panel")).ToContainTextAsync("Chủ tịch Hội Nông dân xã — Đinh Văn Nông");
        await Expect(chair.GetByTestId("speaker-form").Locator("datalist[id^=localities] option")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task WrittenQuestion_ModeratedAtTheDesk_ReachesTheChair_AndTheSurveyResultsAddUp()
    {
        var id = await Host.CreateMeetingAsync();
        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 768);
        var chair = await OpenChairAsync(id);
        var participants = new List<Client.MeetingConnection>();
        for (var i = 0; i < 3; i++) participants.Add(await Host.ConnectAsync(id, Role.Participant));

        Assert.True((await participants[0].ExecuteAsync(new Domain.Questions.SubmitQuestion("Vũ Thị Lan", "Thôn Nam", "Bao giờ sửa xong cầu qua kênh N2?", "Giao thông"))).Ok);
        Assert.True((await participants[1].ExecuteAsync(new Domain.Questions.SubmitQuestion("Đỗ Văn Tâm", "Thôn Bắc", "<script>alert(1)</script> Cầu kênh N2 khi nào xong?", null))).Ok);
        var moderation = desk.GetByTestId("question-moderation");
        await Expect(moderation.Locator("[data-question-id]")).ToHaveCountAsync(2);
        await Expect(chair.GetByTestId("chair-questions")).ToContainTextAsync("2 chờ duyệt");

        await moderation.Locator("[data-question-id=q1]").GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await moderation.Locator("[data-question-id=q2] select").SelectOptionAsync("q1");
        await Expect(chair.GetByTestId("chair-questions").Locator("[data-question-id]")).ToHaveCountAsync(1);
        await Expect(chair.GetByTestId("chair-questions")).ToContainTextAsync("Bao giờ sửa xong cầu qua kênh N2?");
        await chair.GetByTestId("chair-questions").GetByRole(AriaRole.Button, new() { Name = "Chiếu lên màn hình" }).ClickAsync();
        await Expect(chair.GetByTestId("chair-questions").GetByRole(AriaRole.Button, new() { Name = "Thôi chiếu" })).ToBeVisibleAsync();
        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal("q1", state.ScreenQuestionId);
        Assert.Equal(("q1", Domain.Questions.QuestionStatus.Merged), (state.FindQuestion("q2")!.MergedInto, state.FindQuestion("q2")!.Status));

        await chair.GetByTestId("open-survey").ClickAsync();
        await Expect(chair.GetByTestId("close-survey")).ToBeVisibleAsync();
        var answers = new[] { (5, (bool?)true, "Tổ chức tốt"), (4, (bool?)false, null), (2, (bool?)null, "Cần trả lời cụ thể hơn") };
        foreach (var (participant, (score, answered, comment)) in participants.Zip(answers))
            Assert.True((await participant.ExecuteAsync(new Domain.Survey.AnswerSurvey(score, answered, comment))).Ok);

        var results = chair.GetByTestId("survey-results");
        await Expect(results).ToHaveAttributeAsync("data-count", "3");
        await Expect(results).ToContainTextAsync("3 phiếu · điểm trung bình 3,7/5");
        await Expect(results).ToContainTextAsync("Đã được giải đáp: 1 · Chưa được giải đáp: 1 · không trả lời: 1");
        await Browser.ScreenshotAsync(chair, "chair-questions-survey");
        foreach (var participant in participants) await participant.DisposeAsync();
    }

    private static FilePayload Csv(string name, string content) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) };
}
