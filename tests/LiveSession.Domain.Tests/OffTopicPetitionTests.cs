using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Tests.FollowUp;

namespace LiveSession.Domain.Tests;

/// <summary>Questions outside the meeting's content are received and answered in writing, under no turn (seed 003).</summary>
public class OffTopicPetitionTests
{
    [Fact]
    public void AnOffTopicQuestion_BecomesAKienNghiAnsweredInWriting_UnderNoTurn()
    {
        var m = TestMeeting.Started();
        m.Ok(new RecordOffTopicPetition("  Lý Văn Khải ", "Hỏi về chế độ hưu trí của bố", "Thôn Tây", "Chính sách", "Bảo hiểm xã hội huyện"), Actor.Secretary);

        Assert.Equal(new Petition("k1", "Hỏi về chế độ hưu trí của bố", "Chính sách", "Lý Văn Khải", "Thôn Tây",
            Resolution: PetitionResolution.WrittenAnswer, ResponsibleUnit: "Bảo hiểm xã hội huyện", OffTopic: true), Assert.Single(m.State.Petitions));
        Assert.IsType<OffTopicPetitionRecorded>(m.Events[^1]);
    }

    [Fact]
    public void AQuestionAskedAloud_TakesItsAskerFromTheTurn_ButDoesNotHangUnderIt()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new RecordOffTopicPetition(null, "Hỏi về tranh chấp đất với xã bên", TurnId: "t1"));

        var petition = Assert.Single(m.State.Petitions);
        Assert.Equal(("Nguyễn Văn An", "Thôn Đông", null, true), (petition.CitizenName, petition.Locality, petition.RaisedInTurnId, petition.OffTopic));
    }

    [Fact]
    public void AnOffTopicQuestion_WithoutAnAskerOrText_OrFromANonCitizenTurn_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a4"));
        m.Ok(new StartReport("o1", "a4"));
        Assert.Contains("họ tên người hỏi", m.Refused(new RecordOffTopicPetition(" ", "Hỏi về hưu trí"), "invalid", Actor.Secretary).Message);
        m.Refused(new RecordOffTopicPetition("Lý Văn Khải", "  "), "invalid", Actor.Secretary);
        m.Refused(new RecordOffTopicPetition(null, "Hỏi về hưu trí", TurnId: "t1"), "invalid_state", Actor.Secretary);
        m.Refused(new RecordOffTopicPetition(null, "Hỏi về hưu trí", TurnId: "t9"), "not_found", Actor.Secretary);
        m.Refused(new RecordOffTopicPetition("Lý\u0000Văn Khải", "Hỏi về hưu trí"), "invalid", Actor.Secretary);
        Assert.Empty(m.State.Petitions);
    }

    [Fact]
    public void OffTopicQuestions_AreTheMinutesWritersToRecord_AlsoAfterTheClose()
    {
        var m = TestMeeting.Started();
        foreach (var other in new[] { Actor.Organizer, Actor.Screen, Actor.Transcriber, Actor.Participant("p1") })
            m.Refused(new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về hưu trí"), "forbidden", other);
        m.Ok(new CloseMeeting());
        m.Ok(new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về hưu trí"), Actor.Secretary);
    }

    [Fact]
    public void AnApprovedWrittenQuestion_CanBeTakenInToBeAnsweredInWriting()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Xin hỏi thủ tục đổi giấy phép lái xe", "Giao thông"), Actor.Participant("p1"));
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);

        m.Ok(new ConvertQuestionToPetition("q1", InWriting: true, ResponsibleUnit: "Công an xã"), Actor.Secretary);

        var petition = Assert.Single(m.State.Petitions);
        Assert.Equal(("q1", true, PetitionResolution.WrittenAnswer, "Công an xã", null),
            (petition.QuestionId, petition.OffTopic, petition.Resolution, petition.ResponsibleUnit, petition.RaisedInTurnId));
        m.Refused(new ConvertQuestionToPetition("q1", InWriting: true), "invalid_state", Actor.Secretary); // once per question
    }

    [Fact]
    public void AResponsibleUnit_IsOnlyForAQuestionAnsweredInWriting()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Xin hỏi thủ tục", null), Actor.Participant("p1"));
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);
        m.Refused(new ConvertQuestionToPetition("q1", ResponsibleUnit: "Công an xã"), "invalid", Actor.Secretary);
    }

    [Fact]
    public void AnOffTopicKienNghi_IsFollowedUpAfterTheMeeting_UntilItsWrittenAnswer()
    {
        var d = TestDossier.Collecting();
        var m = d.Meeting;
        m.Ok(new StartMeeting());
        m.Ok(new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về chế độ hưu trí của bố", ResponsibleUnit: TestDossier.UnitB), Actor.Secretary);
        m.Ok(new CloseMeeting());
        d.Now = new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero);
        d.Ok(new OpenFollowUp());

        var followed = d.Followed("k1");
        Assert.Equal((PetitionResolution.WrittenAnswer, FollowUpStatus.InProgress, TestDossier.UnitB), (followed.Resolution, followed.Status, followed.ResponsibleUnit));
    }
}
