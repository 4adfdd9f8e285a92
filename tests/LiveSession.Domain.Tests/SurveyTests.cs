using System.Text.Json.Nodes;
using LiveSession.Domain.Views;

namespace LiveSession.Domain.Tests;

public class SurveyTests
{
    private static Actor P(int n) => Actor.Participant($"p{n}");

    private static TestMeeting Open()
    {
        var m = TestMeeting.Started();
        m.Ok(new OpenSurvey());
        return m;
    }

    private static SurveyState Survey(TestMeeting m) => m.State.Survey ?? throw new Xunit.Sdk.XunitException("No survey");

    // ---- opening and closing ----

    [Fact]
    public void ThereIsNoSurveyUntilTheChairOpensIt()
    {
        var m = TestMeeting.Started();
        Assert.Null(m.State.Survey);

        m.Advance(10).Ok(new OpenSurvey());

        var survey = Survey(m);
        Assert.True(survey.IsOpen);
        Assert.Equal(m.Now, survey.OpenedAt);
        Assert.Null(survey.ClosedAt);
        Assert.Empty(survey.Answers);
    }

    [Fact]
    public void OpenSurvey_WhenAlreadyOpen_IsRefused()
    {
        var error = Open().Refused(new OpenSurvey(), "invalid_state");
        Assert.Equal("Phiếu lấy ý kiến đang mở.", error.Message);
    }

    [Fact]
    public void OpenSurvey_BeforeTheMeetingStarts_IsRefused()
    {
        TestMeeting.Created().Refused(new OpenSurvey(), "meeting_not_started");
    }

    [Fact]
    public void CloseSurvey_RecordsTheTime()
    {
        var m = Open();
        m.Advance(300).Ok(new CloseSurvey());

        Assert.False(Survey(m).IsOpen);
        Assert.Equal(m.Now, Survey(m).ClosedAt);
        Assert.Equal(TestMeeting.T0, Survey(m).OpenedAt);
    }

    [Fact]
    public void CloseSurvey_WhenNotOpen_IsRefused()
    {
        var m = TestMeeting.Started();
        var error = m.Refused(new CloseSurvey(), "invalid_state");
        Assert.Equal("Phiếu lấy ý kiến chưa mở.", error.Message);

        m.Ok(new OpenSurvey());
        m.Ok(new CloseSurvey());
        m.Refused(new CloseSurvey(), "invalid_state");
    }

    [Fact]
    public void ASurveyMayBeReopened_KeepingItsAnswers()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(4, true, null), P(1));
        m.Ok(new CloseSurvey());
        m.Advance(60).Ok(new OpenSurvey());

        Assert.True(Survey(m).IsOpen);
        Assert.Equal(m.Now, Survey(m).OpenedAt);
        Assert.Null(Survey(m).ClosedAt);
        Assert.Equal(4, Survey(m).Answers["p1"].Satisfaction);
        m.Refused(new AnswerSurvey(5, true, null), "already_answered", P(1));
        m.Ok(new AnswerSurvey(5, true, null), P(2));
        Assert.Equal(2, Survey(m).Results.Count);
    }

    [Fact]
    public void OpeningAndClosing_IsForTheChairOnly()
    {
        var m = TestMeeting.Started();
        foreach (var actor in new[] { Actor.Organizer, P(1), Actor.Secretary, Actor.Screen, Actor.Transcriber })
            m.Refused(new OpenSurvey(), "forbidden", actor);
        m.Ok(new OpenSurvey());
        foreach (var actor in new[] { Actor.Organizer, P(1), Actor.Secretary, Actor.Screen, Actor.Transcriber })
            m.Refused(new CloseSurvey(), "forbidden", actor);
    }

    [Fact]
    public void ClosingTheMeeting_ClosesAnOpenSurvey()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(3, false, "Cần thêm thời gian"), P(1));

        var events = m.Advance(120).Ok(new CloseMeeting());

        Assert.Equal([typeof(SurveyClosed), typeof(MeetingClosed), typeof(ChairFloorLeft)], events.Select(e => e.GetType()));
        Assert.False(Survey(m).IsOpen);
        Assert.Equal(m.Now, Survey(m).ClosedAt);
        Assert.Equal(1, Survey(m).Results.Count);
        m.Refused(new AnswerSurvey(5, true, null), "meeting_closed", P(2));
    }

    [Fact]
    public void ClosingTheMeeting_WithoutAnOpenSurvey_AddsNoSurveyEvent()
    {
        var m = TestMeeting.Started();
        Assert.Equal([typeof(MeetingClosed), typeof(ChairFloorLeft)], m.Ok(new CloseMeeting()).Select(e => e.GetType()));
        Assert.Null(m.State.Survey);

        var closed = Open();
        closed.Ok(new CloseSurvey());
        Assert.Equal([typeof(MeetingClosed), typeof(ChairFloorLeft)], closed.Ok(new CloseMeeting()).Select(e => e.GetType()));
    }

    // ---- answering ----

    [Fact]
    public void AnswerSurvey_RecordsTheAnswerOfThatParticipant()
    {
        var m = Open();
        m.Advance(5).Ok(new AnswerSurvey(4, true, "  Hội nghị tổ chức tốt, ý kiến được giải đáp rõ.  "), P(7));

        Assert.Equal(
            new SurveyAnswer(4, true, "Hội nghị tổ chức tốt, ý kiến được giải đáp rõ.", m.Now),
            Survey(m).Answers["p7"]);
    }

    [Fact]
    public void AnswerSurvey_WithoutAnOpinionOnConcernsOrAComment_IsAllowed()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(1, null, "   "), P(1));

        Assert.Equal(new SurveyAnswer(1, null, null, m.Now), Survey(m).Answers["p1"]);
    }

    [Fact]
    public void AnswerSurvey_ASecondAnswerFromTheSameParticipant_IsRefusedAndTheFirstKept()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(2, false, "Chưa hài lòng"), P(1));

        var error = m.Refused(new AnswerSurvey(5, true, "Đổi ý"), "already_answered", P(1));

        Assert.Equal("Ông/bà đã gửi phiếu lấy ý kiến rồi.", error.Message);
        Assert.Equal(2, Survey(m).Answers["p1"].Satisfaction);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void AnswerSurvey_WithASatisfactionOutsideOneToFive_IsInvalid(int satisfaction)
    {
        var error = Open().Refused(new AnswerSurvey(satisfaction, true, null), "invalid", P(1));
        Assert.Equal("Mức độ hài lòng phải từ 1 đến 5.", error.Message);
    }

    [Fact]
    public void AnswerSurvey_CommentIsBoundedAndMayHaveLineBreaks()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(3, null, new string('x', SurveyRules.CommentMax)), P(1));
        m.Ok(new AnswerSurvey(3, null, "Dòng một\r\nDòng hai"), P(2));

        Assert.Equal("Dòng một\nDòng hai", Survey(m).Answers["p2"].Comment);
        var error = m.Refused(new AnswerSurvey(3, null, new string('x', SurveyRules.CommentMax + 1)), "invalid", P(3));
        Assert.Equal($"Góp ý dài quá {SurveyRules.CommentMax} ký tự.", error.Message);
        m.Refused(new AnswerSurvey(3, null, "Ký tự \u001b lạ"), "invalid", P(3));
    }

    [Fact]
    public void AnswerSurvey_BeforeItOpensOrAfterItCloses_IsRefused()
    {
        var m = TestMeeting.Started();
        var notOpened = m.Refused(new AnswerSurvey(5, true, null), "survey_closed", P(1));
        Assert.Equal("Phiếu lấy ý kiến chưa được mở.", notOpened.Message);

        m.Ok(new OpenSurvey());
        m.Ok(new CloseSurvey());
        var closed = m.Refused(new AnswerSurvey(5, true, null), "survey_closed", P(1));
        Assert.Equal("Phiếu lấy ý kiến đã đóng.", closed.Message);
    }

    [Fact]
    public void AnswerSurvey_BeforeTheMeetingStarts_IsRefused()
    {
        TestMeeting.Created().Refused(new AnswerSurvey(5, true, null), "meeting_not_started", P(1));
    }

    [Fact]
    public void AnswerSurvey_IsForIdentifiedParticipantsOnly()
    {
        var m = Open();
        foreach (var actor in new[] { Actor.Chair, Actor.Organizer, Actor.Secretary, Actor.Screen, Actor.Transcriber, new Actor(Role.Participant), new Actor(Role.Participant, "") })
            m.Refused(new AnswerSurvey(5, true, null), "forbidden", actor);
    }

    [Fact]
    public void AnswerSurvey_StopsAtTheMaximumNumberOfAnswers()
    {
        var m = Open();
        for (var i = 0; i < SurveyRules.MaxAnswers; i++)
            m.Ok(new AnswerSurvey(i % 5 + 1, null, null), P(i));

        var error = m.Refused(new AnswerSurvey(5, null, null), "invalid_state", P(SurveyRules.MaxAnswers));
        Assert.Equal($"Đã đạt giới hạn {SurveyRules.MaxAnswers} phiếu.", error.Message);
        Assert.Equal(SurveyRules.MaxAnswers, Survey(m).Results.Count);
    }

    // ---- results ----

    [Fact]
    public void Results_OfNoAnswers_AreEmpty()
    {
        var results = Open().State.Survey!.Results;

        Assert.Equal(0, results.Count);
        Assert.Null(results.AverageSatisfaction);
        Assert.Equal([0, 0, 0, 0, 0], results.CountBySatisfaction);
        Assert.Equal(0, results.ConcernsAnsweredYes);
        Assert.Equal(0, results.ConcernsAnsweredNo);
        Assert.Equal(0, results.ConcernsAnsweredNotStated);
        Assert.Empty(results.Comments);
    }

    [Fact]
    public void Results_CountAverageAndListTheCommentsInTheOrderGiven()
    {
        var m = Open();
        m.Advance(1).Ok(new AnswerSurvey(5, true, "Rất tốt"), P(9));
        m.Advance(1).Ok(new AnswerSurvey(4, true, null), P(3));
        m.Advance(1).Ok(new AnswerSurvey(4, false, "Đường chưa được trả lời rõ"), P(1));
        m.Advance(1).Ok(new AnswerSurvey(2, null, null), P(7));
        m.Advance(1).Ok(new AnswerSurvey(1, false, "Thời gian quá ngắn"), P(5));

        var results = Survey(m).Results;

        Assert.Equal(5, results.Count);
        Assert.Equal(16 / 5.0, results.AverageSatisfaction);
        Assert.Equal([1, 1, 0, 2, 1], results.CountBySatisfaction);
        Assert.Equal(2, results.CountOf(4));
        Assert.Equal(0, results.CountOf(3));
        Assert.Equal(2, results.ConcernsAnsweredYes);
        Assert.Equal(2, results.ConcernsAnsweredNo);
        Assert.Equal(1, results.ConcernsAnsweredNotStated);
        Assert.Equal(["Rất tốt", "Đường chưa được trả lời rõ", "Thời gian quá ngắn"], results.Comments);
    }

    [Fact]
    public void Results_CommentsAtTheSameInstant_AreOrderedByParticipantId()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(3, null, "từ p2"), P(2));
        m.Ok(new AnswerSurvey(3, null, "từ p10"), P(10));
        m.Ok(new AnswerSurvey(3, null, "từ p1"), P(1));

        Assert.Equal(["từ p1", "từ p10", "từ p2"], Survey(m).Results.Comments);
    }

    [Fact]
    public void TheWording_IsVietnameseAndHasALabelForEveryScore()
    {
        Assert.Equal("Ông/bà hài lòng thế nào về hội nghị?", SurveyWording.SatisfactionQuestion);
        Assert.Equal("Ý kiến, kiến nghị của ông/bà đã được giải đáp chưa?", SurveyWording.ConcernsAnsweredQuestion);
        Assert.Equal("Góp ý khác", SurveyWording.CommentQuestion);
        Assert.Equal(SurveyRules.MaxSatisfaction - SurveyRules.MinSatisfaction + 1, SurveyWording.SatisfactionLabels.Count);
        Assert.Equal("Rất không hài lòng", SurveyWording.SatisfactionLabel(1));
        Assert.Equal("Rất hài lòng", SurveyWording.SatisfactionLabel(5));
    }

    // ---- replay and JSON ----

    [Fact]
    public void TheSurvey_ReplaysAndRoundTripsThroughJson_WithoutTheComputedResults()
    {
        var m = Open();
        m.Advance(3).Ok(new AnswerSurvey(5, true, "Tốt"), P(1));
        m.Advance(3).Ok(new AnswerSurvey(2, null, null), P(2));
        m.Ok(new CloseSurvey());

        var replayed = Decider.Fold(MeetingState.Empty(TestMeeting.Id),
            m.Events.Select(e => DomainJson.Deserialize<MeetingEvent>(DomainJson.Serialize(e))!));
        var json = DomainJson.Serialize(m.State);
        var back = DomainJson.Deserialize<MeetingState>(json)!;

        Assert.Equal(json, DomainJson.Serialize(replayed));
        Assert.Equal(json, DomainJson.Serialize(back));
        Assert.Equal(m.State.Survey!.Answers, back.Survey!.Answers);
        Assert.Equal(m.State.Survey.Results.Comments, back.Survey.Results.Comments);
        Assert.Equal(3.5, back.Survey.Results.AverageSatisfaction);
        var survey = JsonNode.Parse(json)!["survey"]!;
        Assert.False(survey["isOpen"]!.GetValue<bool>());
        Assert.Equal(5, survey["answers"]!["p1"]!["satisfaction"]!.GetValue<int>());
        Assert.Null(survey["results"]);
    }

    [Fact]
    public void AnswerSurvey_ParsesFromClientJson()
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            "{\"type\":\"answerSurvey\",\"satisfaction\":4,\"concernsAnswered\":null,\"comment\":\"Ổn\"}");

        var command = DomainJson.ParseCommand(document.RootElement, out var error);

        Assert.Null(error);
        Assert.Equal(new AnswerSurvey(4, null, "Ổn"), command);
    }

    // ---- paper ballots ----

    [Fact]
    public void PaperBallots_AddToThePhonesAnswers_InTheResults()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(5, true, null), P(1));
        m.Ok(new AnswerSurvey(3, null, null), P(2));
        m.Ok(new CloseSurvey());

        m.Ok(new RecordPaperBallots(10, [0, 1, 2, 3, 3]), Actor.Organizer);

        var results = Survey(m).Results;
        Assert.Equal(12, results.Count);
        Assert.Equal(2, results.PhoneAnswers);
        Assert.Equal(10, results.PaperBallots);
        Assert.Equal([0, 1, 3, 3, 4], results.CountBySatisfaction);
        Assert.Equal((2 + 3 * 3 + 3 * 4 + 4 * 5) / 11.0, results.AverageSatisfaction!.Value, 6);
        Assert.Equal(1, results.ConcernsAnsweredYes);
        Assert.Equal(1, results.ConcernsAnsweredNotStated);
    }

    [Fact]
    public void PaperBallots_EnteredAgain_ReplaceTheFormerTally()
    {
        var m = Open();
        m.Ok(new RecordPaperBallots(10, [0, 0, 0, 5, 5]), Actor.Secretary);
        m.Ok(new RecordPaperBallots(8, [0, 0, 0, 4, 4]), Actor.Organizer);

        Assert.Equal(8, Survey(m).Results.Count);
        Assert.Equal(4.5, Survey(m).Results.AverageSatisfaction);
        m.Refused(new RecordPaperBallots(8, [0, 0, 0, 4, 4]), "invalid_state", Actor.Organizer);
    }

    [Fact]
    public void PaperBallots_WithoutPhoneSurvey_MakeTheSurveyAlone()
    {
        var m = TestMeeting.Started();
        m.Ok(new RecordPaperBallots(3, [0, 0, 1, 1, 0]), Actor.Organizer);

        Assert.False(Survey(m).IsOpen);
        Assert.Equal(3, Survey(m).Results.Count);
        Assert.Equal(3.5, Survey(m).Results.AverageSatisfaction);
    }

    [Fact]
    public void PaperBallots_MayBeEnteredAfterTheMeetingCloses_ButNotBeforeItStarts()
    {
        TestMeeting.Created().Refused(new RecordPaperBallots(1, [0, 0, 0, 0, 1]), "meeting_not_started", Actor.Organizer);
        var m = TestMeeting.Started();
        m.Ok(new CloseMeeting());
        m.Ok(new RecordPaperBallots(1, [0, 0, 0, 0, 1]), Actor.Secretary);
        Assert.Equal(1, Survey(m).Results.PaperBallots);
    }

    [Theory]
    [InlineData(-1, new[] { 0, 0, 0, 0, 0 })]
    [InlineData(5001, new[] { 0, 0, 0, 0, 0 })]
    [InlineData(int.MaxValue, new[] { 0, 0, 0, 0, int.MaxValue })]
    [InlineData(10, new[] { 0, 0, 0, 0 })]
    [InlineData(10, new[] { 0, 0, 0, 0, 0, 0 })]
    [InlineData(10, new[] { 0, -1, 0, 0, 0 })]
    [InlineData(10, new[] { 5, 5, 1, 0, 0 })]
    [InlineData(5000, new[] { 5000, 5000, 5000, 5000, 5000 })]
    public void PaperBallots_ThatDoNotAddUp_AreRefused_AndChangeNothing(int ballots, int[] counts)
    {
        var m = Open();
        var before = DomainJson.Serialize(m.State);
        var error = m.Refused(new RecordPaperBallots(ballots, counts), "invalid", Actor.Organizer);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, DomainJson.Serialize(m.State));
    }

    [Fact]
    public void PaperBallots_WithNoCounts_AreRefused()
    {
        Open().Refused(new RecordPaperBallots(1, null!), "invalid", Actor.Organizer);
    }

    [Fact]
    public void PaperBallots_AreEnteredByTheDeskTheSecretaryAndTheChair()
    {
        Assert.True(new RecordPaperBallots(0, [0, 0, 0, 0, 0]).AllowedRoles.SetEquals([Role.Chair, Role.Organizer, Role.Secretary]));
        Assert.True(new ShowSurveyResults(true).AllowedRoles.SetEquals([Role.Chair]));
    }

    [Fact]
    public void ASurveyStoredBeforePaperBallots_LoadsWithNone()
    {
        var json = "{\"isOpen\":false,\"answers\":{\"p1\":{\"satisfaction\":4,\"concernsAnswered\":true,\"comment\":null,\"answeredAt\":\"2025-03-16T01:00:00+00:00\"}}}";
        var survey = DomainJson.Deserialize<SurveyState>(json)!;
        Assert.Null(survey.Paper);
        Assert.False(survey.ResultsShown);
        Assert.Equal(1, survey.Results.Count);
        Assert.Equal(0, survey.Results.PaperBallots);
    }

    // ---- the results on the hall screen ----

    [Fact]
    public void TheChair_ShowsTheResultsOnTheHallScreen_OnlyOnceTheSurveyIsClosed()
    {
        var m = Open();
        m.Ok(new AnswerSurvey(4, true, "Tốt"), P(1));
        m.Refused(new ShowSurveyResults(true), "invalid_state");
        m.Ok(new CloseSurvey());
        m.Ok(new RecordPaperBallots(2, [0, 0, 0, 0, 2]), Actor.Organizer);

        m.Ok(new ShowSurveyResults(true));

        var view = PublicView.Of(m.State).Survey!;
        Assert.True(view.ResultsShown);
        Assert.Equal(3, view.Results!.Count);
        Assert.Equal(2, view.Results.PaperBallots);
        Assert.Equal(1, view.Results.PhoneAnswers);
        m.Refused(new ShowSurveyResults(true), "invalid_state");
    }

    [Fact]
    public void ReopeningTheSurvey_TakesTheResultsOffTheHallScreen()
    {
        var m = Open();
        m.Ok(new CloseSurvey());
        m.Ok(new ShowSurveyResults(true));
        m.Ok(new OpenSurvey());
        Assert.False(Survey(m).ResultsShown);
        m.Refused(new ShowSurveyResults(false), "invalid_state");
    }

    [Fact]
    public void ShowingResults_WithNoSurvey_IsRefused()
    {
        TestMeeting.Started().Refused(new ShowSurveyResults(true), "invalid_state");
    }
}
