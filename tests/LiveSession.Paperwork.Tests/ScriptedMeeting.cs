using LiveSession.Domain.Questions;
using LiveSession.Domain.Survey;

namespace LiveSession.Paperwork.Tests;

/// <summary>
/// A commune dialogue conference played through the real commands: a five-step agenda, the chair's opening, the
/// Phó Chủ tịch's report, three citizens, a follow-up, two answers by officials, the chair's interjection and
/// conclusions, the satisfaction survey (two phones, forty paper ballots entered at the desk), three kiến nghị resolved three different ways, one collected before the meeting with its prepared
/// answer, and two questions outside the meeting's content answered in writing (one asked aloud, one from a phone). Keeps every accepted event with its version, as the store would.
/// </summary>
internal sealed class ScriptedMeeting
{
    public const string Title = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2025";
    public const string Venue = "Hội trường UBND xã An Hưng";
    public const string Chair = "Nguyễn Văn Chủ";
    public const string Secretary = "Trần Thị Thư";
    /// <summary>Saturday 15 March 2025, 08:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 15, 1, 0, 0, TimeSpan.Zero);

    public static readonly string[] Agenda =
    [
        "Khai mạc; tuyên bố lý do, giới thiệu đại biểu",
        "Báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh",
        "Nhân dân phát biểu ý kiến",
        "Chủ trì trả lời hoặc giao bộ phận liên quan giải trình",
        "Chủ trì kết luận hội nghị",
    ];

    public const string OpeningNotes = "Đồng chí Phó Chủ tịch UBND xã tuyên bố lý do, giới thiệu đại biểu và chương trình hội nghị.";
    public const string AnMachine = "tôi là an ở thôn đông đề nghị làm đường";
    public const string AnCorrected = "Tôi đề nghị xã sớm bê tông hóa tuyến đường liên thôn Đông – Tây, hiện nay đường xuống cấp nghiêm trọng.\nMùa mưa người dân đi lại rất khó khăn.";
    public const string BinhMachine = "Gia đình tôi đã nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất từ năm 2023 nhưng đến nay chưa được cấp.";
    public const string HaiCorrected = "Hồ sơ của gia đình bà Bình còn thiếu trích đo địa chính; bộ phận địa chính sẽ phối hợp kiểm tra, hoàn thiện.";
    public const string HoaCorrected = "Tuyến đường liên thôn Đông – Tây đã có trong kế hoạch đầu tư công năm 2026.";
    public const string FollowUpCorrected = "Đề nghị cho biết cụ thể thời gian khởi công.";
    public const string ChairCorrected = "Chủ trì đề nghị các bộ phận chuyên môn khẩn trương giải quyết các kiến nghị theo đúng thời hạn.";

    /// <summary>Step 5 of the seeds' agenda, in <see cref="Prepared"/>'s agenda when asked for: the answers to the kiến nghị collected beforehand.</summary>
    public const string AnswersStep = "Báo cáo trả lời các kiến nghị đã thu thập trước hội nghị";
    public const string AnswersReporter = "Đặng Văn Phúc";
    public const string AnswersReportMachine = "Về kiến nghị của bà Phạm Thị Dung thôn Nam đề nghị xem xét chế độ cho người có công, hồ sơ đã được trình cấp huyện.";

    public const string ChairOpening = "Kính thưa các vị đại biểu, thưa toàn thể bà con, tôi xin tuyên bố khai mạc hội nghị đối thoại.";
    public const string ReportMachine = "Năm 2025 tổng thu ngân sách trên địa bàn xã đạt 112% dự toán.";
    public const string ChairConclusions = "Tôi xin kết luận: các kiến nghị đã trả lời tại hội nghị, các kiến nghị giao bộ phận chuyên môn giải quyết đúng thời hạn.";

    public const string OffTopicQuestion = "Hỏi về chế độ hưu trí của bố đã nghỉ việc từ năm 1990";
    public const string OffTopicUnit = "Bảo hiểm xã hội huyện";
    public const string WrittenQuestion = "Xin hỏi thủ tục đổi giấy phép lái xe";
    public const string WrittenQuestionUnit = "Công an xã";

    public const string RoadPetition = "Đề nghị bê tông hóa tuyến đường liên thôn Đông – Tây";
    public const string RoadAnswer = "Tuyến đường đã có trong kế hoạch đầu tư công năm 2026, dự kiến khởi công quý II/2026.";
    public const string LandPetition = "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho hộ bà Trần Thị Bình";
    public const string LandUnit = "Công chức Địa chính – Xây dựng";
    public static readonly DateOnly LandDeadline = new(2025, 4, 30);
    public const string PollutionPetition = "Đề nghị xử lý tình trạng ô nhiễm từ cơ sở chăn nuôi tại Tổ dân phố 3";
    public const string PollutionUnit = "Công chức Nông nghiệp – Môi trường";

    public const string CollectedPetition = "Đề nghị xem xét chế độ cho người có công";
    public const string CollectedAnswer = "Hồ sơ đã được trình cấp huyện, dự kiến có kết quả trong tháng 4/2025.";

    /// <summary>The paper ballots handed in at the desk: one leaves the score blank.</summary>
    public const int PaperBallots = 40;
    public static readonly int[] PaperCounts = [0, 1, 4, 20, 14];

    public static readonly AttendanceLine[] Attendance =
    [
        new("Đại biểu khách mời", 12),
        new("Cán bộ, công chức xã", 18),
        new("Nhân dân thôn Đông", 45),
        new("Nhân dân thôn Tây", 40),
        new("Tham dự trực tuyến", 23),
    ];

    /// <summary>The agenda has the seeds' step 5 (<see cref="AnswersStep"/>), where <see cref="Held"/> gives the answers report its turn.</summary>
    private bool answersReport;

    public MeetingState State { get; private set; } = MeetingState.Empty("hn-an-hung-2025");
    public List<VersionedEvent> Events { get; } = [];
    public DateTimeOffset Now { get; private set; } = Start.AddDays(-3);

    /// <summary>A command made from the state as it is now (e.g. text for the chair's turn that is open).</summary>
    public ScriptedMeeting Do(Func<MeetingState, MeetingCommand> command, Actor? actor = null, double minutesLater = 0) =>
        Do(command(State), actor, minutesLater);

    public ScriptedMeeting Do(MeetingCommand command, Actor? actor = null, double minutesLater = 0)
    {
        Now = Now.AddMinutes(minutesLater);
        var (state, decision) = Decider.Execute(State, command, new CommandContext(actor ?? Actor.Chair, Now));
        Assert.True(decision.IsAccepted, $"{command.GetType().Name} was refused: {decision.Error}");
        foreach (var (e, i) in decision.Events.Select((e, i) => (e, i)))
            Events.Add(new VersionedEvent(State.Version + i + 1, e));
        State = state;
        return this;
    }

    /// <summary>
    /// The whole meeting; <paramref name="paperwork"/> false leaves the paperwork details unset (placeholders);
    /// <paramref name="checkIn"/> false plays a meeting from before the desk's check-in, whose attendance was only typed by hand.
    /// </summary>
    public static ScriptedMeeting Played(bool paperwork = true, bool close = true, bool checkIn = true) =>
        Prepared(paperwork, checkIn).Held(close);

    /// <summary>
    /// Before the meeting: the plan (created three days ahead, with its officials and paperwork details) and, with
    /// <paramref name="checkIn"/>, the thôn, the composition and the desk's check-in by group.
    /// </summary>
    public static ScriptedMeeting Prepared(bool paperwork = true, bool checkIn = true, bool answersReport = false)
    {
        var m = new ScriptedMeeting { answersReport = answersReport };
        string[] agenda = answersReport ? [.. Agenda[..2], AnswersStep, .. Agenda[2..]] : Agenda;
        m.Do(new CreateMeeting(Title, MeetingKind.Periodic, MeetingForm.Hybrid, Venue, Start, Chair, Secretary, agenda), Actor.Organizer)
         .Do(new AddOfficial("Vũ Văn Hải", LandUnit, "Đất đai"), Actor.Organizer)          // o6
         .Do(new AddOfficial("Lê Thị Hoa", "Phó Chủ tịch UBND xã", "Kinh tế"), Actor.Organizer); // o7
        if (answersReport)
            m.Do(new AddOfficial(AnswersReporter, "Chánh Văn phòng HĐND và UBND xã", "Tổng hợp"), Actor.Organizer); // o8
        if (paperwork)
            m.Do(new SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch",
                ["Thường trực Đảng ủy xã", "Thường trực HĐND xã"]), Actor.Secretary);

        if (checkIn)
            m.Do(new SetLocalities(["Thôn Đông", "Thôn Tây"]), Actor.Organizer)
             .Do(new SetComposition(40, [new Quota("Hội Nông dân xã", QuotaKind.Organisation, 10)]), Actor.Organizer)
             .Do(new CheckIn(CheckInKind.Official, null, 18), Actor.Organizer)
             .Do(new CheckIn(CheckInKind.Guest, null, 12), Actor.Organizer)
             .Do(new CheckIn(CheckInKind.Locality, "Thôn Đông", 46), Actor.Organizer)
             .Do(new CheckIn(CheckInKind.Locality, "Thôn Đông", -1), Actor.Organizer)                 // a miscount corrected
             .Do(new CheckIn(CheckInKind.Locality, "Thôn Tây", 40), Actor.Organizer);
        return m;
    }

    /// <summary>
    /// The meeting itself, from its start at <see cref="Start"/>, and its close unless <paramref name="close"/> is false. The
    /// kiến nghị collected beforehand (k4) is taken in as <paramref name="collectedAs"/> when it was numbered in the dossier ("tn1").
    /// </summary>
    public ScriptedMeeting Held(bool close = true, string? collectedAs = null)
    {
        var m = this;
        m.Now = Start;
        m.Do(new StartMeeting())
         .Do(new NextAgendaItem())                                                                  // a1
         .Do(new SetStepNotes("a1", OpeningNotes, 0), Actor.Secretary, 5)
         .Do(s => new AddTranscriptSegment(s.ChairTurnId!, 0, ChairOpening), Actor.Transcriber)     // the chair's floor under a1
         .Do(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường giao thông nông thôn"), Actor.Organizer)
         .Do(new RegisterSpeaker("Trần Thị Bình", "Thôn Tây", Topic: "Cấp giấy chứng nhận quyền sử dụng đất"), Actor.Organizer)
         .Do(new RegisterSpeaker("Lê Văn Cường", "Tổ dân phố 3", Topic: "Ô nhiễm môi trường"), Actor.Organizer)
         .Do(new NextAgendaItem(), minutesLater: 10)                                                // a2 report
         .Do(new StartReport("o7", "a2"))                                                           // t1 Hoa reports
         .Do(new AddTranscriptSegment("t1", 0, ReportMachine), Actor.Transcriber, 1)
         .Do(new EndTurn(), minutesLater: 15);
        // With the seeds' step 5, the turns after it are numbered one further.
        var after = answersReport ? 1 : 0;
        string T(int n) => $"t{n + after}";
        if (answersReport)
            m.Do(new NextAgendaItem())                                                              // a3 answers report
             .Do(new StartReport("o8", "a3"))                                                       // t2 Phúc reads the answers
             .Do(new AddTranscriptSegment("t2", 0, AnswersReportMachine), Actor.Transcriber, 1)
             .Do(new EndTurn(), minutesLater: 10);
        m.Do(new NextAgendaItem())                                                                  // citizens speak
         .Do(new CallNext())                                                                        // t2 An
         .Do(new AddTranscriptSegment(T(2), 0, AnMachine), Actor.Transcriber, 1)
         .Do(new CallNext(), minutesLater: 4)                                                       // t3 Bình
         .Do(new AddTranscriptSegment(T(3), 0, BinhMachine), Actor.Transcriber, 1)
         .Do(new CallNext(), minutesLater: 4)                                                       // t4 Cường, no text
         .Do(new EndTurn(), minutesLater: 4)
         .Do(new NextAgendaItem())                                                                  // a4
         .Do(new InviteAnswer("o6", T(3)))                                                          // t5 Hải answers Bình
         .Do(new InviteAnswer("o7", T(2)), minutesLater: 5)                                         // t6 Hoa answers An
         .Do(new GiveFollowUp(T(2)), minutesLater: 5)                                               // t7 An follows up
         .Do(new EndTurn(), minutesLater: 2)
         .Do(new NextAgendaItem())                                                                  // a5
         .Do(new Interject("Kết luận"))                                                             // t8 chair
         .Do(new EndTurn(), minutesLater: 10)
         .Do(s => new AddTranscriptSegment(s.ChairTurnId!, 0, ChairConclusions), Actor.Transcriber, 3) // the chair's floor under a5
         .Do(new OpenSurvey())
         .Do(new AnswerSurvey(5, true, null), Actor.Participant("p1"))
         .Do(new AnswerSurvey(4, false, "Nên tổ chức thường xuyên hơn"), Actor.Participant("p2"))
         .Do(new CloseSurvey())
         .Do(new RecordPaperBallots(PaperBallots, PaperCounts), Actor.Organizer)
         .Do(new ShowSurveyResults(true))
         .Do(new CorrectTurnText(T(2), AnCorrected, 0, "Trần Thị Thư"), Actor.Secretary)
         .Do(new CorrectTurnText(T(5), HaiCorrected, 0), Actor.Secretary)
         .Do(new CorrectTurnText(T(6), HoaCorrected, 0), Actor.Secretary)
         .Do(new CorrectTurnText(T(7), FollowUpCorrected, 0), Actor.Secretary)
         .Do(new CorrectTurnText(T(8), ChairCorrected, 0), Actor.Secretary)
         .Do(new RecordAttendance(Attendance), Actor.Secretary)
         .Do(new MarkPetition(T(2), RoadPetition, "Giao thông"), Actor.Secretary)                 // k1
         .Do(new RecordPetitionAnswer("k1", RoadAnswer, T(6)), Actor.Secretary)
         .Do(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Secretary)
         .Do(new MarkPetition(T(3), LandPetition), Actor.Secretary)                                // k2
         .Do(new RecordPetitionAnswer("k2", HaiCorrected, T(5)), Actor.Secretary)
         .Do(new ResolvePetition("k2", PetitionResolution.Assigned, LandUnit, LandDeadline), Actor.Secretary)
         .Do(new MarkPetition(T(4), PollutionPetition, "Môi trường"), Actor.Secretary)             // k3
         .Do(new ResolvePetition("k3", PetitionResolution.WrittenAnswer, PollutionUnit), Actor.Secretary)
         .Do(new ImportRegistrations([new RegistrationRow(2, "Phạm Thị Dung", "Thôn Nam", Topic: CollectedPetition, Field: "Chính sách",
             Kind: RegistrationKind.Petition, PreparedAnswer: CollectedAnswer, PreMeetingNumber: collectedAs)]), Actor.Organizer)             // k4, collected beforehand
         .Do(new ResolvePetition("k4", PetitionResolution.AnsweredOnSpot), Actor.Secretary)
         .Do(new RecordOffTopicPetition("Lý Văn Khải", OffTopicQuestion, "Thôn Tây", "Bảo hiểm xã hội", OffTopicUnit), Actor.Secretary) // k5
         .Do(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", WrittenQuestion, "Giao thông"), Actor.Participant("p1"))
         .Do(new ApproveQuestion("q1"), Actor.Organizer)
         .Do(new ConvertQuestionToPetition("q1", InWriting: true, ResponsibleUnit: WrittenQuestionUnit), Actor.Secretary); // k6
        if (close) m.Do(new CloseMeeting(), minutesLater: 5);
        return m;
    }

    /// <summary>The context for documents, drafted on Monday 17 March 2025 with no holidays unless given.</summary>
    public DocumentContext Context(IReadOnlySet<DateOnly>? holidays = null, DateOnly? today = null) =>
        new(State, holidays ?? new HashSet<DateOnly>(), today ?? new DateOnly(2025, 3, 17));
}
