namespace LiveSession.Domain.Tests;

/// <summary>One sample of every command, and a scenario that produces every kind of event.</summary>
internal static class Catalog
{
    public static IReadOnlyList<MeetingCommand> Commands { get; } =
    [
        TestMeeting.CreateCommand(["Khai mạc", "Đối thoại"]),
        new StartMeeting(),
        new CloseMeeting(),
        new ReopenMeeting(),
        new RotateLink(Role.Participant),
        new AddAgendaItem("Giải đáp thêm", 15, 2),
        new RemoveAgendaItem("a9"),
        new RenameAgendaItem("a2", "Giới thiệu đại biểu"),
        new MoveAgendaItem("a3", 0),
        new StartAgendaItem("a6"),
        new FinishAgendaItem(),
        new NextAgendaItem(),
        new PreviousAgendaItem(),
        new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", "Hội Nông dân", "Đường sá", "Giao thông", 5, Channel.Hall),
        new ApproveSpeaker("s2"),
        new RejectSpeaker("s2"),
        new WithdrawSpeaker("s1"),
        new MoveSpeaker("s3", 1),
        new MoveSpeakerToTop("s3"),
        new ReclaimRegistration("s2", "3F9A C2D1 0B7E 55A1"),
        new SetRecordingConsent("s2", false),
        new CloseList(),
        new ReopenList(),
        new SetPendingRequestLimit(80),
        new ReAddLastSpeaker(),
        new CallNext(),
        new CallSpeaker("s2"),
        new InviteAnswer("o1", "t1", 4),
        new GiveFollowUp("t1", 3),
        new Interject("Nhắc nhở giữ trật tự", 1),
        new StartReport("o1", "a4", 15),
        new EndTurn(),
        new AddOfficial("Vũ Văn Hải", "Chủ tịch UBND xã", "Chung"),
        new RemoveOfficial("o2"),
        new StartTimer(),
        new PauseTimer(),
        new ExtendTimer(60),
        new UpdateMeetingInfo("Hội nghị đối thoại năm 2025", MeetingKind.Thematic, MeetingForm.InPerson, "Nhà văn hoá xã",
            new DateTimeOffset(2025, 3, 16, 8, 0, 0, TimeSpan.FromHours(7)), "Nguyễn Văn Chủ", "Trần Thị Thư"),
        new SetLocalities(["Thôn Đông", "Thôn Tây"]),
        new SetComposition(5, [new Quota("Thôn Tây", QuotaKind.Locality, 8), new Quota("Hội Nông dân", QuotaKind.Organisation, 3)]),
        new SetPetitionCutoff(new DateOnly(2025, 3, 10)),
        new AddTranscriptSegment("t1", 0, "Tôi xin phản ánh về con đường liên thôn"),
        new CorrectTurnText("t1", "Ông An phản ánh đường liên thôn xuống cấp.", 0, "Trần Thị Thư"),
        new RelinkAnswer("t3", "t1", "Trần Thị Thư"),
        new SetStepNotes("a6", "Có 12 lượt đăng ký phát biểu.", 0),
        new RecordAttendance([new AttendanceLine("Đại biểu", 15), new AttendanceLine("Nhân dân thôn Đông", 40)]),
        new SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", "Ủy ban nhân dân huyện An Lão", "An Hưng", "Chủ tịch", ["Thường trực Đảng ủy xã", "Ủy ban MTTQ xã"]),
        new MarkPetition("t1", "Đề nghị sửa đường liên thôn", "Giao thông"),
        new RecordPetitionAnswer("k1", "Năm 2026 xã bố trí vốn sửa đường.", "t2"),
        new ResolvePetition("k1", PetitionResolution.Assigned, "Công chức Địa chính – Xây dựng", new DateOnly(2030, 6, 30)),
        new RemovePetition("k1"),
        new ConvertQuestionToPetition("q1"),
        new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về chế độ hưu trí của bố", "Thôn Tây", "Chính sách", "Bảo hiểm xã hội huyện"),
        new RecordMinutesSigned(),
        new ImportRegistrations([new RegistrationRow(2, "Đỗ Văn Giang", "Thôn Đông", Topic: "Thủy lợi"), new RegistrationRow(3, "Ngô Thị Hoa", Topic: "Sửa cầu", Kind: RegistrationKind.Petition)]),
        new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào đường liên thôn được sửa?", "Giao thông", "att_01-x"),
        new ApproveQuestion("q1"),
        new RejectQuestion("q2", "Không thuộc thẩm quyền của xã"),
        new MergeQuestion("q3", "q1"),
        new MarkQuestionAnswered("q1", "t1"),
        new WithdrawQuestion("q4"),
        new ShowQuestionOnScreen("q1"),
        new OpenSurvey(),
        new CloseSurvey(),
        new AnswerSurvey(4, true, "Hội nghị tổ chức tốt"),
        new RecordPaperBallots(40, [0, 1, 4, 20, 14]),
        new ShowSurveyResults(true),
        new CheckIn(CheckInKind.Locality, "Thôn Tây", 3),
    ];

    public static MeetingCommand Command(string typeName) =>
        Commands.Single(c => c.GetType() == DomainJson.CommandTypes[typeName]);

    /// <summary>A role allowed to send the command, preferring the chair, then the organizer.</summary>
    public static Actor ActorFor(MeetingCommand command) =>
        command.AllowedRoles.Contains(Role.Chair) ? Actor.Chair
        : command.AllowedRoles.Contains(Role.Organizer) ? Actor.Organizer
        : command.AllowedRoles.Contains(Role.Transcriber) ? Actor.Transcriber
        : Actor.Participant("p1");

    public static TheoryData<string> CommandNames => new(DomainJson.CommandTypes.Keys.Order());

    /// <summary>Commands that need a meeting in progress (running the agenda, the floor, the timer, closing).</summary>
    public static TheoryData<string> InProgressCommandNames =>
        new(DomainJson.CommandTypes.Keys.Where(n => Command(n).RequiresMeetingInProgress).Order());

    /// <summary>Commands only the chair may send.</summary>
    public static TheoryData<string> ChairOnlyCommandNames =>
        new(DomainJson.CommandTypes.Keys.Where(n => Command(n).AllowedRoles.SetEquals([Role.Chair])).Order());

    /// <summary>A meeting run from creation to close through every kind of event; returns it closed.</summary>
    public static TestMeeting FullScenario()
    {
        var m = TestMeeting.Created();
        m.Ok(new AddAgendaItem("Giải đáp thêm", 15, 2), Actor.Organizer);
        m.Ok(new RenameAgendaItem("a10", "Giải đáp bổ sung"), Actor.Organizer);
        m.Ok(new MoveAgendaItem("a10", 7), Actor.Organizer);
        m.Ok(new RemoveAgendaItem("a10"), Actor.Organizer);
        m.Ok(new RotateLink(Role.Participant));
        m.Ok(new AddOfficial("Vũ Văn Hải", "Chủ tịch UBND xã"), Actor.Organizer);
        m.Ok(new RemoveOfficial("o6"), Actor.Organizer);
        m.Ok(Commands.OfType<UpdateMeetingInfo>().Single(), Actor.Organizer);
        m.Ok(new SetLocalities(["Thôn Đông", "Thôn Tây"]), Actor.Organizer);
        m.Ok(new SetComposition(5, [new Quota("Thôn Tây", QuotaKind.Locality, 8), new Quota("Hội Nông dân", QuotaKind.Organisation, 3)]), Actor.Organizer);
        m.Ok(new SetPetitionCutoff(new DateOnly(2025, 3, 10)), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Locality, "Thôn Tây", 3), Actor.Organizer);
        m.Ok(new ImportRegistrations([new RegistrationRow(2, "Đỗ Văn Giang", "Thôn Đông", Topic: "Thủy lợi")]), Actor.Organizer);
        m.Ok(new StartMeeting());
        m.Ok(new NextAgendaItem());
        m.Queue(3);
        var approved = m.Request("p1");
        m.Ok(new SetRecordingConsent(approved, false), Actor.Participant("p1"));
        var rejected = m.Request("p2");
        m.Ok(new ApproveSpeaker(approved), Actor.Organizer);
        m.Ok(new RejectSpeaker(rejected), Actor.Organizer);
        m.Ok(new WithdrawSpeaker("s3"), Actor.Organizer);
        m.Ok(new MoveSpeaker(approved, 0), Actor.Organizer);
        m.Ok(new ReclaimRegistration(approved, "3F9A C2D1 0B7E 55A1"), Actor.Organizer);
        m.Ok(new CloseList());
        m.Ok(new ReopenList());
        m.Ok(new SetPendingRequestLimit(80));
        m.Ok(new CallNext());
        m.Advance(20).Ok(new PauseTimer());
        m.Advance(5).Ok(new StartTimer());
        m.Ok(new ExtendTimer(30));
        m.Advance(40).Ok(new EndTurn());
        m.Ok(new ReAddLastSpeaker());
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        m.Advance(60).Ok(new InviteAnswer("o3"));
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào đường liên thôn được sửa?", "Giao thông", "att_01"), Actor.Participant("p1"));
        m.Ok(new SubmitQuestion("Ngô Văn Hùng", null, "Đường liên thôn bao giờ làm?", null), Actor.Organizer);
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Xin rút lại", null), Actor.Participant("p1"));
        m.Ok(new SubmitQuestion("Lý Văn Khải", null, "Câu hỏi không liên quan", null), Actor.Organizer);
        m.Ok(new ApproveQuestion("q1"), Actor.Organizer);
        m.Ok(new MergeQuestion("q2", "q1"), Actor.Organizer);
        m.Ok(new WithdrawQuestion("q3"), Actor.Participant("p1"));
        m.Ok(new RejectQuestion("q4", "Không thuộc nội dung hội nghị"), Actor.Organizer);
        m.Ok(new ShowQuestionOnScreen("q1"));
        m.Ok(new MarkQuestionAnswered("q1", m.CurrentTurn.Id));
        m.Ok(new OpenSurvey());
        m.Advance(30).Ok(new AnswerSurvey(5, true, "Hội nghị tổ chức tốt"), Actor.Participant("p1"));
        m.Ok(new CloseSurvey());
        m.Ok(new RecordPaperBallots(40, [0, 1, 4, 20, 14]), Actor.Organizer);
        m.Ok(new ShowSurveyResults(true));
        m.Ok(new AddTranscriptSegment("t2", 0, "Tôi xin phản ánh"), Actor.Transcriber);
        m.Ok(new CorrectTurnText("t2", "Phản ánh về đường liên thôn.", 0), Actor.Secretary);
        m.Ok(new RelinkAnswer("t3", "t1", "Trần Thị Thư"), Actor.Secretary);
        m.Ok(new SetStepNotes(m.State.CurrentAgendaItemId!, "Có 2 lượt phát biểu.", 0), Actor.Secretary);
        m.Ok(new RecordAttendance([new AttendanceLine("Đại biểu", 15)]), Actor.Secretary);
        m.Ok(new SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch", ["Ủy ban MTTQ xã"]), Actor.Secretary);
        m.Ok(new MarkPetition("t2", "Đề nghị sửa đường liên thôn"), Actor.Secretary);
        m.Ok(new RecordPetitionAnswer("k1", "Năm 2026 xã bố trí vốn.", "t3"), Actor.Secretary);
        m.Ok(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Secretary);
        m.Ok(new MarkPetition("t1", "Ghi nhầm"), Actor.Secretary);
        m.Ok(new RemovePetition("k2"), Actor.Secretary);
        m.Ok(new ConvertQuestionToPetition("q1"), Actor.Secretary);
        m.Ok(new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về chế độ hưu trí của bố", "Thôn Tây", ResponsibleUnit: "Bảo hiểm xã hội huyện"), Actor.Secretary);
        m.Ok(new StartAgendaItem("a4"));
        m.Ok(new StartReport("o1", "a4"));
        m.Advance(10).Ok(new Interject("Đề nghị nói đúng nội dung", 1));
        m.Advance(20).Ok(new EndTurn());
        m.Advance(90).Ok(new CloseMeeting());
        m.Advance(60).Ok(new ReopenMeeting());
        m.Advance(30).Ok(new CloseMeeting());
        m.Advance(3600).Ok(new RecordMinutesSigned(), Actor.Secretary);
        return m;
    }
}
