namespace LiveSession.Domain.Tests;

/// <summary>Steps 4 and 5: officials' scheduled reports are turns of their own, timed by the step.</summary>
public class ReportTests
{
    /// <summary>Step 4 of the default agenda (Báo cáo tình hình kinh tế – xã hội…, 20 minutes planned) running.</summary>
    private static TestMeeting AtTheReportStep()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a4"));
        return m;
    }

    [Fact]
    public void StartReport_GivesTheOfficialATimedReportTurnUnderTheStep_WithTheStepsPlannedMinutes()
    {
        var m = AtTheReportStep();
        m.Ok(new StartReport("o1", "a4"));

        var turn = m.CurrentTurn;
        Assert.Equal(new Turn("t1", TurnKind.Report, "Phó Chủ tịch UBND xã", "Phó Chủ tịch UBND xã",
            "Báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh", "a4", m.Now, OfficialId: "o1"), turn);
        Assert.Equal(20 * 60, m.State.Floor!.Timer.AllottedSeconds);
        Assert.True(m.State.Floor.Timer.IsRunning);
    }

    [Fact]
    public void StartReport_TakesTheChairsMinutesOverThePlannedOnes()
    {
        var m = AtTheReportStep();
        m.Ok(new AddOfficial("Vũ Văn Hải", "Phó Chủ tịch UBND xã"), Actor.Organizer);
        m.Ok(new StartReport("o6", "a4", Minutes: 25));

        Assert.Equal(("Vũ Văn Hải", "Phó Chủ tịch UBND xã"), (m.CurrentTurn.SpeakerName, m.CurrentTurn.Locality));
        Assert.Equal(25 * 60, m.State.Floor!.Timer.AllottedSeconds);
    }

    [Fact]
    public void AReportEnds_LikeAnyTurn_WithTheTimeSpokenRecordedOnIt()
    {
        var m = AtTheReportStep();
        m.Ok(new StartReport("o1", "a4"));
        m.Advance(600).Ok(new PauseTimer());
        m.Advance(60).Ok(new StartTimer());
        m.Advance(300).Ok(new EndTurn());

        Assert.Equal((900, m.Now), (m.Turn("t1").SpokenSeconds, m.Turn("t1").EndedAt));
        Assert.Null(m.State.Floor);
    }

    [Fact]
    public void StartReport_ForAStepThatIsNotRunning_IsRefused_SoAStaleConsoleCannotFileItUnderTheWrongStep()
    {
        var m = AtTheReportStep();
        var error = m.Refused(new StartReport("o1", "a5"), "invalid_state");
        Assert.Contains("Báo cáo trả lời các kiến nghị", error.Message);
    }

    [Fact]
    public void StartReport_WithAnUnknownOfficialOrStepOrBadMinutes_IsRefused()
    {
        var m = AtTheReportStep();
        m.Refused(new StartReport("o99", "a4"), "not_found");
        m.Refused(new StartReport("o1", "a99"), "not_found");
        m.Refused(new StartReport("o1", "a4", 0), "invalid");
        m.Refused(new StartReport("o1", "a4", StartReport.MaxMinutes + 1), "invalid");
        m.Refused(new StartReport(null!, null!), "not_found");
    }

    [Fact]
    public void StartReport_AgainForTheOfficialWhoIsReporting_IsRefused()
    {
        var m = AtTheReportStep();
        m.Ok(new StartReport("o1", "a4"));
        m.Refused(new StartReport("o1", "a4"), "invalid_state");
    }

    [Fact]
    public void StartReport_IsTheChairsAlone()
    {
        var m = AtTheReportStep();
        foreach (var other in new[] { Actor.Organizer, Actor.Secretary, Actor.Screen, Actor.Transcriber, Actor.Participant("p1") })
            m.Refused(new StartReport("o1", "a4"), "forbidden", other);
    }

    [Fact]
    public void TheReportOnTheCollectedKienNghi_AnswersThem_InTheNameOfTheReportingOfficial()
    {
        var m = AtTheReportStep();
        m.Ok(new ImportRegistrations([new RegistrationRow(2, "Phạm Thị Dung", "Thôn Nam", Topic: "Đề nghị xem xét chế độ cho người có công",
            Kind: RegistrationKind.Petition)]), Actor.Organizer);
        m.Ok(new StartAgendaItem("a5"));
        m.Ok(new AddOfficial("Vũ Văn Hải", "Phó Chủ tịch UBND xã"), Actor.Organizer);
        m.Ok(new StartReport("o6", "a5"));

        m.Ok(new RecordPetitionAnswer("k1", "Hồ sơ đã trình cấp huyện.", "t1"), Actor.Secretary);

        Assert.Equal(("Vũ Văn Hải, Phó Chủ tịch UBND xã", "t1"), (m.State.FindPetition("k1")!.AnsweredBy, m.State.FindPetition("k1")!.AnsweringTurnId));
    }

    [Fact]
    public void AReportTurn_TakesTranscriptAndCorrectionLikeAnyTurn()
    {
        var m = AtTheReportStep();
        m.Ok(new StartReport("o1", "a4"));
        m.Ok(new AddTranscriptSegment("t1", 0, "Năm 2025 tổng thu ngân sách đạt"), Actor.Transcriber);
        m.Ok(new CorrectTurnText("t1", "Năm 2025 tổng thu ngân sách đạt 112% kế hoạch.", 0), Actor.Secretary);

        Assert.Equal("Năm 2025 tổng thu ngân sách đạt 112% kế hoạch.", m.State.MinutesOf("t1").Text);
    }
}
