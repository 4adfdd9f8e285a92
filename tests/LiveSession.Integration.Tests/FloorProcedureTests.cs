using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// The meeting floor of the seeds' procedure through a real host: officials' reports from the agenda, the chair's own
/// words between turns, the interjection that gives the floor back, questions outside the content answered in writing.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FloorProcedureTests(RedisServer redis) : BrowserTest(redis)
{
    private Task<IPage> OpenChairAsync(string meetingId) => FloorSteps.OpenChairAsync(Chromium, Page("/chair", meetingId, Role.Chair), 900);

    private async Task<string> MinutesTextAsync(string meetingId, string file = "bien-ban.docx")
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        return Documents.DocxText(await http.GetByteArrayAsync(Documents.Url(Host, meetingId, file, Role.Secretary)));
    }

    [Fact]
    public async Task The_chair_invites_the_report_of_the_agenda_step_and_it_is_timed_transcribed_and_in_the_minutes()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new StartAgendaItem("a4"))).Ok);
        var chair = await OpenChairAsync(id);

        var report = chair.GetByTestId("report-form");
        await Expect(report.GetByTestId("report-minutes")).ToHaveValueAsync("20"); // the step's planned minutes
        await report.GetByTestId("report-minutes").FillAsync("15");
        await report.GetByTestId("report-minutes").BlurAsync();
        await report.GetByTestId("start-report").ClickAsync();

        await Expect(chair.GetByTestId("current-speaker")).ToContainTextAsync("Báo cáo");
        await Expect(chair.GetByTestId("speaker-total")).ToContainTextAsync("Thời gian được giao 15:00");
        var turn = (await Host.Meetings.LoadFreshAsync(id))!.CurrentTurn!;
        Assert.Equal((TurnKind.Report, "o1", "a4"), (turn.Kind, turn.OfficialId, turn.AgendaItemId));

        // A report for a step that is not running is refused with the reason and changes nothing.
        var before = (await Host.Meetings.LoadFreshAsync(id))!.Version;
        var refused = await chairClient.ExecuteAsync(new StartReport("o1", "a5"));
        Assert.Equal("invalid_state", refused.ErrorCode);
        Assert.Contains("chưa diễn ra", refused.ErrorMessage);
        Assert.Equal(before, (await Host.Meetings.LoadFreshAsync(id))!.Version);

        var transcriber = await Connect(id, Role.Transcriber);
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment(turn.Id, 0, "Năm 2025 tổng thu ngân sách đạt 112% dự toán."))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new EndTurn())).Ok);
        Assert.Contains("Phó Chủ tịch UBND xã trình bày báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh: Năm 2025 tổng thu ngân sách đạt 112% dự toán.",
            await MinutesTextAsync(id));
    }

    [Fact]
    public async Task What_the_chair_says_while_nobody_holds_the_floor_is_a_chairs_turn_under_the_step_on_the_secretarys_page_and_in_the_minutes()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new StartAgendaItem("a1"))).Ok);
        var stored = (await Host.Meetings.LoadFreshAsync(id))!;
        var opening = stored.FindTurn(stored.ChairTurnId!)!;
        Assert.Equal((TurnKind.Chair, "a1"), (opening.Kind, opening.AgendaItemId));

        var chair = await OpenChairAsync(id);
        await Expect(chair.GetByTestId("chair-floor")).ToContainTextAsync("Lời chủ trì đang được ghi vào biên bản dưới bước \"Ổn định tổ chức");

        var transcriber = await Connect(id, Role.Transcriber);
        const string Words = "Kính thưa các vị đại biểu, tôi xin tuyên bố khai mạc hội nghị đối thoại.";
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment(opening.Id, 0, Words))).Ok);
        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var card = secretary.Locator($"[data-step-id=a1] [data-turn-id={opening.Id}]");
        await Expect(card).ToContainTextAsync("Chủ trì phát biểu");
        await Expect(card.Locator("[data-role=machine-text]")).ToContainTextAsync(Words);

        Assert.True((await chairClient.ExecuteAsync(new NextAgendaItem())).Ok);
        Assert.Contains($"chủ trì hội nghị, phát biểu: {Words}", await MinutesTextAsync(id));
    }

    [Fact]
    public async Task The_interjection_key_uses_the_time_set_on_the_console_and_the_interrupted_citizen_gets_the_rest_of_their_time_back()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        Assert.True((await chairClient.ExecuteAsync(new RegisterSpeaker("Trần Thị Bình", "Thôn Tây", Topic: "Đất đai", RequestedMinutes: 5))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new CallNext())).Ok);
        var citizen = (await Host.Meetings.LoadFreshAsync(id))!.CurrentTurn!.Id;
        var chair = await OpenChairAsync(id);

        await chair.GetByTestId("interject-minutes").FillAsync("1");
        await chair.GetByTestId("interject-minutes").BlurAsync();
        Host.Clock.Shift += TimeSpan.FromSeconds(40);
        await chair.Keyboard.PressAsync("i");
        await Expect(chair.GetByTestId("suspended-turn")).ToContainTextAsync("Tạm dừng để chủ trì phát biểu xen: Trần Thị Bình");
        var interrupted = (await Host.Meetings.LoadFreshAsync(id))!;
        var interjection = interrupted.CurrentTurn!;
        Assert.Equal((TurnKind.Interjection, 60, citizen), (interjection.Kind, interrupted.Floor!.Timer.AllottedSeconds, interrupted.Suspended!.Floor.TurnId));

        // Only the chair interjects: the secretary is refused, in Vietnamese, and nothing changes.
        var secretary = await Connect(id, Role.Secretary);
        var refused = await secretary.ExecuteAsync(new Interject());
        Assert.Equal("forbidden", refused.ErrorCode);
        Assert.Contains("không được phép", refused.ErrorMessage);
        Assert.Equal(interjection.Id, (await Host.Meetings.LoadFreshAsync(id))!.CurrentTurn!.Id);

        Host.Clock.Shift += TimeSpan.FromSeconds(30);
        await chair.Keyboard.PressAsync("s");
        await Expect(chair.GetByTestId("suspended-turn")).ToHaveCountAsync(0);
        var resumed = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(citizen, resumed.Floor!.TurnId);
        var timer = resumed.Floor.Timer;
        // 5 minutes, of which about 40 s were spoken before the interjection; its 30 s are not taken from them.
        Assert.Equal(300, timer.AllottedSeconds);
        Assert.InRange(timer.ElapsedBeforeSeconds, 40, 55);
        Assert.True(timer.IsRunning);
        Assert.Equal(SpeakerStatus.Speaking, resumed.Speakers.Single().Status);
    }

    [Fact]
    public async Task Questions_outside_the_content_become_kien_nghi_answered_in_writing_and_reach_the_minutes_and_the_notice()
    {
        var id = await Host.CreateMeetingAsync();
        var chairClient = await Connect(id, Role.Chair);
        var citizen = await Connect(id, Role.Participant);
        Assert.True((await citizen.ExecuteAsync(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Xin hỏi thủ tục đổi giấy phép lái xe", "Giao thông"))).Ok);
        Assert.True((await chairClient.ExecuteAsync(new ApproveQuestion("q1"))).Ok);
        var page = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        await Expect(page.GetByTestId("secretary")).ToBeVisibleAsync();

        var form = page.GetByTestId("off-topic-form");
        await form.Locator("summary").ClickAsync();
        await form.GetByLabel("Họ tên người hỏi").FillAsync("Lý Văn Khải");
        await form.GetByLabel("Thôn/TDP người hỏi").FillAsync("Thôn Tây");
        await form.GetByLabel("Nội dung câu hỏi ngoài nội dung").FillAsync("Hỏi về chế độ hưu trí của bố");
        await form.GetByLabel("Đơn vị trả lời bằng văn bản").FillAsync("Bảo hiểm xã hội huyện");
        await form.Locator("[data-role=record-off-topic]").ClickAsync();
        var recorded = page.GetByTestId("petitions").Locator("[data-petition-id=k1]");
        await Expect(recorded).ToContainTextAsync("Lý Văn Khải, Thôn Tây · câu hỏi ngoài nội dung — trả lời bằng văn bản");
        await Expect(recorded.Locator("[data-role=resolution]")).ToContainTextAsync("trả lời bằng văn bản: Bảo hiểm xã hội huyện");

        await page.GetByTestId("written-questions").Locator("[data-question-id=q1] [data-role=convert-in-writing]").ClickAsync();
        await Expect(page.GetByTestId("petitions").Locator("[data-petition-id=k2]")).ToContainTextAsync("câu hỏi bằng văn bản q1, ngoài nội dung");

        // Bad input is refused with a code and a Vietnamese message, and changes nothing.
        var secretary = await Connect(id, Role.Secretary);
        var refused = await secretary.ExecuteAsync(new RecordOffTopicPetition("Lý Văn Khải", "   "));
        Assert.Equal("invalid", refused.ErrorCode);
        Assert.Contains("Nội dung câu hỏi", refused.ErrorMessage);
        var petitions = (await Host.Meetings.LoadFreshAsync(id))!.Petitions;
        Assert.Equal([(true, PetitionResolution.WrittenAnswer, null), (true, PetitionResolution.WrittenAnswer, "q1")],
            petitions.Select(p => (p.OffTopic, p.Resolution, p.QuestionId)));
        Assert.All(petitions, p => Assert.Null(p.RaisedInTurnId));

        Assert.True((await chairClient.ExecuteAsync(new CloseMeeting())).Ok);
        var minutes = await MinutesTextAsync(id);
        Assert.Contains("Các câu hỏi ngoài nội dung hội nghị, trả lời bằng văn bản", minutes);
        Assert.Contains("Lý Văn Khải (Thôn Tây, câu hỏi ngoài nội dung hội nghị): Hỏi về chế độ hưu trí của bố.", minutes);
        var notice = await MinutesTextAsync(id, "thong-bao-ket-luan.docx");
        Assert.Contains("CÁC KIẾN NGHỊ TRẢ LỜI BẰNG VĂN BẢN", notice);
        Assert.Contains("Giao Bảo hiểm xã hội huyện trả lời bằng văn bản cho công dân", notice);
        Assert.Contains("Đỗ Thị Giang (Thôn Trung, câu hỏi bằng văn bản ngoài nội dung hội nghị)", notice);
    }
}
