using AngleSharp.Dom;
using LiveSession.Client.Components;
using LiveSession.Moderator.Console;

namespace LiveSession.Components.Tests;

/// <summary>The chair console's view in each state it must make obvious.</summary>
public sealed class ChairBoardTests : BunitContext
{
    private readonly List<(MeetingCommand Command, long? ShownVersion)> _sent = [];

    public ChairBoardTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private IRenderedComponent<ChairBoard> Render(MeetingBuilder meeting) => Render<ChairBoard>(p => p
        .Add(b => b.State, meeting.State)
        .Add(b => b.Now, meeting.Now)
        .Add(b => b.Run, (CommandRunner)((command, shown) => { _sent.Add((command, shown)); return Task.FromResult(true); })));

    private static IReadOnlyList<string> QueueNames(IRenderedComponent<ChairBoard> board) =>
        board.FindAll("[data-testid=queue] li .fw-semibold").Select(e => e.TextContent).ToList();

    [Fact]
    public void AClosedMeeting_OffersToReopenUntilTheGraceRunsOutOrTheMinutesAreSigned()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Văn An").Run(new CloseMeeting());

        var board = Render(meeting);
        Assert.Equal("Mở lại hội nghị (đến 08:30)", board.Find("[data-testid=reopen-meeting]").TextContent.Trim());
        Assert.True(board.Find("[data-testid=chair-panels]").HasAttribute("disabled"));
        board.Find("[data-testid=reopen-meeting]").Click();
        Assert.IsType<ReopenMeeting>(Assert.Single(_sent).Command);

        Assert.Empty(Render(meeting.Advance((int)ReopenMeeting.Grace.TotalSeconds + 1)).FindAll("[data-testid=reopen-meeting]"));
        var signed = Render(MeetingBuilder.Started().Run(new CloseMeeting()).Run(new Domain.Minutes.RecordMinutesSigned(), Actor.Secretary));
        Assert.Empty(signed.FindAll("[data-testid=reopen-meeting]"));
        Assert.Equal("Biên bản đã ký", signed.Find("[data-testid=minutes-signed]").TextContent);
    }

    [Fact]
    public void AnOnlineSpeakerWhoDeclinedRecording_IsShownOnTheFloor_AHallSpeakerIsNot()
    {
        const string citizen = "p00000000000000a1";
        var meeting = MeetingBuilder.Started()
            .Run(new RegisterSpeaker("Đỗ Thị Giang", Channel: Channel.Online), Actor.Participant(citizen))
            .Run(new ApproveSpeaker("s1"), Actor.Organizer)
            .Run(new SetRecordingConsent("s1", false), Actor.Participant(citizen))
            .Run(new CallSpeaker("s1"));
        Assert.Equal("không đồng ý ghi âm", Render(meeting).Find("[data-testid=current-speaker] [data-testid=recording-consent]").TextContent);

        var hall = MeetingBuilder.Started().Queue("Nguyễn Văn An").Run(new CallNext());
        Assert.Empty(Render(hall).FindAll("[data-testid=recording-consent]"));
    }

    [Fact]
    public void TheReportOfTheCurrentStep_OffersItsPlannedMinutes_AndSendsTheStepWithTheChosenOfficial()
    {
        var meeting = MeetingBuilder.Started().Run(new StartAgendaItem("a5"));
        var board = Render(meeting);

        var form = board.Find("[data-testid=report-form]");
        Assert.Equal("20", form.QuerySelector("[data-testid=report-minutes]")!.GetAttribute("value"));
        board.Find("[data-testid=report-official]").Change("o2");
        board.Find("[data-testid=report-minutes]").Change("25");
        board.Find("[data-testid=start-report]").Click();

        Assert.Equal(new StartReport("o2", "a5", 25), Assert.Single(_sent).Command);
        Assert.Single(board.FindAll("[data-testid=report-form]")); // only under the step that runs
    }

    [Fact]
    public void TheInterjection_UsesTheMinutesSetBesideIt_AndTheInterruptedTurnIsShownWhileItWaits()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Văn An").Run(new CallNext()).Advance(30);
        var board = Render<ChairBoard>(p => p
            .Add(b => b.State, meeting.State)
            .Add(b => b.Now, meeting.Now)
            .Add(b => b.InterjectMinutes, 4)
            .Add(b => b.Run, (CommandRunner)((command, shown) => { _sent.Add((command, shown)); return Task.FromResult(true); })));
        Assert.Equal("4", board.Find("[data-testid=interject-minutes]").GetAttribute("value"));
        board.Find("[data-testid=interject]").Click();
        Assert.Equal(new Interject(Minutes: 4), Assert.Single(_sent).Command);

        var interrupted = Render(meeting.Run(new Interject(Minutes: 4)).Advance(10));
        Assert.Contains("Tạm dừng để chủ trì phát biểu xen: Nguyễn Văn An, còn 2:30.", interrupted.Find("[data-testid=suspended-turn]").TextContent);
    }

    [Fact]
    public void WhenNobodyHasTheFloor_TheConsoleSaysTheChairsWordsAreKeptUnderTheStep()
    {
        var board = Render(MeetingBuilder.Started().Run(new StartAgendaItem("a8")));
        Assert.Contains("Lời chủ trì đang được ghi vào biên bản dưới bước \"Chủ trì kết luận hội nghị\"", board.Find("[data-testid=chair-floor]").TextContent);
    }

    [Fact]
    public void HowManyListenToTheHall_IsShownWhileTheMeetingRuns()
    {
        var board = Render(MeetingBuilder.Started());
        Assert.Equal("0 người đang nghe hội trường", board.Find("[data-testid=hall-listeners]").TextContent.Trim());
        board.Render(p => p.Add(b => b.HallListeners, 1234));
        Assert.Equal("1234 người đang nghe hội trường", board.Find("[data-testid=hall-listeners]").TextContent.Trim());
        Assert.Empty(Render(MeetingBuilder.Started().Run(new CloseMeeting())).FindAll("[data-testid=hall-listeners]"));
    }

    [Fact]
    public void StoreOutage_IsShownUnderTheHeader_OnlyWhileItLasts()
    {
        var board = Render(MeetingBuilder.Started());
        Assert.Empty(board.FindAll("[data-testid=store-outage]"));

        board.Render(p => p.Add(b => b.StoreOutage, LiveSession.Client.Protocol.StoreStatus.Down.Message));
        Assert.Contains("Mất kết nối máy chủ dữ liệu", board.Find("[data-testid=store-outage]").TextContent);
        Assert.Equal("alert", board.Find("[data-testid=store-outage]").GetAttribute("role"));

        board.Render(p => p.Add(b => b.StoreOutage, (string?)null));
        Assert.Null(board.Instance.StoreOutage);
        Assert.Empty(board.FindAll("[data-testid=store-outage]"));
    }

    [Fact]
    public void EmptyQueue_SaysSo_AndCannotCallNext()
    {
        var board = Render(MeetingBuilder.Started());

        Assert.Contains("Chưa có ai trong danh sách chờ.", board.Find("[data-testid=queue-empty]").TextContent);
        Assert.Empty(QueueNames(board));
        Assert.True(board.Find("[data-testid=call-next]").HasAttribute("disabled"));
        Assert.Contains("Chưa có ai phát biểu.", board.Find("[data-testid=floor-empty]").TextContent);
        Assert.Contains("Danh sách chờ (0)", board.Find("[aria-label='Danh sách phát biểu'] h2").TextContent);
    }

    [Fact]
    public void Speaking_ShowsTheSpeakerTheRunningTimerAndTheRestOfTheQueue()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc").Run(new CallNext()).Advance(45);

        var board = Render(meeting);

        var card = board.Find("[data-testid=current-speaker]");
        Assert.Contains("Nguyễn Thị Hoa", card.TextContent);
        Assert.Equal("false", card.GetAttribute("data-overtime"));
        var countdown = card.QuerySelector(".countdown")!;
        Assert.Equal("02:15", countdown.TextContent);
        Assert.Equal("1", countdown.GetAttribute("data-running"));
        Assert.DoesNotContain("countdown-warning", countdown.ClassName);
        Assert.Contains("tổng thời gian đã nói 0:45", board.Find("[data-testid=speaker-total]").TextContent);
        Assert.Equal(["Trần Văn Bình", "Lê Thị Cúc"], QueueNames(board));
        Assert.NotNull(board.FindAll("button").SingleOrDefault(b => b.TextContent == "Tạm dừng"));
    }

    [Fact]
    public void LastThirtySeconds_AreAmber()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa").Run(new CallNext()).Advance(160);

        var countdown = Render(meeting).Find("[data-testid=current-speaker] .countdown");

        Assert.Equal("00:20", countdown.TextContent);
        Assert.Contains("countdown-warning", countdown.ClassName);
    }

    [Fact]
    public void Overtime_IsRedAndCountsUp()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa").Run(new CallNext()).Advance(180 + 42);

        var board = Render(meeting);

        var card = board.Find("[data-testid=current-speaker]");
        Assert.Equal("true", card.GetAttribute("data-overtime"));
        Assert.Contains("border-danger", card.ClassName);
        var countdown = card.QuerySelector(".countdown")!;
        Assert.Equal("+00:42", countdown.TextContent);
        Assert.Contains("countdown-overtime", countdown.ClassName);
    }

    [Fact]
    public void PausedTimer_OffersToResume()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa").Run(new CallNext()).Advance(30);
        meeting.Run(new PauseTimer()).Advance(600);

        var board = Render(meeting);

        Assert.Equal("02:30", board.Find("[data-testid=current-speaker] .countdown").TextContent);
        Assert.Contains("Đang tạm dừng", board.Find("[data-testid=speaker-total]").TextContent);
        board.FindAll("button").Single(b => b.TextContent == "Tiếp tục").Click();
        Assert.IsType<StartTimer>(_sent.Single().Command);
    }

    [Fact]
    public void ClosedList_IsMarked_HidesTheFormAndOffersToReopen()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa").Run(new CloseList());

        var board = Render(meeting);

        Assert.Equal("Đã đóng", board.Find("[data-testid=list-closed]").TextContent);
        Assert.Empty(board.FindAll("[data-testid=speaker-form]"));
        var toggle = board.Find("[data-testid=toggle-list]");
        Assert.Equal("Mở lại danh sách", toggle.TextContent);
        toggle.Click();
        Assert.IsType<ReopenList>(_sent.Single().Command);
    }

    [Fact]
    public void MovingAnEntry_IsSentAtTheVersionShown()
    {
        var meeting = MeetingBuilder.Started().Queue("Một", "Hai", "Ba");
        var board = Render(meeting);

        board.FindAll("[data-testid=queue] li")[2].QuerySelector("button[aria-label='Lên đầu']")!.Click();

        var (command, shown) = _sent.Single();
        Assert.Equal(new MoveSpeakerToTop("s3"), command);
        Assert.Equal(meeting.State.Version, shown);
    }

    [Fact]
    public void OnlineRequests_CanBeApproved()
    {
        var meeting = MeetingBuilder.Started();
        meeting.Run(new RegisterSpeaker("Vũ Thị Lan", "Thôn Nam", Topic: "Đất đai"), Actor.Participant("p1"));

        var board = Render(meeting);

        var request = board.Find("[data-testid=speaker-request]");
        Assert.Contains("Vũ Thị Lan", request.TextContent);
        request.QuerySelectorAll("button").Single(b => b.TextContent == "Duyệt").Click();
        Assert.Equal(new ApproveSpeaker("s1"), _sent.Single().Command);
    }

    [Fact]
    public void AfterAnAnswer_TheCitizenMayFollowUp()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Thị Hoa").Run(new CallNext()).Run(new EndTurn())
            .Run(new InviteAnswer("o1")).Run(new EndTurn());

        var board = Render(meeting);

        var followUp = board.Find("[data-testid=follow-up]");
        Assert.Equal("Cho Nguyễn Thị Hoa hỏi tiếp", followUp.TextContent);
        followUp.Click();
        Assert.Equal(new GiveFollowUp("t1"), _sent.Single().Command);
    }

    [Fact]
    public void Officials_AreNumberedForTheKeyboard()
    {
        var board = Render(MeetingBuilder.Started());

        var buttons = board.Find("[data-testid=answer-panel]").QuerySelectorAll("button");
        Assert.Equal(5, buttons.Length);
        Assert.Equal("1Phó Chủ tịch UBND xã", buttons[0].TextContent);
    }
}
