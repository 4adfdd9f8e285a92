using System.Text;

namespace LiveSession.Domain.Tests;

public class MeetingTests
{
    [Fact]
    public void CreateMeeting_UsesTheDefaultNineStepAgendaFromTheTemplate()
    {
        var m = TestMeeting.Created();

        Assert.Equal(9, AgendaTemplate.Default.Count);
        Assert.Equal(AgendaTemplate.Default.Select(t => t.Title), m.State.Agenda.Select(a => a.Title));
        Assert.Equal(AgendaTemplate.Default.Select(t => t.PlannedMinutes), m.State.Agenda.Select(a => a.PlannedMinutes));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"a{i}"), m.State.Agenda.Select(a => a.Id));
        Assert.All(m.State.Agenda, a => Assert.Null(a.StartedAt));
        Assert.Null(m.State.CurrentAgendaItemId);
    }

    [Fact]
    public void CreateMeeting_WithAgendaTitles_UsesThemWithTenMinutesEach()
    {
        var m = TestMeeting.Empty();
        m.Ok(TestMeeting.CreateCommand(["Khai mạc", "  Đối thoại  "]), Actor.Organizer);

        Assert.Equal([new AgendaItem("a1", "Khai mạc", 10), new AgendaItem("a2", "Đối thoại", 10)], m.State.Agenda);
    }

    [Fact]
    public void CreateMeeting_AddsTheDefaultOfficialsWithIds()
    {
        var m = TestMeeting.Created();

        Assert.Equal(OfficialTemplate.Default.Select(o => o.Title), m.State.Officials.Select(o => o.Title));
        Assert.Equal(["o1", "o2", "o3", "o4", "o5"], m.State.Officials.Select(o => o.Id));
    }

    [Fact]
    public void CreateMeeting_RecordsThePlanInUtcAndIsScheduled()
    {
        var m = TestMeeting.Created();
        var info = m.State.Info!;

        Assert.True(m.State.Exists);
        Assert.Equal(MeetingStatus.Scheduled, m.State.Status);
        Assert.Equal(MeetingKind.Periodic, info.Kind);
        Assert.Equal(MeetingForm.Hybrid, info.Form);
        Assert.Equal("Nguyễn Văn Chủ", info.ChairName);
        Assert.Equal("Trần Thị Thư", info.SecretaryName);
        Assert.Equal(TimeSpan.Zero, info.ScheduledStart.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 1, 0, 0, TimeSpan.Zero), info.ScheduledStart);
    }

    [Fact]
    public void CreateMeeting_NormalisesVietnameseTextTypedInNfdToNfc()
    {
        var nfdTitle = "  Hội nghị đối thoại Nhân dân  ".Normalize(NormalizationForm.FormD);
        var nfdChair = "Nguyễn Văn Chủ".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Hội nghị đối thoại Nhân dân", nfdTitle.Trim());
        var m = TestMeeting.Empty();

        m.Ok(TestMeeting.CreateCommand() with { Title = nfdTitle, ChairName = nfdChair }, Actor.Organizer);

        Assert.Equal("Hội nghị đối thoại Nhân dân", m.State.Info!.Title);
        Assert.True(m.State.Info.Title.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Nguyễn Văn Chủ", m.State.Info.ChairName);
    }

    [Fact]
    public void CreateMeeting_KeepsNamesAndJobTitlesApart_AndTheUpdateCorrectsThem()
    {
        var m = TestMeeting.Empty();
        m.Ok(TestMeeting.CreateCommand() with { ChairTitle = " Chủ tịch UBND xã An Hưng ", SecretaryTitle = "Chuyên viên Văn phòng HĐND và UBND xã" }, Actor.Organizer);

        var info = m.State.Info!;
        Assert.Equal(("Nguyễn Văn Chủ", "Chủ tịch UBND xã An Hưng", "Trần Thị Thư", "Chuyên viên Văn phòng HĐND và UBND xã"),
            (info.ChairName, info.ChairTitle, info.SecretaryName, info.SecretaryTitle));

        m.Ok(new UpdateMeetingInfo(info.Title, info.Kind, info.Form, info.Venue, info.ScheduledStart, "Lê Văn Chủ", info.SecretaryName,
            ChairTitle: "Phó Chủ tịch UBND xã An Hưng", SecretaryTitle: " "), Actor.Organizer);
        Assert.Equal(("Lê Văn Chủ", "Phó Chủ tịch UBND xã An Hưng", (string?)null), (m.State.Info!.ChairName, m.State.Info.ChairTitle, m.State.Info.SecretaryTitle));
        m.Refused(new UpdateMeetingInfo(info.Title, info.Kind, info.Form, info.Venue, info.ScheduledStart, "Lê Văn Chủ", "",
            ChairTitle: new string('x', Text.ShortMax + 1)), "invalid", Actor.Organizer);
    }

    [Fact]
    public void CreateMeeting_SecretaryIsOptional()
    {
        var m = TestMeeting.Empty();
        m.Ok(TestMeeting.CreateCommand() with { SecretaryName = "   " }, Actor.Organizer);

        Assert.Equal("", m.State.Info!.SecretaryName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void CreateMeeting_WithEmptyTitle_IsInvalid(string? title)
    {
        var error = TestMeeting.Empty().Refused(TestMeeting.CreateCommand() with { Title = title! }, "invalid", Actor.Organizer);
        Assert.Contains("Tên hội nghị", error.Message);
    }

    [Fact]
    public void CreateMeeting_TitleMayBeExactlyTheMaximumLengthButNotLonger()
    {
        TestMeeting.Empty().Ok(TestMeeting.CreateCommand() with { Title = new string('ệ', Text.TitleMax) }, Actor.Organizer);

        var error = TestMeeting.Empty().Refused(
            TestMeeting.CreateCommand() with { Title = new string('ệ', Text.TitleMax + 1) }, "invalid", Actor.Organizer);
        Assert.Contains("300", error.Message);
    }

    [Fact]
    public void CreateMeeting_LengthIsCountedAfterNfcNormalisation()
    {
        // 300 precomposed letters typed as 600 decomposed chars still fit.
        var nfd = new string('ệ', Text.TitleMax).Normalize(NormalizationForm.FormD);
        Assert.True(nfd.Length > Text.TitleMax);

        TestMeeting.Empty().Ok(TestMeeting.CreateCommand() with { Title = nfd }, Actor.Organizer);
    }

    [Theory]
    [InlineData("Hội nghị\u0000")]
    [InlineData("Hội\nnghị")]
    [InlineData("Hội nghị \u001b[31m")]
    [InlineData("Hội\u007fnghị")]
    public void CreateMeeting_WithControlCharacters_IsInvalid(string title)
    {
        var empty = TestMeeting.Empty();
        empty.Refused(TestMeeting.CreateCommand() with { Title = title }, "invalid", Actor.Organizer);
        empty.Refused(TestMeeting.CreateCommand() with { ChairName = title }, "invalid", Actor.Organizer);
        empty.Refused(TestMeeting.CreateCommand() with { Venue = title }, "invalid", Actor.Organizer);
    }

    [Fact]
    public void CreateMeeting_WithEmptyChairOrVenue_IsInvalid()
    {
        var empty = TestMeeting.Empty();
        empty.Refused(TestMeeting.CreateCommand() with { ChairName = " " }, "invalid", Actor.Organizer);
        empty.Refused(TestMeeting.CreateCommand() with { Venue = "" }, "invalid", Actor.Organizer);
        empty.Refused(TestMeeting.CreateCommand() with { SecretaryName = new string('a', Text.NameMax + 1) }, "invalid", Actor.Organizer);
    }

    [Fact]
    public void CreateMeeting_WithUndefinedKindOrForm_IsInvalid()
    {
        var empty = TestMeeting.Empty();
        empty.Refused(TestMeeting.CreateCommand() with { Kind = (MeetingKind)42 }, "invalid", Actor.Organizer);
        empty.Refused(TestMeeting.CreateCommand() with { Form = (MeetingForm)(-1) }, "invalid", Actor.Organizer);
    }

    [Fact]
    public void CreateMeeting_WithAnInvalidOrTooManyAgendaTitles_IsInvalid()
    {
        var empty = TestMeeting.Empty();
        empty.Refused(TestMeeting.CreateCommand(["Khai mạc", " "]), "invalid", Actor.Organizer);
        var tooMany = Enumerable.Range(1, AgendaTemplate.MaxItems + 1).Select(i => $"Bước {i}").ToList();
        empty.Refused(TestMeeting.CreateCommand(tooMany), "invalid", Actor.Organizer);
    }

    [Fact]
    public void CreateMeeting_Twice_IsRefused()
    {
        TestMeeting.Created().Refused(TestMeeting.CreateCommand(), "invalid_state", Actor.Organizer);
    }

    [Fact]
    public void AnyOtherCommand_OnAMeetingNotCreated_IsNotFound()
    {
        var empty = TestMeeting.Empty();
        var error = empty.Refused(new StartMeeting(), "not_found");
        Assert.Contains(TestMeeting.Id, error.Message);
        empty.Refused(new RegisterSpeaker("Nguyễn Văn An"), "not_found", Actor.Organizer);
    }

    [Fact]
    public void StartMeeting_MovesScheduledToInProgressAndRecordsTheTime()
    {
        var m = TestMeeting.Created();
        m.Advance(120).Ok(new StartMeeting());

        Assert.Equal(MeetingStatus.InProgress, m.State.Status);
        Assert.Equal(TestMeeting.T0.AddSeconds(120), m.State.StartedAt);
    }

    [Fact]
    public void StartMeeting_WhenAlreadyStarted_IsRefused()
    {
        TestMeeting.Started().Refused(new StartMeeting(), "invalid_state");
    }

    [Fact]
    public void CloseMeeting_BeforeItStarted_IsRefused()
    {
        TestMeeting.Created().Refused(new CloseMeeting(), "meeting_not_started");
    }

    [Fact]
    public void CloseMeeting_EndsTheFloorAndTheCurrentAgendaStep()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());

        var events = m.Advance(45).Ok(new CloseMeeting());

        Assert.Collection(events,
            e => Assert.Equal(new TurnEnded("t1") { At = m.Now, By = TestMeeting.ByChair }, e),
            e => Assert.Equal(new AgendaItemFinished("a1") { At = m.Now, By = TestMeeting.ByChair }, e),
            e => Assert.Equal(new MeetingClosed { At = m.Now, By = TestMeeting.ByChair }, e));
        Assert.Equal(MeetingStatus.Closed, m.State.Status);
        Assert.Equal(m.Now, m.State.ClosedAt);
        Assert.Null(m.State.Floor);
        Assert.Null(m.State.CurrentAgendaItemId);
        Assert.Equal(m.Now, m.State.Agenda[0].EndedAt);
        Assert.Equal(m.Now, m.Turn("t1").EndedAt);
        Assert.Equal(45, m.Turn("t1").SpokenSeconds);
        Assert.Equal(SpeakerStatus.Done, m.Speaker("s1").Status);
    }

    [Fact]
    public void CloseMeeting_WithNobodySpeakingAndNoStep_OnlyCloses()
    {
        var events = TestMeeting.Started().Ok(new CloseMeeting());
        // Only the chair's own floor, open since the start, ends with it.
        Assert.Collection(events, e => Assert.IsType<MeetingClosed>(e), e => Assert.IsType<ChairFloorLeft>(e));
    }

    [Theory]
    [MemberData(nameof(Catalog.CommandNames), MemberType = typeof(Catalog))]
    public void ClosedMeeting_AcceptsNothingButTheMinutes(string commandName)
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CloseMeeting());
        var command = Catalog.Command(commandName);

        var decision = m.Do(command, Catalog.ActorFor(command));

        if (command.AllowedAfterClose)
            Assert.NotEqual("meeting_closed", decision.Error?.Code);
        else
            Assert.Equal("meeting_closed", decision.Error?.Code);
        Assert.Equal(command.GetType().Namespace == typeof(CorrectTurnText).Namespace || command is ReopenMeeting or RecordPaperBallots, command.AllowedAfterClose);
    }

    [Fact]
    public void ReopenMeeting_WithinTheGracePeriod_RunsTheMeetingAgain()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        m.Advance(60).Ok(new CloseMeeting());

        var events = m.Advance(ReopenMeeting.Grace.TotalSeconds).Ok(new ReopenMeeting());

        Assert.Equal(new MeetingReopened { At = m.Now, By = TestMeeting.ByChair }, events[0]);
        Assert.IsType<ChairFloorTaken>(Assert.Single(events.Skip(1)));
        Assert.Equal(MeetingStatus.InProgress, m.State.Status);
        Assert.Null(m.State.ClosedAt);
        // The closing ended the turn and the step; the chair picks up from there.
        Assert.Null(m.State.Floor);
        Assert.Equal(["s2"], m.State.Queue);
        m.Ok(new CallNext());
        Assert.Equal("s2", m.State.CurrentTurn!.SpeakerId);
        m.Ok(new CloseMeeting());
        Assert.Equal(MeetingStatus.Closed, m.State.Status);
    }

    [Fact]
    public void ReopenMeeting_AfterTheGracePeriod_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new CloseMeeting());

        var error = m.Advance(ReopenMeeting.Grace.TotalSeconds + 1).Refused(new ReopenMeeting(), "invalid_state");

        Assert.Equal("Đã quá 30 phút kể từ khi kết thúc: không thể mở lại hội nghị. Biên bản và thông báo kết luận được lập theo hội nghị đã kết thúc.", error.Message);
        Assert.Equal(MeetingStatus.Closed, m.State.Status);
    }

    [Fact]
    public void ReopenMeeting_AfterTheMinutesAreSigned_IsRefused_EvenWithinTheGracePeriod()
    {
        var m = TestMeeting.Started();
        m.Refused(new RecordMinutesSigned(), "invalid_state", Actor.Secretary);
        m.Ok(new CloseMeeting());
        Assert.Equal(m.Now + ReopenMeeting.Grace, ReopenMeeting.Until(m.State));

        m.Advance(600).Ok(new RecordMinutesSigned(), Actor.Secretary);

        Assert.Equal(m.Now, m.State.MinutesSignedAt);
        Assert.Null(ReopenMeeting.Until(m.State));
        var error = m.Refused(new ReopenMeeting(), "invalid_state");
        Assert.Equal("Biên bản hội nghị đã được ký: không thể mở lại hội nghị.", error.Message);
        m.Refused(new RecordMinutesSigned(), "invalid_state", Actor.Chair);
        m.Refused(new RecordMinutesSigned(), "forbidden", Actor.Organizer);
        // The minutes themselves may still be corrected.
        m.Ok(new RecordAttendance([new AttendanceLine("Nhân dân", 80)]), Actor.Secretary);
    }

    [Fact]
    public void ReopenMeeting_OfAMeetingNotClosed_IsRefused()
    {
        TestMeeting.Created().Refused(new ReopenMeeting(), "invalid_state");
        TestMeeting.Started().Refused(new ReopenMeeting(), "invalid_state");
    }

    [Fact]
    public void ReopenMeeting_IsTheChairsAlone()
    {
        var m = TestMeeting.Started();
        m.Ok(new CloseMeeting());

        Assert.True(new ReopenMeeting().AllowedRoles.SetEquals([Role.Chair]));
        foreach (var other in new[] { Actor.Organizer, Actor.Secretary, Actor.Screen, Actor.Transcriber, Actor.Participant("p1") })
            m.Refused(new ReopenMeeting(), "forbidden", other);
        m.Ok(new ReopenMeeting());
    }

    [Theory]
    [MemberData(nameof(Catalog.InProgressCommandNames), MemberType = typeof(Catalog))]
    public void FloorAgendaRunAndTimerCommands_BeforeTheMeetingStarts_AreRefused(string commandName)
    {
        var command = Catalog.Command(commandName);
        var m = TestMeeting.Created().Queue(2);

        m.Refused(command, "meeting_not_started", Catalog.ActorFor(command));
    }

    [Fact]
    public void PreparationCommands_AreAllowedBeforeTheMeetingStarts()
    {
        var m = TestMeeting.Created();
        m.Ok(new RegisterSpeaker("Nguyễn Văn An"), Actor.Organizer);
        m.Request("p1");
        m.Ok(new AddAgendaItem("Văn nghệ", 10), Actor.Organizer);
        m.Ok(new AddOfficial("", "Chủ tịch Hội Nông dân"), Actor.Organizer);
        m.Ok(new CloseList(), Actor.Organizer);

        Assert.Equal(MeetingStatus.Scheduled, m.State.Status);
        Assert.Equal(["s1"], m.State.Queue);
    }

    [Fact]
    public void RotateLink_IncrementsTheGenerationOfThatRoleOnly()
    {
        var m = TestMeeting.Created();
        Assert.Equal(0, m.State.LinkGeneration(Role.Participant));

        m.Ok(new RotateLink(Role.Participant));
        m.Ok(new RotateLink(Role.Participant));
        m.Ok(new RotateLink(Role.Screen));

        Assert.Equal(2, m.State.LinkGeneration(Role.Participant));
        Assert.Equal(1, m.State.LinkGeneration(Role.Screen));
        Assert.Equal(0, m.State.LinkGeneration(Role.Chair));
        Assert.Equal(new LinkRotated(Role.Participant, 2) { At = m.Now, By = TestMeeting.ByChair }, m.Events[^2]);
    }

    [Fact]
    public void RotateLink_WithAnUndefinedRole_IsInvalid()
    {
        TestMeeting.Started().Refused(new RotateLink((Role)99), "invalid");
    }

    [Fact]
    public void Version_CountsEveryEventAppliedOneByOne()
    {
        var m = TestMeeting.Started(queued: 2);
        Assert.Equal(m.Events.Count, m.State.Version);

        var before = m.State.Version;
        m.Ok(new CallNext()); // the turn starts and the chair's own floor ends: two events
        Assert.Equal(before + 2, m.State.Version);

        var events = m.Ok(new CallNext()); // ends s1's turn and starts s2's: two events
        Assert.Equal(2, events.Count);
        Assert.Equal(before + 4, m.State.Version);

        var state = m.State;
        Assert.Equal(state.Version + 1, Decider.Evolve(state, new ListClosed()).Version);
    }

    [Fact]
    public void Events_AreStampedWithTheServerTimeOfTheCommand()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        var events = m.Advance(33).Ok(new CallNext());

        Assert.All(events, e => Assert.Equal(m.Now, e.At));
        Assert.Equal(m.Now, m.Turn("t2").StartedAt);
    }

    [Fact]
    public void Fold_OfTheRecordedEvents_RebuildsTheSameState()
    {
        var m = Catalog.FullScenario();

        var rebuilt = Decider.Fold(MeetingState.Empty(TestMeeting.Id), m.Events);

        Assert.Equal(m.State.Version, rebuilt.Version);
        Assert.Equal(DomainJson.Serialize(m.State), DomainJson.Serialize(rebuilt));
    }

    [Fact]
    public void Decide_DoesNotChangeTheStateItIsGiven()
    {
        var m = TestMeeting.Started(queued: 2);
        var state = m.State;
        var json = DomainJson.Serialize(state);

        var decision = Decider.Decide(state, new CallNext(), m.Context());

        Assert.True(decision.IsAccepted);
        Assert.Equal(json, DomainJson.Serialize(state));
    }
}
