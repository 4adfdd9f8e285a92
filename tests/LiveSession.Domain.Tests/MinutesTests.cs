using System.Globalization;
namespace LiveSession.Domain.Tests;

public class MinutesTests
{
    /// <summary>A citizen spoke (t1), an official answered (t2), a second citizen speaks (t3).</summary>
    private static TestMeeting Spoken()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o3"));
        m.Ok(new CallNext());
        return m;
    }

    [Fact]
    public void MachineText_ArrivesInPieces_InSequenceOrder_AndARepeatedPieceIsIgnored()
    {
        var m = Spoken();
        m.Ok(new AddTranscriptSegment("t1", 1, "về con đường"), Actor.Transcriber);
        m.Ok(new AddTranscriptSegment("t1", 0, "Tôi xin phản ánh"), Actor.Transcriber);
        var version = m.State.Version;

        var repeated = m.Do(new AddTranscriptSegment("t1", 1, "về con đường"), Actor.Transcriber);

        Assert.True(repeated.IsAccepted);
        Assert.Empty(repeated.Events);

        Assert.Equal(version, m.State.Version);
        Assert.Equal("Tôi xin phản ánh về con đường", m.State.MinutesOf("t1").MachineText);
        Assert.Equal("Tôi xin phản ánh về con đường", m.State.MinutesOf("t1").Text);
    }

    [Fact]
    public void MachineText_KeepsWhereItsAudioEnds_SoARestartedWorkerResumesThere_AndAnEndBeforeTheStartIsRefused()
    {
        var m = Spoken();
        m.Ok(new AddTranscriptSegment("t1", 1200, "Tôi xin phản ánh", EndSequence: 4800), Actor.Transcriber);
        Assert.Equal(4800, m.State.MinutesOf("t1").Machine.Single().EndSequence);
        m.Refused(new AddTranscriptSegment("t1", 6000, "về con đường", EndSequence: 5000), "invalid", Actor.Transcriber);
    }

    [Fact]
    public void Correction_TakesPrecedence_AndLaterMachineTextNeverOverwritesIt()
    {
        var m = Spoken();
        m.Ok(new AddTranscriptSegment("t1", 0, "tôi xin phản ánh đường liên thông"), Actor.Transcriber);
        m.Ok(new CorrectTurnText("t1", "Ông An phản ánh đường liên thôn xuống cấp.", 0, "Trần Thị Thư"), Actor.Secretary);

        m.Ok(new AddTranscriptSegment("t1", 1, "đề nghị xã sửa"), Actor.Transcriber);

        var minutes = m.State.MinutesOf("t1");
        Assert.Equal("Ông An phản ánh đường liên thôn xuống cấp.", minutes.Text);
        Assert.Equal("tôi xin phản ánh đường liên thông đề nghị xã sửa", minutes.MachineText);
        Assert.Equal(1, minutes.Corrected.Revision);
    }

    [Fact]
    public void SameTurnEditedFromAnOldRevision_IsAConflict_AndNothingIsLost()
    {
        var m = Spoken();
        m.Ok(new CorrectTurnText("t1", "Bản của thư ký thứ nhất", 0, "Thư"), Actor.Secretary);

        var error = m.Refused(new CorrectTurnText("t1", "Bản của thư ký thứ hai", 0, "Bình"), "edit_conflict", Actor.Secretary);

        Assert.Contains("vừa được người khác sửa", error.Message);
        Assert.Equal("Bản của thư ký thứ nhất", m.State.MinutesOf("t1").Text);
        m.Ok(new CorrectTurnText("t1", "Bản của thư ký thứ hai, sau khi xem bản mới", 1, "Bình"), Actor.Secretary);
        var history = m.State.MinutesOf("t1").Corrected.History;
        Assert.Equal([(1, "Thư (thư ký)"), (2, "Bình (thư ký)")], history.Select(h => (h.Revision, h.Editor)));
        Assert.Equal("Bản của thư ký thứ nhất", history[0].Text);
    }

    [Fact]
    public void DifferentTurns_EditedAtOnce_NeverClash()
    {
        var m = Spoken();
        m.Ok(new CorrectTurnText("t1", "Lượt một", 0), Actor.Secretary);
        m.Ok(new CorrectTurnText("t3", "Lượt ba", 0), Actor.Chair);

        Assert.Equal(("Lượt một", "Lượt ba"), (m.State.MinutesOf("t1").Text, m.State.MinutesOf("t3").Text));
        Assert.Equal("chủ trì", m.State.MinutesOf("t3").Corrected.History.Single().Editor);
    }

    [Fact]
    public void Corrections_AreChecked()
    {
        var m = Spoken();
        m.Refused(new CorrectTurnText("t9", "x", 0), "not_found", Actor.Secretary);
        m.Refused(new CorrectTurnText("t1", "   ", 0), "invalid", Actor.Secretary);
        m.Refused(new CorrectTurnText("t1", new string('x', MinutesRules.CorrectedMax + 1), 0), "invalid", Actor.Secretary);
        m.Refused(new CorrectTurnText("t1", "x", 0), "forbidden", Actor.Transcriber);
        m.Refused(new AddTranscriptSegment("t1", 0, "x"), "forbidden", Actor.Secretary);
        m.Refused(new AddTranscriptSegment("t1", -1, "x"), "invalid", Actor.Transcriber);
    }

    [Fact]
    public void StepNotes_UseTheSameRevisionRule()
    {
        var m = Spoken();
        var step = m.State.CurrentAgendaItemId!;
        m.Ok(new SetStepNotes(step, "Có 2 lượt\nphát biểu", 0), Actor.Secretary);
        m.Refused(new SetStepNotes(step, "Khác", 0), "edit_conflict", Actor.Secretary);
        m.Refused(new SetStepNotes("a99", "x", 0), "not_found", Actor.Secretary);
        Assert.Equal("Có 2 lượt\nphát biểu", m.State.StepNotes[step].Text);
    }

    [Fact]
    public void Attendance_IsReplacedWhole_AndChecked()
    {
        var m = Spoken();
        m.Ok(new RecordAttendance([new AttendanceLine(" Đại biểu ", 15), new AttendanceLine("Nhân dân thôn Đông", 42)]), Actor.Secretary);
        Assert.Equal([new AttendanceLine("Đại biểu", 15), new AttendanceLine("Nhân dân thôn Đông", 42)], m.State.Attendance);

        m.Refused(new RecordAttendance([new AttendanceLine("Đại biểu", -1)]), "invalid", Actor.Secretary);
        m.Refused(new RecordAttendance([new AttendanceLine("", 3)]), "invalid", Actor.Secretary);
        Assert.Equal(2, m.State.Attendance.Count);
    }

    [Fact]
    public void Petition_IsMarkedFromACitizenTurn_AndTheAnswerNamesTheOfficial()
    {
        var m = Spoken();
        m.Ok(new MarkPetition("t1", "Đề nghị sửa đường liên thôn", "Giao thông"), Actor.Secretary);
        m.Ok(new RecordPetitionAnswer("k1", "Năm 2026 xã bố trí vốn.", "t2"), Actor.Secretary);

        var petition = m.State.FindPetition("k1")!;
        Assert.Equal((TestMeeting.Citizens[0].Name, TestMeeting.Citizens[0].Locality, "t1"), (petition.CitizenName, petition.Locality, petition.RaisedInTurnId));
        Assert.Equal(("Năm 2026 xã bố trí vốn.", "Công chức Địa chính – Xây dựng", "t2"), (petition.Answer, petition.AnsweredBy, petition.AnsweringTurnId));
        m.Refused(new MarkPetition("t2", "Từ lượt trả lời"), "invalid_state", Actor.Secretary);
    }

    [Fact]
    public void Resolutions_NeedWhatTheyPromise()
    {
        var m = Spoken();
        m.Ok(new MarkPetition("t1", "Đề nghị sửa đường"), Actor.Secretary);

        m.Refused(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), "invalid_state", Actor.Chair);
        m.Refused(new ResolvePetition("k1", PetitionResolution.Assigned, "Địa chính"), "invalid", Actor.Chair);
        m.Refused(new ResolvePetition("k1", PetitionResolution.Assigned, null, new DateOnly(2025, 4, 30)), "invalid", Actor.Chair);
        m.Refused(new ResolvePetition("k1", PetitionResolution.Assigned, "Địa chính", new DateOnly(2025, 3, 1)), "invalid", Actor.Chair);
        m.Refused(new ResolvePetition("k1", PetitionResolution.Escalated), "invalid", Actor.Chair);
        m.Refused(new ResolvePetition("k1", (PetitionResolution)42), "invalid", Actor.Chair);

        m.Ok(new ResolvePetition("k1", PetitionResolution.Assigned, "Công chức Địa chính", new DateOnly(2025, 4, 30)), Actor.Chair);
        Assert.Equal((PetitionResolution.Assigned, "Công chức Địa chính", new DateOnly(2025, 4, 30)),
            (m.State.Petitions[0].Resolution, m.State.Petitions[0].ResponsibleUnit, m.State.Petitions[0].Deadline));

        m.Ok(new ResolvePetition("k1", PetitionResolution.Escalated, "UBND huyện", new DateOnly(2025, 4, 30)), Actor.Secretary);
        Assert.Equal((PetitionResolution.Escalated, "UBND huyện", (DateOnly?)null),
            (m.State.Petitions[0].Resolution, m.State.Petitions[0].ResponsibleUnit, m.State.Petitions[0].Deadline));

        m.Ok(new RecordPetitionAnswer("k1", "Đã trả lời tại chỗ", AnsweredBy: "Phó Chủ tịch UBND xã"), Actor.Secretary);
        m.Ok(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Chair);
        Assert.Equal(PetitionResolution.AnsweredOnSpot, m.State.Petitions[0].Resolution);
    }

    [Fact]
    public void AfterTheMeeting_TheMinutesCanStillBeFinished()
    {
        var m = Spoken();
        m.Ok(new MarkPetition("t1", "Đề nghị sửa đường"), Actor.Secretary);
        m.Ok(new CloseMeeting());

        m.Ok(new CorrectTurnText("t1", "Hiệu đính sau hội nghị", 0), Actor.Secretary);
        m.Ok(new ResolvePetition("k1", PetitionResolution.WrittenAnswer, "Công chức Địa chính"), Actor.Chair);
        m.Ok(new RecordAttendance([new AttendanceLine("Nhân dân", 80)]), Actor.Secretary);
        m.Ok(new AddTranscriptSegment("t3", 0, "đoạn cuối xử lý chậm"), Actor.Transcriber);
        m.Refused(new CallNext(), "meeting_closed");
    }

    [Fact]
    public void AnApprovedWrittenQuestion_BecomesAPetitionOfItsAsker_Once()
    {
        var m = Spoken();
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào đường liên thôn được sửa?", "Giao thông"), Actor.Participant("p1"));
        m.Ok(new SubmitQuestion("Ngô Văn Hùng", null, "Chưa duyệt", null), Actor.Organizer);
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);

        m.Ok(new ConvertQuestionToPetition("q1"), Actor.Secretary);

        var petition = Assert.Single(m.State.Petitions);
        Assert.Equal(("k1", "Khi nào đường liên thôn được sửa?", "Giao thông", "Đỗ Thị Giang", "Thôn Trung", "q1", (string?)null),
            (petition.Id, petition.Summary, petition.Field, petition.CitizenName, petition.Locality, petition.QuestionId, petition.RaisedInTurnId));
        Assert.Same(petition, PetitionRules.FromQuestion(m.State, "q1"));
        var twice = m.Refused(new ConvertQuestionToPetition("q1"), "invalid_state", Actor.Chair);
        Assert.Equal("Câu hỏi q1 đã được chuyển thành kiến nghị k1.", twice.Message);
        var pending = m.Refused(new ConvertQuestionToPetition("q2"), "invalid_state", Actor.Secretary);
        Assert.Equal("Chỉ chuyển thành kiến nghị được câu hỏi đã duyệt; câu hỏi q2 đang ở trạng thái \"chờ duyệt\".", pending.Message);
        m.Refused(new ConvertQuestionToPetition("q9"), "not_found", Actor.Secretary);
        m.Refused(new ConvertQuestionToPetition("q1"), "forbidden", Actor.Organizer);
        m.Refused(new ConvertQuestionToPetition("q1"), "forbidden", Actor.Participant("p1"));

        // The kiến nghị is then like any other: answered, resolved, and a removed one may be made again.
        m.Ok(new RecordPetitionAnswer("k1", "Quý III năm 2025 khởi công.", "t2"), Actor.Secretary);
        m.Ok(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Chair);
        m.Ok(new RemovePetition("k1"), Actor.Secretary);
        m.Ok(new ConvertQuestionToPetition("q1", "Đề nghị sớm sửa đường liên thôn"), Actor.Secretary);
        Assert.Equal(("k2", "Đề nghị sớm sửa đường liên thôn"), (m.State.Petitions[0].Id, m.State.Petitions[0].Summary));
    }

    [Fact]
    public void AnsweredWrittenQuestions_AreConvertedAfterTheMeetingToo_AndAnOverlongTextNeedsASummary()
    {
        var m = Spoken();
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", null, new string('a', PetitionRules.SummaryMax + 1), null), Actor.Organizer);
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);
        m.Ok(new MarkQuestionAnswered("q1", "t2"), Actor.Organizer);
        m.Ok(new CloseMeeting());

        var error = m.Refused(new ConvertQuestionToPetition("q1"), "invalid", Actor.Secretary);
        Assert.Equal($"Tóm tắt kiến nghị dài quá {PetitionRules.SummaryMax} ký tự.", error.Message);
        m.Ok(new ConvertQuestionToPetition("q1", "Tóm tắt"), Actor.Secretary);
        Assert.Equal("q1", m.State.Petitions.Single().QuestionId);
    }

    [Fact]
    public void PetitionIds_StayUniqueAfterARemoval()
    {
        var m = Spoken();
        m.Ok(new MarkPetition("t1", "Một"), Actor.Secretary);
        m.Ok(new MarkPetition("t1", "Hai"), Actor.Secretary);
        m.Ok(new RemovePetition("k1"), Actor.Secretary);
        m.Ok(new MarkPetition("t1", "Ba"), Actor.Secretary);

        Assert.Equal(["k2", "k3"], m.State.Petitions.Select(p => p.Id));
    }

    [Fact]
    public void PaperworkDetails_AreChecked()
    {
        var m = Spoken();
        m.Refused(new SetPaperworkDetails("", null, "An Hưng", "Chủ tịch", []), "invalid", Actor.Secretary);
        m.Ok(new SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch", ["", "Ủy ban MTTQ xã"]), Actor.Organizer);
        Assert.Equal(["Ủy ban MTTQ xã"], m.State.Paperwork!.Recipients);
    }

    private static readonly IReadOnlySet<DateOnly> Holidays = new HashSet<DateOnly>
    {
        new(2025, 9, 1), new(2025, 9, 2), // Quốc khánh
        new(2026, 1, 1),                   // Tết Dương lịch
    };

    [Theory]
    [InlineData("2025-03-14", "2025-03-21")] // Friday → next Friday
    [InlineData("2025-03-15", "2025-03-21")] // Saturday: counting starts on Monday
    [InlineData("2025-08-28", "2025-09-08")] // Thursday before Quốc khánh: skips Sat, Sun, 1–2 Sep
    [InlineData("2025-12-29", "2026-01-06")] // year end: skips 1 Jan and the weekend
    public void FiveWorkingDays_SkipWeekendsAndHolidays(string meetingDay, string due) =>
        Assert.Equal(DateOnly.Parse(due, CultureInfo.InvariantCulture), WorkingCalendar.AddWorkingDays(DateOnly.Parse(meetingDay, CultureInfo.InvariantCulture), 5, Holidays));

    [Fact]
    public void WorkingDaysUntil_CountsDownAndGoesNegativeWhenLate()
    {
        var due = new DateOnly(2025, 9, 8);
        Assert.Equal(4, WorkingCalendar.WorkingDaysUntil(new DateOnly(2025, 8, 29), due, Holidays)); // 3, 4, 5, 8 Sep
        Assert.Equal(0, WorkingCalendar.WorkingDaysUntil(due, due, Holidays));
        Assert.Equal(-2, WorkingCalendar.WorkingDaysUntil(new DateOnly(2025, 9, 10), due, Holidays));
    }
}
