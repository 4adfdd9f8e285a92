using System.Text;
using System.Text.Json.Nodes;

namespace LiveSession.Domain.Tests;

public class QuestionTests
{
    private static readonly Actor Giang = Actor.Participant("p1");
    private static readonly Actor Hung = Actor.Participant("p2");

    /// <summary>A participant sends a question; returns its id.</summary>
    private static string Ask(TestMeeting m, Actor? asker = null, string text = "Khi nào đường liên thôn được sửa?")
    {
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", text, "Giao thông"), asker ?? Giang);
        return m.State.Questions[^1].Id;
    }

    private static string AskApproved(TestMeeting m, Actor? asker = null)
    {
        var id = Ask(m, asker);
        m.Ok(new ApproveQuestion(id), Actor.Organizer);
        return id;
    }

    private static Question Q(TestMeeting m, string id) =>
        m.State.FindQuestion(id) ?? throw new Xunit.Sdk.XunitException($"No question {id}");

    // ---- submitting ----

    [Fact]
    public void SubmitQuestion_ByAParticipant_IsPendingAndCarriesTheirIdNameAndTime()
    {
        var m = TestMeeting.Started();
        m.Advance(42);
        var events = m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào đường liên thôn được sửa?", "Giao thông", "upl_7f3A-9"), Giang);

        var expected = new Question("q1", "Đỗ Thị Giang", "Thôn Trung", "p1", "Khi nào đường liên thôn được sửa?", "Giao thông",
            "upl_7f3A-9", QuestionStatus.Pending, TestMeeting.T0.AddSeconds(42));
        Assert.Equal(expected, Q(m, "q1"));
        Assert.Equal(m.Now, Assert.IsType<QuestionSubmitted>(Assert.Single(events)).At);
        Assert.True(Q(m, "q1").IsOpen);
    }

    [Fact]
    public void SubmitQuestion_ByTheOrganizer_IsOnBehalfOfSomeoneAtTheDeskWithoutAParticipantId()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("Ngô Văn Hùng", null, "Đề nghị hỗ trợ giống lúa.", null), Actor.Organizer);

        var question = Q(m, "q1");
        Assert.Null(question.ParticipantId);
        Assert.Equal("Ngô Văn Hùng", question.AskerName);
        Assert.Null(question.Locality);
        Assert.Null(question.Field);
        Assert.Null(question.AttachmentId);
        Assert.Equal(QuestionStatus.Pending, question.Status);
    }

    [Fact]
    public void SubmitQuestion_IsAllowedBeforeTheMeetingStarts()
    {
        var m = TestMeeting.Created();
        Ask(m);
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);

        Assert.Equal(MeetingStatus.Scheduled, m.State.Status);
        Assert.Equal(QuestionStatus.Approved, Q(m, "q1").Status);
    }

    [Fact]
    public void SubmitQuestion_AfterTheMeetingCloses_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new CloseMeeting());

        m.Refused(new SubmitQuestion("Đỗ Thị Giang", null, "Còn hỏi được không?", null), "meeting_closed", Giang);
    }

    [Fact]
    public void SubmitQuestion_NumbersQuestionsInOrder()
    {
        var m = TestMeeting.Started();
        Assert.Equal("q1", Ask(m));
        Assert.Equal("q2", Ask(m, Hung));
        m.Ok(new WithdrawQuestion("q1"), Giang);
        Assert.Equal("q3", Ask(m));
        Assert.Equal(["q1", "q2", "q3"], m.State.Questions.Select(q => q.Id));
    }

    [Fact]
    public void SubmitQuestion_TrimsAndNormalisesTheTextToNfc()
    {
        var m = TestMeeting.Started();
        var decomposed = "Đường ".Normalize(NormalizationForm.FormD) + "xuống cấp";
        m.Ok(new SubmitQuestion("  Nguyễn Văn An ".Normalize(NormalizationForm.FormD), " Thôn Đông ", "  " + decomposed + "\n", "  "), Giang);

        var question = Q(m, "q1");
        Assert.Equal("Nguyễn Văn An", question.AskerName);
        Assert.True(question.AskerName.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Thôn Đông", question.Locality);
        Assert.Equal("Đường xuống cấp", question.Text);
        Assert.True(question.Text.IsNormalized(NormalizationForm.FormC));
        Assert.Null(question.Field);
    }

    [Fact]
    public void SubmitQuestion_AcceptsTextUpToTheLimit()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("An", null, new string('x', QuestionRules.TextMax), null), Giang);

        var tooLong = m.Refused(new SubmitQuestion("An", null, new string('x', QuestionRules.TextMax + 1), null), "invalid", Hung);
        Assert.Equal($"Nội dung câu hỏi dài quá {QuestionRules.TextMax} ký tự.", tooLong.Message);
    }

    [Fact]
    public void SubmitQuestion_KeepsLineBreaksAndTabsAsNewlines_ButRefusesOtherControlCharacters()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("An", null, "Kính gửi UBND xã,\r\nĐoạn một.\rĐoạn hai.\n\tKý tên", null), Giang);

        Assert.Equal("Kính gửi UBND xã,\nĐoạn một.\nĐoạn hai.\n\tKý tên", Q(m, "q1").Text);
        var error = m.Refused(new SubmitQuestion("An", null, "Có ký tự \u0000 lạ", null), "invalid", Hung);
        Assert.Equal("Nội dung câu hỏi chứa ký tự không hợp lệ.", error.Message);
        m.Refused(new SubmitQuestion("An\nBình", null, "Họ tên chỉ một dòng", null), "invalid", Hung);
        m.Refused(new SubmitQuestion("An", null, "Lĩnh vực một dòng", "Đất\nđai"), "invalid", Hung);
    }

    [Theory]
    [InlineData("", "Có câu hỏi", "Họ tên không được để trống.")]
    [InlineData("   ", "Có câu hỏi", "Họ tên không được để trống.")]
    [InlineData("Đỗ Thị Giang", "", "Nội dung câu hỏi không được để trống.")]
    [InlineData("Đỗ Thị Giang", " \t ", "Nội dung câu hỏi không được để trống.")]
    [InlineData("Đỗ\u0007 Giang", "Có câu hỏi", "Họ tên chứa ký tự không hợp lệ.")]
    public void SubmitQuestion_WithoutANameOrText_IsInvalid(string name, string text, string message)
    {
        var error = TestMeeting.Started().Refused(new SubmitQuestion(name, null, text, null), "invalid", Giang);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void SubmitQuestion_WithNullFields_IsInvalidNotThrown()
    {
        var m = TestMeeting.Started();
        m.Refused(new SubmitQuestion(null!, null, "Có câu hỏi", null), "invalid", Giang);
        m.Refused(new SubmitQuestion("An", null, null!, null), "invalid", Giang);
    }

    [Fact]
    public void SubmitQuestion_WithATooLongFieldOrLocality_IsInvalid()
    {
        var m = TestMeeting.Started();
        m.Refused(new SubmitQuestion("An", null, "Hỏi", new string('x', Text.ShortMax + 1)), "invalid", Giang);
        m.Refused(new SubmitQuestion("An", new string('x', Text.ShortMax + 1), "Hỏi", null), "invalid", Giang);
        m.Refused(new SubmitQuestion(new string('x', Text.NameMax + 1), null, "Hỏi", null), "invalid", Giang);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ABC_def-123")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void SubmitQuestion_WithAWellFormedAttachmentId_KeepsIt(string attachment)
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("An", null, "Xem tệp đính kèm", null, attachment), Giang);
        Assert.Equal(attachment, Q(m, "q1").AttachmentId);
    }

    [Fact]
    public void SubmitQuestion_WithAnEmptyAttachmentId_HasNone()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("An", null, "Không có tệp", null, ""), Giang);
        Assert.Null(Q(m, "q1").AttachmentId);
    }

    [Theory]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")] // 65
    [InlineData("../../etc/passwd")]
    [InlineData("a b")]
    [InlineData(" abc")]
    [InlineData("tệp")]
    [InlineData("a.pdf")]
    [InlineData("a/b")]
    [InlineData("<script>")]
    [InlineData("１２３")] // full-width digits are not ASCII
    public void SubmitQuestion_WithAMalformedAttachmentId_IsInvalid(string attachment)
    {
        var error = TestMeeting.Started().Refused(new SubmitQuestion("An", null, "Hỏi", null, attachment), "invalid", Giang);
        Assert.Equal("Mã tệp đính kèm không hợp lệ.", error.Message);
    }

    [Fact]
    public void SubmitQuestion_AParticipantHasAtMostFivePendingQuestions()
    {
        var m = TestMeeting.Started();
        for (var i = 0; i < QuestionRules.MaxPendingPerParticipant; i++) Ask(m);

        var error = m.Refused(new SubmitQuestion("Đỗ Thị Giang", null, "Câu thứ sáu", null), "too_many_pending", Giang);
        Assert.Contains("5 câu hỏi đang chờ duyệt", error.Message);

        Ask(m, Hung); // others are not affected
        m.Ok(new SubmitQuestion("Người ở bàn", null, "Câu hỏi tại bàn", null), Actor.Organizer);
    }

    [Fact]
    public void SubmitQuestion_OnlyPendingQuestionsCountTowardsTheLimit()
    {
        var m = TestMeeting.Started();
        for (var i = 0; i < QuestionRules.MaxPendingPerParticipant; i++) Ask(m);
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);
        m.Ok(new RejectQuestion("q2"), Actor.Organizer);
        m.Ok(new WithdrawQuestion("q3"), Giang);

        Ask(m);
        Ask(m);
        Ask(m);
        m.Refused(new SubmitQuestion("Đỗ Thị Giang", null, "Quá giới hạn", null), "too_many_pending", Giang);
        Assert.Equal(8, m.State.Questions.Count);
    }

    [Fact]
    public void SubmitQuestion_TheDeskHoldsAtMostTheMaximumNumberOfQuestions_AndThatDoesNotStopOnlineOnes()
    {
        var m = TestMeeting.Started();
        for (var i = 0; i < QuestionRules.MaxQuestions; i++)
            m.Ok(new SubmitQuestion("Người ở bàn", null, $"Câu hỏi số {i + 1}", null), Actor.Organizer);

        var error = m.Refused(new SubmitQuestion("Người ở bàn", null, "Một câu nữa", null), "invalid_state", Actor.Organizer);
        Assert.Equal($"Đã đạt giới hạn {QuestionRules.MaxQuestions} câu hỏi của hội nghị.", error.Message);
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", null, "Một câu nữa", null), Giang);
    }

    [Fact]
    public void SubmitQuestion_ByTheChairOrAnObserver_IsForbidden()
    {
        var m = TestMeeting.Started();
        foreach (var actor in new[] { Actor.Chair, Actor.Secretary, Actor.Screen, Actor.Transcriber })
            m.Refused(new SubmitQuestion("An", null, "Hỏi", null), "forbidden", actor);
        m.Refused(new SubmitQuestion("An", null, "Hỏi", null), "forbidden", new Actor(Role.Participant));
    }

    // ---- moderation ----

    [Fact]
    public void ApproveQuestion_MovesPendingToApproved()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new ApproveQuestion("q1"), Actor.Chair);

        Assert.Equal(QuestionStatus.Approved, Q(m, "q1").Status);
        Assert.True(Q(m, "q1").IsOpen);
    }

    [Fact]
    public void ApproveQuestion_Twice_IsRefusedWithTheStatusInTheMessage()
    {
        var m = TestMeeting.Started();
        AskApproved(m);

        var error = m.Refused(new ApproveQuestion("q1"), "invalid_state", Actor.Organizer);
        Assert.Equal("Câu hỏi q1 đang ở trạng thái \"đã duyệt\", không thể thực hiện.", error.Message);
    }

    [Theory]
    [InlineData("q9")]
    [InlineData("")]
    [InlineData(null)]
    public void ModerationOfAnUnknownQuestion_IsNotFound(string? id)
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new SubmitQuestion("Ngô Văn Hùng", null, "Câu thứ hai", null), Actor.Organizer);

        m.Refused(new ApproveQuestion(id!), "not_found", Actor.Organizer);
        m.Refused(new RejectQuestion(id!), "not_found", Actor.Organizer);
        m.Refused(new MergeQuestion(id!, "q1"), "not_found", Actor.Organizer);
        m.Refused(new MergeQuestion("q1", id!), "not_found", Actor.Organizer);
        m.Refused(new MarkQuestionAnswered(id!), "not_found", Actor.Organizer);
        m.Refused(new WithdrawQuestion(id!), "not_found", Giang);
        m.Refused(new ShowQuestionOnScreen(id ?? "q9"), "not_found", Actor.Chair);
        var error = m.Refused(new ApproveQuestion("q9"), "not_found", Actor.Organizer);
        Assert.Equal("Không tìm thấy câu hỏi với mã \"q9\".", error.Message);
    }

    [Fact]
    public void RejectQuestion_RecordsTheReason()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new RejectQuestion("q1", "  Không thuộc thẩm quyền của xã  "), Actor.Organizer);

        Assert.Equal(QuestionStatus.Rejected, Q(m, "q1").Status);
        Assert.Equal("Không thuộc thẩm quyền của xã", Q(m, "q1").RejectReason);
        Assert.False(Q(m, "q1").IsOpen);
    }

    [Fact]
    public void RejectQuestion_WithoutAReason_IsAllowed_AndAnApprovedQuestionMayStillBeRejected()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        m.Ok(new RejectQuestion("q1", ""), Actor.Chair);

        Assert.Equal(QuestionStatus.Rejected, Q(m, "q1").Status);
        Assert.Null(Q(m, "q1").RejectReason);
    }

    [Fact]
    public void RejectQuestion_WithATooLongReason_IsInvalid()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Refused(new RejectQuestion("q1", new string('x', QuestionRules.ReasonMax + 1)), "invalid", Actor.Organizer);
    }

    [Fact]
    public void ClosedQuestions_CannotBeModeratedAgain()
    {
        var m = TestMeeting.Started();
        Ask(m);                                           // q1 rejected
        Ask(m);                                           // q2 withdrawn
        AskApproved(m);                                   // q3 answered
        Ask(m);                                           // q4 merged into q5
        Ask(m, Hung);                                     // q5
        m.Ok(new RejectQuestion("q1"), Actor.Organizer);
        m.Ok(new WithdrawQuestion("q2"), Giang);
        m.Ok(new MarkQuestionAnswered("q3"), Actor.Organizer);
        m.Ok(new MergeQuestion("q4", "q5"), Actor.Organizer);

        foreach (var id in new[] { "q1", "q2", "q3", "q4" })
        {
            m.Refused(new ApproveQuestion(id), "invalid_state", Actor.Organizer);
            m.Refused(new RejectQuestion(id), "invalid_state", Actor.Organizer);
            m.Refused(new MarkQuestionAnswered(id), "invalid_state", Actor.Organizer);
            m.Refused(new MergeQuestion(id, "q5"), "invalid_state", Actor.Organizer);
            m.Refused(new MergeQuestion("q5", id), "invalid_state", Actor.Organizer);
            m.Refused(new WithdrawQuestion(id), "invalid_state", Giang);
            m.Refused(new ShowQuestionOnScreen(id), "invalid_state", Actor.Chair);
        }
        Assert.Contains("\"bị từ chối\"", m.Refused(new ApproveQuestion("q1"), "invalid_state", Actor.Organizer).Message);
        Assert.Contains("\"đã rút\"", m.Refused(new ApproveQuestion("q2"), "invalid_state", Actor.Organizer).Message);
        Assert.Contains("\"đã trả lời\"", m.Refused(new ApproveQuestion("q3"), "invalid_state", Actor.Organizer).Message);
        Assert.Contains("\"đã gộp\"", m.Refused(new ApproveQuestion("q4"), "invalid_state", Actor.Organizer).Message);
    }

    [Fact]
    public void Moderation_ByAParticipantOrAnObserver_IsForbidden()
    {
        var m = TestMeeting.Started();
        Ask(m);
        Ask(m);
        foreach (var actor in new[] { Giang, Actor.Secretary, Actor.Screen, Actor.Transcriber })
        {
            m.Refused(new ApproveQuestion("q1"), "forbidden", actor);
            m.Refused(new RejectQuestion("q1"), "forbidden", actor);
            m.Refused(new MergeQuestion("q1", "q2"), "forbidden", actor);
            m.Refused(new MarkQuestionAnswered("q1"), "forbidden", actor);
            m.Refused(new ShowQuestionOnScreen(null), "forbidden", actor);
        }
    }

    // ---- merging ----

    [Fact]
    public void MergeQuestion_PointsTheDuplicateToTheTarget()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        Ask(m, Hung);
        m.Ok(new MergeQuestion("q2", "q1"), Actor.Organizer);

        Assert.Equal(QuestionStatus.Merged, Q(m, "q2").Status);
        Assert.Equal("q1", Q(m, "q2").MergedInto);
        Assert.Equal(QuestionStatus.Approved, Q(m, "q1").Status);
        Assert.Null(Q(m, "q1").MergedInto);
    }

    [Fact]
    public void MergeQuestion_IntoAPendingQuestion_IsAllowed()
    {
        var m = TestMeeting.Started();
        Ask(m);
        AskApproved(m, Hung);
        m.Ok(new MergeQuestion("q2", "q1"), Actor.Chair);

        Assert.Equal("q1", Q(m, "q2").MergedInto);
    }

    [Fact]
    public void MergeQuestion_IntoItself_IsInvalid()
    {
        var m = TestMeeting.Started();
        Ask(m);

        var error = m.Refused(new MergeQuestion("q1", "q1"), "invalid", Actor.Organizer);
        Assert.Equal("Không thể gộp câu hỏi vào chính nó.", error.Message);
    }

    [Fact]
    public void MergeQuestion_QuestionsMergedIntoTheMergedOne_FollowItToTheNewTarget()
    {
        var m = TestMeeting.Started();
        Ask(m);
        Ask(m);
        Ask(m, Hung);
        Ask(m, Hung);
        m.Ok(new MergeQuestion("q1", "q2"), Actor.Organizer);
        m.Ok(new MergeQuestion("q4", "q2"), Actor.Organizer);
        m.Ok(new MergeQuestion("q2", "q3"), Actor.Organizer);

        Assert.Equal("q3", Q(m, "q1").MergedInto);
        Assert.Equal("q3", Q(m, "q2").MergedInto);
        Assert.Equal("q3", Q(m, "q4").MergedInto);
        Assert.All(m.State.Questions.Where(q => q.MergedInto is not null),
            q => Assert.Null(Q(m, q.MergedInto!).MergedInto));
    }

    [Fact]
    public void MergeQuestion_IntoAMergedQuestion_IsRefused()
    {
        var m = TestMeeting.Started();
        Ask(m);
        Ask(m);
        Ask(m, Hung);
        m.Ok(new MergeQuestion("q1", "q2"), Actor.Organizer);

        var error = m.Refused(new MergeQuestion("q3", "q1"), "invalid_state", Actor.Organizer);
        Assert.Equal("Câu hỏi q1 đang ở trạng thái \"đã gộp\", không thể thực hiện.", error.Message);
    }

    // ---- answering ----

    [Fact]
    public void MarkQuestionAnswered_LinksTheTurnInWhichItWasAnswered()
    {
        var m = TestMeeting.Started(queued: 1);
        AskApproved(m);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));
        m.Ok(new MarkQuestionAnswered("q1", "t2"), Actor.Organizer);

        Assert.Equal(QuestionStatus.Answered, Q(m, "q1").Status);
        Assert.Equal("t2", Q(m, "q1").AnsweredInTurnId);
        Assert.False(Q(m, "q1").IsOpen);
    }

    [Fact]
    public void MarkQuestionAnswered_WithoutATurn_IsAllowedEvenForAPendingQuestion()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new MarkQuestionAnswered("q1"), Actor.Chair);

        Assert.Equal(QuestionStatus.Answered, Q(m, "q1").Status);
        Assert.Null(Q(m, "q1").AnsweredInTurnId);
    }

    [Theory]
    [InlineData("t1")]
    [InlineData("")]
    public void MarkQuestionAnswered_InAnUnknownTurn_IsNotFound(string turnId)
    {
        var m = TestMeeting.Started();
        AskApproved(m);

        var error = m.Refused(new MarkQuestionAnswered("q1", turnId), "not_found", Actor.Organizer);
        Assert.StartsWith("Không tìm thấy lượt phát biểu", error.Message);
    }

    // ---- withdrawing ----

    [Fact]
    public void WithdrawQuestion_TheAskerWithdrawsTheirPendingQuestion()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new WithdrawQuestion("q1"), Giang);

        Assert.Equal(QuestionStatus.Withdrawn, Q(m, "q1").Status);
    }

    [Fact]
    public void WithdrawQuestion_OfSomeoneElse_IsForbidden()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Ok(new SubmitQuestion("Người ở bàn", null, "Câu hỏi tại bàn", null), Actor.Organizer);

        var error = m.Refused(new WithdrawQuestion("q1"), "forbidden", Hung);
        Assert.Equal("Bạn chỉ có thể rút câu hỏi của chính mình.", error.Message);
        m.Refused(new WithdrawQuestion("q2"), "forbidden", Giang); // entered at the desk: nobody's online
    }

    [Fact]
    public void WithdrawQuestion_OnceApproved_IsRefused()
    {
        var m = TestMeeting.Started();
        AskApproved(m);

        var error = m.Refused(new WithdrawQuestion("q1"), "invalid_state", Giang);
        Assert.Contains("\"đã duyệt\"", error.Message);
    }

    [Fact]
    public void WithdrawQuestion_ByTheDeskOrTheChair_IsForbidden()
    {
        var m = TestMeeting.Started();
        Ask(m);
        m.Refused(new WithdrawQuestion("q1"), "forbidden", Actor.Organizer);
        m.Refused(new WithdrawQuestion("q1"), "forbidden", Actor.Chair);
        m.Refused(new WithdrawQuestion("q1"), "forbidden", new Actor(Role.Participant, ""));
    }

    // ---- hall screen ----

    [Fact]
    public void ShowQuestionOnScreen_ShowsAnApprovedQuestionAndNullClearsIt()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        AskApproved(m, Hung);

        m.Ok(new ShowQuestionOnScreen("q1"), Actor.Organizer);
        Assert.Equal("q1", m.State.ScreenQuestionId);

        m.Ok(new ShowQuestionOnScreen("q2"));
        Assert.Equal("q2", m.State.ScreenQuestionId);

        var events = m.Ok(new ShowQuestionOnScreen(null));
        Assert.Equal(new ScreenQuestionChanged(null) { At = m.Now, By = TestMeeting.ByChair }, Assert.Single(events));
        Assert.Null(m.State.ScreenQuestionId);
    }

    [Fact]
    public void ShowQuestionOnScreen_OfAPendingQuestion_IsRefused()
    {
        var m = TestMeeting.Started();
        Ask(m);

        var error = m.Refused(new ShowQuestionOnScreen("q1"), "invalid_state");
        Assert.Equal("Chỉ hiển thị được câu hỏi đã duyệt; câu hỏi q1 đang ở trạng thái \"chờ duyệt\".", error.Message);
    }

    [Fact]
    public void ShowQuestionOnScreen_WhatIsAlreadyShown_IsRefused()
    {
        var m = TestMeeting.Started();
        AskApproved(m);

        m.Refused(new ShowQuestionOnScreen(null), "invalid_state");
        m.Ok(new ShowQuestionOnScreen("q1"));
        m.Refused(new ShowQuestionOnScreen("q1"), "invalid_state");
    }

    [Fact]
    public void AnsweringRejectingOrMergingTheShownQuestion_TakesItOffTheScreen()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        AskApproved(m);
        AskApproved(m);
        AskApproved(m, Hung);

        m.Ok(new ShowQuestionOnScreen("q1"));
        m.Ok(new MarkQuestionAnswered("q1"));
        Assert.Null(m.State.ScreenQuestionId);

        m.Ok(new ShowQuestionOnScreen("q2"));
        m.Ok(new RejectQuestion("q2"));
        Assert.Null(m.State.ScreenQuestionId);

        m.Ok(new ShowQuestionOnScreen("q3"));
        m.Ok(new MergeQuestion("q3", "q4"));
        Assert.Null(m.State.ScreenQuestionId);
    }

    [Fact]
    public void ChangingAnotherQuestion_LeavesTheScreenAlone()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        AskApproved(m);
        AskApproved(m);
        AskApproved(m, Hung);
        m.Ok(new ShowQuestionOnScreen("q1"));

        m.Ok(new MarkQuestionAnswered("q2"));
        m.Ok(new RejectQuestion("q3"));
        m.Ok(new MergeQuestion("q4", "q1"));

        Assert.Equal("q1", m.State.ScreenQuestionId);
    }

    [Fact]
    public void ShowQuestionOnScreen_BySomeoneElse_IsForbidden()
    {
        var m = TestMeeting.Started();
        AskApproved(m);
        foreach (var actor in new[] { Giang, Actor.Screen, Actor.Secretary, Actor.Transcriber })
            m.Refused(new ShowQuestionOnScreen("q1"), "forbidden", actor);
    }

    // ---- replay and JSON ----

    [Fact]
    public void QuestionsAndTheScreen_ReplayAndRoundTripThroughJson()
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Hỏi về đất đai", "Đất đai", "f-1"), Giang);
        AskApproved(m, Hung);
        m.Ok(new MergeQuestion("q1", "q2"), Actor.Organizer);
        m.Ok(new ShowQuestionOnScreen("q2"));

        var replayed = Decider.Fold(MeetingState.Empty(TestMeeting.Id),
            m.Events.Select(e => DomainJson.Deserialize<MeetingEvent>(DomainJson.Serialize(e))!));
        var back = DomainJson.Deserialize<MeetingState>(DomainJson.Serialize(m.State))!;

        Assert.Equal(m.State.Questions, replayed.Questions);
        Assert.Equal(m.State.Questions, back.Questions);
        Assert.Equal("q2", back.ScreenQuestionId);
        var json = JsonNode.Parse(DomainJson.Serialize(m.State))!;
        Assert.Equal("merged", json["questions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("q2", json["questions"]![0]!["mergedInto"]!.GetValue<string>());
        Assert.Equal("Hỏi về đất đai", json["questions"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void AStateSavedBeforeQuestionsExisted_LoadsWithNone()
    {
        var json = JsonNode.Parse(DomainJson.Serialize(TestMeeting.Started().State))!.AsObject();
        json.Remove("questions");
        json.Remove("screenQuestionId");
        json.Remove("survey");

        var state = DomainJson.Deserialize<MeetingState>(json.ToJsonString())!;

        Assert.Empty(state.Questions);
        Assert.Null(state.ScreenQuestionId);
        Assert.Null(state.Survey);
    }

    [Fact]
    public void SubmitQuestion_ParsesFromClientJson()
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            "{\"type\":\"submitQuestion\",\"askerName\":\"Đỗ Thị Giang\",\"text\":\"Hỏi\",\"attachmentId\":\"a1\"}");

        var command = DomainJson.ParseCommand(document.RootElement, out var error);

        Assert.Null(error);
        Assert.Equal(new SubmitQuestion("Đỗ Thị Giang", null, "Hỏi", null, "a1"), command);
    }
}
