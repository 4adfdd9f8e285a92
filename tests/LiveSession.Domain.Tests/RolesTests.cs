namespace LiveSession.Domain.Tests;

public class RolesTests
{
    private static readonly Actor[] Observers = [Actor.Secretary, Actor.Screen, Actor.Transcriber];

    /// <summary>A running meeting where each command in the catalog could otherwise make sense.</summary>
    private static TestMeeting Busy()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Request("p1");
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        return m;
    }

    [Theory]
    [MemberData(nameof(Catalog.CommandNames), MemberType = typeof(Catalog))]
    public void SecretaryScreenAndTranscriber_AreRefusedEverythingNotTheirs(string commandName)
    {
        var m = Busy();
        var command = Catalog.Command(commandName);
        foreach (var observer in Observers.Where(o => !command.AllowedRoles.Contains(o.Role)))
            m.Refused(command, "forbidden", observer);
    }

    [Theory]
    [MemberData(nameof(Catalog.CommandNames), MemberType = typeof(Catalog))]
    public void Participant_CanOnlyRegisterWithdrawAskAndAnswerTheSurvey(string commandName)
    {
        var command = Catalog.Command(commandName);
        var m = Busy();
        if (command is RegisterSpeaker or WithdrawSpeaker or SetRecordingConsent or SubmitQuestion or WithdrawQuestion or AnswerSurvey)
            Assert.Contains(Role.Participant, command.AllowedRoles);
        else
            m.Refused(command, "forbidden", Actor.Participant("p1"));
    }

    [Theory]
    [MemberData(nameof(Catalog.ChairOnlyCommandNames), MemberType = typeof(Catalog))]
    public void Organizer_CannotRunTheMeetingTheFloorOrTheTimer(string commandName)
    {
        Busy().Refused(Catalog.Command(commandName), "forbidden", Actor.Organizer);
    }

    [Fact]
    public void Participant_CannotCallNext()
    {
        var error = Busy().Refused(new CallNext(), "forbidden", Actor.Participant("p1"));
        Assert.Equal("Vai trò người tham dự không được phép thực hiện thao tác này.", error.Message);
    }

    [Fact]
    public void OnlyTheOrganizer_CreatesTheMeeting()
    {
        var empty = TestMeeting.Empty();
        empty.Refused(TestMeeting.CreateCommand(), "forbidden", Actor.Chair);
        empty.Refused(TestMeeting.CreateCommand(), "forbidden", Actor.Participant("p1"));
        empty.Ok(TestMeeting.CreateCommand(), Actor.Organizer);
    }

    [Fact]
    public void TheChair_RunsTheMeetingAndMayAlsoManageTheList()
    {
        // Questions and survey answers are the public's voice: the chair moderates them but does not send them; consent to
        // being recorded is the speaker's alone.
        foreach (var command in Catalog.Commands.Where(c => c is not (CreateMeeting or SubmitQuestion or WithdrawQuestion or AnswerSurvey or AddTranscriptSegment or SetRecordingConsent)))
            Assert.Contains(Role.Chair, command.AllowedRoles);
    }

    [Fact]
    public void QuestionsAreSentByParticipantsAndTheDesk_WithdrawnAndSurveyAnsweredByParticipantsOnly()
    {
        Assert.True(new SubmitQuestion("", null, "", null).AllowedRoles.SetEquals([Role.Participant, Role.Organizer]));
        Assert.True(new WithdrawQuestion("q1").AllowedRoles.SetEquals([Role.Participant]));
        Assert.True(new AnswerSurvey(5, null, null).AllowedRoles.SetEquals([Role.Participant]));
        Assert.True(new OpenSurvey().AllowedRoles.SetEquals([Role.Chair]));
        Assert.True(new CloseSurvey().AllowedRoles.SetEquals([Role.Chair]));
        foreach (var moderation in new MeetingCommand[]
                 { new ApproveQuestion("q1"), new RejectQuestion("q1"), new MergeQuestion("q1", "q2"), new MarkQuestionAnswered("q1"), new ShowQuestionOnScreen(null) })
            Assert.True(moderation.AllowedRoles.SetEquals([Role.Chair, Role.Organizer]), moderation.GetType().Name);
    }

    [Fact]
    public void TheScreenChangesNothing_TheSecretaryOnlyTheMinutes_TheTranscriberOnlyAddsText()
    {
        MeetingCommand[] minutes =
        [
            new CorrectTurnText("t1", "", 0), new SetStepNotes("a1", "", 0), new RecordAttendance([]), new SetPaperworkDetails("", null, "", "", []),
            new MarkPetition("t1", ""), new RecordPetitionAnswer("k1", ""), new ResolvePetition("k1", PetitionResolution.Open), new RemovePetition("k1"), new RelinkAnswer("t3", null),
            new ConvertQuestionToPetition("q1"), new RecordOffTopicPetition("Lý Văn Khải", ""), new RecordMinutesSigned(),
            new RecordPaperBallots(0, [0, 0, 0, 0, 0]), // the paper ballots' tally goes into the biên bản
        ];
        foreach (var command in Catalog.Commands)
        {
            Assert.DoesNotContain(Role.Screen, command.AllowedRoles);
            Assert.Equal(minutes.Any(m => m.GetType() == command.GetType()), command.AllowedRoles.Contains(Role.Secretary));
            Assert.Equal(command is AddTranscriptSegment, command.AllowedRoles.Contains(Role.Transcriber));
        }
        Assert.True(new AddTranscriptSegment("t1", 0, "").AllowedRoles.SetEquals([Role.Transcriber]));
    }

    [Fact]
    public void TheRoleIsCheckedBeforeTheMeetingExistsOrIsClosed()
    {
        TestMeeting.Empty().Refused(new StartMeeting(), "forbidden", Actor.Screen);

        var closed = TestMeeting.Started();
        closed.Ok(new CloseMeeting());
        closed.Refused(new CallNext(), "forbidden", Actor.Participant("p1"));
    }

    [Fact]
    public void AParticipantWithoutAnId_CannotRegisterOrWithdraw()
    {
        var m = TestMeeting.Started(queued: 1); // s1 was registered at the hall: no participant id
        var anonymous = new Actor(Role.Participant);

        m.Refused(new WithdrawSpeaker("s1"), "forbidden", anonymous);
        m.Refused(new RegisterSpeaker("Ẩn danh"), "forbidden", anonymous);
        m.Refused(new RegisterSpeaker("Ẩn danh"), "forbidden", new Actor(Role.Participant, ""));
        Assert.Equal(SpeakerStatus.Queued, m.Speaker("s1").Status);
    }
}
