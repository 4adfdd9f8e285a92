using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Domain.Tests.FollowUp;

public class FollowUpTests
{
    private static readonly FollowUpActor UnitA = TestDossier.As(Holder.Unit);

    [Fact]
    public void PreMeetingEntries_AreNumberedInTheOrderEntered_WithWhenAndWho()
    {
        var d = TestDossier.Collecting();
        var events = d.Ok(new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường")]), new FollowUpActor(Holder.Organizer));

        Assert.Equal(["tn1", "tn2", "tn3"], d.Dossier.PreMeeting.Select(p => p.Number));
        Assert.Equal((d.Now, new FollowUpActor(Holder.Organizer)), (events[0].At, events[0].By));
        Assert.Equal((PetitionSource.VillageHead, "Trưởng thôn Đông", d.Now), (d.PreMeeting("tn3").Source, d.PreMeeting("tn3").Collector, d.PreMeeting("tn3").EnteredAt));
    }

    [Fact]
    public void ABadRow_RefusesTheWholeBatch_NamingItsLine()
    {
        var d = TestDossier.Collecting();
        var error = d.Refused(new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường", line: 2), TestDossier.Entry("", line: 3), TestDossier.Entry("Phạm Thị Dung", " ", 4)]), "import_invalid");
        Assert.StartsWith("2 dòng có lỗi:\nDòng 3: ", error.Message);
        Assert.Contains("\nDòng 4: ", error.Message);
    }

    [Fact]
    public void AfterTheCutoff_OrOnceTheMeetingStarted_NothingIsTaken()
    {
        var d = TestDossier.Collecting();
        d.Now = TestMeeting.T0.AddDays(-1).AddHours(18); // 15/3 in Vietnam: the cut-off (14/3) has passed
        var late = d.Refused(new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường")]), "invalid_state");
        Assert.Contains("Đã hết hạn thu thập kiến nghị trước hội nghị (ngày 14/03/2025)", late.Message);

        d.Now = TestMeeting.T0.AddDays(-10);
        d.Meeting.Ok(new StartMeeting());
        d.Refused(new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường")]), "invalid_state");
    }

    [Fact]
    public void AnotherCommunesOffice_AndItsUnits_CannotTouchThisOfficesKienNghi_EvenForAUnitOfTheSameName()
    {
        var d = TestDossier.Following();
        var before = d.Dossier;
        Assert.Equal("Hội nghị này thuộc văn phòng khác.", d.Refused(new CloseFollowUp("k2"), "forbidden", FollowUpActor.ForOffice("xa-binh-an")).Message);
        d.Refused(new RecordProgress("k2", FollowUpStatus.Answered, "Đã giải quyết."), "forbidden", FollowUpActor.ForUnit(TestDossier.UnitA, "xa-binh-an"));
        Assert.Same(before, d.Dossier);

        d.Ok(new RecordProgress("k2", FollowUpStatus.Answered, "Đã giải quyết."), FollowUpActor.ForUnit(TestDossier.UnitA));
        d.Ok(new CloseFollowUp("k2"), FollowUpActor.ForOffice(null));
    }

    [Fact]
    public void WithoutItsMeeting_NothingIsCollectedNorTaken()
    {
        var d = TestDossier.Collecting();
        var empty = FollowUpDecider.Decide(d.Dossier, new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường")]), new FollowUpContext(FollowUpActor.Office, d.Now, null));
        Assert.Equal("not_found", empty.Error!.Code);
        Assert.Equal("not_found", FollowUpDecider.Decide(d.Dossier, new TakeIntoMeeting(), new FollowUpContext(FollowUpActor.Office, d.Now, MeetingState.Empty("x"))).Error!.Code);
    }

    [Fact]
    public void TheUnit_PreparesAndCorrectsItsAnswer_UntilTheMeetingTakesTheItem()
    {
        var d = TestDossier.Collecting();
        Assert.Equal("invalid", d.Refused(new PrepareAnswer("tn1", "  "), "invalid", UnitA).Code);
        d.Refused(new PrepareAnswer("tn9", "Trả lời."), "not_found", UnitA);
        d.Ok(new PrepareAnswer("tn1", "Hồ sơ đủ điều kiện."), UnitA);
        d.Now = d.Now.AddHours(1);
        d.Ok(new PrepareAnswer("tn1", "Hồ sơ đủ điều kiện, cấp trong tháng 4."), UnitA);
        Assert.Equal(("Hồ sơ đủ điều kiện, cấp trong tháng 4.", TestDossier.UnitA, d.Now), (d.PreMeeting("tn1").PreparedAnswer, d.PreMeeting("tn1").AnsweredBy, d.PreMeeting("tn1").AnsweredAt));

        // The meeting took it: the answer is the meeting's now, even before the dossier recorded it.
        d.TakeAtTheMeeting("tn1");
        var refused = d.Refused(new PrepareAnswer("tn1", "Sửa lại."), "invalid_state", UnitA);
        Assert.Equal("Kiến nghị đã được đưa vào hội nghị; nội dung trả lời không sửa ở đây nữa.", refused.Message);
    }

    [Fact]
    public void TakingIntoTheMeeting_IsTheMeetingsOneWrite_AndTheDossierFollowsIt_Once()
    {
        var d = TestDossier.Collecting();
        Assert.Empty(d.Do(new TakeIntoMeeting()).Events); // nothing taken yet: nothing to record
        d.TakeAtTheMeeting("tn1", "tn2");
        Assert.Equal([("tn1", "k1"), ("tn2", "k2")], d.Meeting.State.Petitions.Select(p => (p.PreMeetingNumber!, p.Id)));

        // A second click sends the same items again: the meeting refuses the whole file, nothing is taken twice.
        var again = d.Meeting.Refused(new ImportRegistrations([new RegistrationRow(1, "Nguyễn Văn An", Topic: "Đất", Kind: RegistrationKind.Petition, PreMeetingNumber: "tn1")]),
            "import_invalid", Actor.Organizer);
        Assert.Contains("Kiến nghị tn1 đã được đưa vào hội nghị (là kiến nghị k1).", again.Message);

        // Whenever the dossier is told (right away, or after a crash), it records what the meeting holds, once.
        d.Ok(new TakeIntoMeeting(), new FollowUpActor(Holder.Organizer));
        Assert.Equal([("k1", d.Now), ("k2", d.Now)], d.Dossier.PreMeeting.Select(p => (p.TakenAs!, p.TakenAt!.Value)));
        var version = d.Dossier.Version;
        Assert.True(d.Do(new TakeIntoMeeting()).IsAccepted);
        Assert.Equal(version, d.Dossier.Version);
    }

    [Fact]
    public void TheMeetingsImport_RefusesANumberTwiceInOneFile_OrOnASpeaker()
    {
        var m = TestMeeting.Created();
        m.Refused(new ImportRegistrations([
            new RegistrationRow(1, "Nguyễn Văn An", Topic: "Đất", Kind: RegistrationKind.Petition, PreMeetingNumber: "tn1"),
            new RegistrationRow(2, "Nguyễn Văn An", Topic: "Đất", Kind: RegistrationKind.Petition, PreMeetingNumber: "tn1")]), "import_invalid", Actor.Organizer);
        m.Refused(new ImportRegistrations([new RegistrationRow(1, "Nguyễn Văn An", Topic: "Đất", PreMeetingNumber: "tn1")]), "import_invalid", Actor.Organizer);
        m.Refused(new ImportRegistrations([new RegistrationRow(1, "Nguyễn Văn An", Topic: "Đất", Kind: RegistrationKind.Petition, PreMeetingNumber: "tn 1")]), "import_invalid", Actor.Organizer);
        Assert.Empty(m.State.Petitions);
    }

    [Fact]
    public void AtTheArchive_TheFollowUpOpensFromTheClosedMeeting_WithItsResolutions()
    {
        var d = TestDossier.Following();
        Assert.Equal(
            [("k1", FollowUpStatus.Answered, "tn1"), ("k2", FollowUpStatus.InProgress, null), ("k3", FollowUpStatus.Escalated, null)],
            d.Dossier.FollowUp.Select(p => (p.PetitionId, p.Status, p.PreMeetingNumber)));
        Assert.Equal("Hồ sơ đủ điều kiện, cấp trong tháng 4.", d.Followed("k1").Answer);
        Assert.Equal((TestDossier.UnitA, (DateOnly?)new DateOnly(2025, 4, 30)), (d.Followed("k2").ResponsibleUnit, d.Followed("k2").Deadline));
        Assert.Equal(("tn1", "k1"), (d.PreMeeting("tn1").Number, d.PreMeeting("tn1").TakenAs));

        // Archived again with nothing new: no change.
        var version = d.Dossier.Version;
        Assert.Empty(d.Do(new OpenFollowUp()).Events);
        Assert.Equal(version, d.Dossier.Version);
    }

    [Fact]
    public void TheFollowUp_OpensOnlyOnceTheMeetingIsClosed()
    {
        var d = TestDossier.Collecting();
        Assert.Contains("chưa kết thúc", d.Refused(new OpenFollowUp(), "invalid_state").Message);
    }

    [Fact]
    public void MinutesChangedAfterTheClose_RefreshAnItemNotMovedYet_AndKeepAMovedOnesFollowUp()
    {
        var d = TestDossier.Following();
        d.Ok(new ReassignPetition("k2", TestDossier.UnitB, "Thuộc thẩm quyền công an."));
        d.Meeting.Ok(new ResolvePetition("k2", PetitionResolution.Assigned, TestDossier.UnitA, new DateOnly(2025, 6, 30)), Actor.Secretary);
        d.Meeting.Ok(new RecordPetitionAnswer("k3", "Đã chuyển UBND huyện."), Actor.Secretary);
        d.Meeting.Ok(new ResolvePetition("k3", PetitionResolution.WrittenAnswer, "Văn phòng"), Actor.Secretary);

        d.Ok(new OpenFollowUp());

        Assert.Equal((TestDossier.UnitB, (DateOnly?)new DateOnly(2025, 4, 30)), (d.Followed("k2").ResponsibleUnit, d.Followed("k2").Deadline));
        Assert.Equal((PetitionResolution.WrittenAnswer, FollowUpStatus.InProgress, "Đã chuyển UBND huyện."), (d.Followed("k3").Resolution, d.Followed("k3").Status, d.Followed("k3").Answer));
    }

    [Fact]
    public void Progress_FollowsTodaysRules()
    {
        var d = TestDossier.Following();
        Assert.Equal("Trạng thái theo dõi không hợp lệ.", d.Refused(new RecordProgress("k2", FollowUpStatus.New), "invalid", UnitA).Message);
        Assert.Equal("Trạng thái theo dõi không hợp lệ.", d.Refused(new RecordProgress("k2", (FollowUpStatus)42), "invalid", UnitA).Message);
        Assert.Equal("Hãy ghi nội dung trả lời bằng văn bản.", d.Refused(new RecordProgress("k2", FollowUpStatus.Answered, "  "), "invalid", UnitA).Message);
        Assert.Equal("Hãy ghi cơ quan cấp trên đã chuyển đến.", d.Refused(new RecordProgress("k2", FollowUpStatus.Escalated), "invalid", UnitA).Message);
        d.Refused(new RecordProgress("k9", FollowUpStatus.InProgress), "not_found", UnitA);
        d.Refused(new RecordProgress("tn1", FollowUpStatus.InProgress), "not_found"); // a pre-meeting number is not a follow-up item

        d.Ok(new RecordProgress("k2", FollowUpStatus.InProgress, "Đang đo đạc lại thửa đất"), UnitA);
        d.Ok(new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025."), UnitA);
        Assert.Equal((FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025.", true), (d.Followed("k2").Status, d.Followed("k2").Answer, d.Followed("k2").Started));
        Assert.Equal("Kiến nghị đã được giải quyết xong.", d.Refused(new RecordProgress("k2", FollowUpStatus.InProgress), "invalid_state", UnitA).Message);
        var progress = Assert.IsType<ProgressRecorded>(d.Events[^1]);
        Assert.Equal((d.Now, UnitA, "Công chức Địa chính – Xây dựng"), (progress.At, progress.By, progress.By!.Label));
    }

    [Fact]
    public void TheOffice_ReassignsAnItemStillOpen_SayingWhy_AndTheNewUnitTakesItOver()
    {
        var d = TestDossier.Following();
        Assert.Equal("Lý do giao lại không được để trống.", d.Refused(new ReassignPetition("k2", TestDossier.UnitB, " "), "invalid").Message);
        Assert.Equal($"Kiến nghị đã giao cho {TestDossier.UnitA}.", d.Refused(new ReassignPetition("k2", TestDossier.UnitA, "Giao lại."), "invalid").Message);
        d.Refused(new ReassignPetition("k2", "", "Giao lại."), "invalid");
        d.Refused(new ReassignPetition("k1", TestDossier.UnitB, "Giao lại."), "invalid_state"); // answered at the meeting

        var reassigned = Assert.IsType<PetitionReassigned>(Assert.Single(d.Ok(new ReassignPetition("k2", TestDossier.UnitB, "Thuộc thẩm quyền công an xã."))));
        Assert.Equal((TestDossier.UnitA, TestDossier.UnitB), (reassigned.FromUnit, d.Followed("k2").ResponsibleUnit));
        d.Refused(new RecordProgress("k2", FollowUpStatus.InProgress), "forbidden", UnitA);
        d.Ok(new RecordProgress("k2", FollowUpStatus.InProgress), FollowUpActor.ForUnit(TestDossier.UnitB));
    }

    [Fact]
    public void TheOffice_MovesADeadline_NotIntoThePast_SayingWhy()
    {
        var d = TestDossier.Following();
        var today = new DateOnly(2025, 4, 1);
        Assert.Equal("Thời hạn giải quyết không được ở trong quá khứ.", d.Refused(new ChangeDeadline("k2", today.AddDays(-1), "Chờ đo đạc."), "invalid").Message);
        Assert.Equal("Thời hạn đã là ngày 30/04/2025.", d.Refused(new ChangeDeadline("k2", new DateOnly(2025, 4, 30), "Chờ đo đạc."), "invalid").Message);
        d.Refused(new ChangeDeadline("k2", today.AddDays(30), ""), "invalid");
        d.Refused(new ChangeDeadline("k3", today.AddDays(30), "Chờ huyện."), "invalid_state"); // passed up

        var changed = Assert.IsType<DeadlineChanged>(Assert.Single(d.Ok(new ChangeDeadline("k2", today, "Người dân bổ sung hồ sơ."))));
        Assert.Equal(((DateOnly?)new DateOnly(2025, 4, 30), (DateOnly?)today), (changed.From, d.Followed("k2").Deadline));
    }

    [Fact]
    public void ADeadline_NeedsAUnit()
    {
        var d = TestDossier.Following();
        d.Meeting.Ok(new MarkPetition("t1", "Đề nghị chưa kết luận"), Actor.Secretary);
        d.Ok(new OpenFollowUp());
        Assert.Contains("chưa giao đơn vị", d.Refused(new ChangeDeadline("k4", new DateOnly(2025, 5, 1), "Hạn mới."), "invalid_state").Message);
        d.Ok(new ReassignPetition("k4", TestDossier.UnitB, "Giao cho công an xã."));
        d.Ok(new ChangeDeadline("k4", new DateOnly(2025, 5, 1), "Hạn mới."));
    }

    [Fact]
    public void TheOffice_ClosesAnAnsweredItem_AndNothingMovesItAfterwards()
    {
        var d = TestDossier.Following();
        Assert.Equal("Chỉ kết thúc theo dõi kiến nghị đã trả lời hoặc đã chuyển cấp trên.", d.Refused(new CloseFollowUp("k2"), "invalid_state").Message);
        d.Ok(new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy."), UnitA);
        d.Ok(new CloseFollowUp("k2"));
        Assert.Equal(d.Now, d.Followed("k2").ClosedAt);

        d.Refused(new CloseFollowUp("k2"), "invalid_state");
        d.Refused(new RecordProgress("k2", FollowUpStatus.Answered, "Sửa."), "invalid_state", UnitA);
        d.Refused(new ReassignPetition("k2", TestDossier.UnitB, "Giao lại."), "invalid_state");
        d.Refused(new ChangeDeadline("k2", new DateOnly(2025, 6, 1), "Hạn mới."), "invalid_state");
        d.Meeting.Ok(new ResolvePetition("k2", PetitionResolution.Assigned, TestDossier.UnitB, new DateOnly(2025, 6, 1)), Actor.Secretary);
        Assert.Empty(d.Do(new OpenFollowUp()).Events); // archived again: a closed item keeps its follow-up
        Assert.Equal((TestDossier.UnitA, FollowUpStatus.Answered), (d.Followed("k2").ResponsibleUnit, d.Followed("k2").Status));
    }

    [Fact]
    public void TheEvents_ReplayToTheSameDossier_ThroughTheirJson()
    {
        var d = TestDossier.Following();
        d.Ok(new ReassignPetition("k2", TestDossier.UnitB, "Thuộc thẩm quyền công an xã."));
        d.Ok(new ChangeDeadline("k2", new DateOnly(2025, 5, 30), "Chờ kết quả."));
        d.Ok(new RecordProgress("k2", FollowUpStatus.Escalated, "UBND huyện"), FollowUpActor.ForUnit(TestDossier.UnitB));
        d.Ok(new RecordHigherLevelAnswer("k2", "UBND huyện đã giao Phòng Kinh tế xử lý."));
        d.Ok(new CloseFollowUp("k2"));

        var stored = d.Events.Select(e => (DomainJson.EventName(e), DomainJson.Serialize<FollowUpEvent>(e))).ToList();
        Assert.Contains(("petitionReassigned", stored[^5].Item2), stored);
        var replayed = FollowUpDecider.Fold(PetitionDossier.Empty(TestMeeting.Id), stored.Select(s => DomainJson.Deserialize<FollowUpEvent>(s.Item2)!));
        Assert.Equal(DomainJson.Serialize(d.Dossier), DomainJson.Serialize(replayed));
        Assert.Equal([.. d.Events.Select(e => (e.At, e.By))], stored.Select(s => DomainJson.Deserialize<FollowUpEvent>(s.Item2)!).Select(e => (e.At, e.By)));
        Assert.Equal(FollowUpActor.ForUnit(TestDossier.UnitB), DomainJson.Deserialize<FollowUpEvent>(stored[^3].Item2)!.By);
    }

    /// <summary>A meeting whose k2 is given to <see cref="TestDossier.UnitA"/> for a written answer, with no deadline.</summary>
    private static TestDossier WithWrittenAnswerItem()
    {
        var d = TestDossier.Following();
        d.Meeting.Ok(new ResolvePetition("k2", PetitionResolution.WrittenAnswer, TestDossier.UnitA), Actor.Secretary);
        d.Ok(new OpenFollowUp());
        return d;
    }

    [Fact]
    public void TheNoticesDay_MakesAnItemWithoutDeadline_DueFiveWorkingDaysLater_SkippingWeekendsAndHolidays()
    {
        var d = WithWrittenAnswerItem();
        Assert.Null(d.Followed("k2").DueDate);
        // Tuesday 18/3/2025 + 5 working days, with Friday 21/3 a holiday: 19, 20, 24, 25, 26.
        var events = FollowUpDecider.Execute(d.Dossier, new RecordNoticeIssued(new DateOnly(2025, 3, 18)),
            d.Context(null) with { Holidays = new HashSet<DateOnly> { new(2025, 3, 21) } });
        var after = events.Dossier;
        Assert.Equal(new NoticeIssued(new DateOnly(2025, 3, 18), new DateOnly(2025, 3, 26)) with { At = d.Now, By = FollowUpActor.Office }, Assert.Single(events.Decision.Events));
        Assert.Equal(new DateOnly(2025, 3, 26), after.FindFollowed("k2")!.DueDate);
        Assert.True(after.FindFollowed("k2")!.IsOverdueOn(new DateOnly(2025, 3, 27)));
        Assert.False(after.FindFollowed("k2")!.IsOverdueOn(new DateOnly(2025, 3, 26)));
        // Items with a deadline or passed up keep theirs; answered on the spot have none.
        Assert.Equal((null, (DateOnly?)null), (after.FindFollowed("k1")!.AnswerDue, after.FindFollowed("k3")!.AnswerDue));
    }

    [Fact]
    public void TheNoticesDay_IsOnOrAfterTheMeeting_NotInTheFuture_OnlyOnceTheMeetingClosed_AndMayBeCorrected()
    {
        var d = WithWrittenAnswerItem();
        d.Refused(new RecordNoticeIssued(new DateOnly(2025, 3, 14)), "invalid");
        d.Refused(new RecordNoticeIssued(d.Context(null).Today.AddDays(1)), "invalid");
        d.Refused(new RecordNoticeIssued(new DateOnly(2025, 3, 18)), "forbidden", TestDossier.As(Holder.Unit));
        d.Ok(new RecordNoticeIssued(new DateOnly(2025, 3, 18)));
        Assert.Empty(d.Do(new RecordNoticeIssued(new DateOnly(2025, 3, 18))).Events);
        d.Ok(new RecordNoticeIssued(new DateOnly(2025, 3, 19)));
        Assert.Equal((new DateOnly(2025, 3, 19), new DateOnly(2025, 3, 26)), (d.Dossier.NoticeIssuedOn!.Value, d.Followed("k2").AnswerDue!.Value));

        var open = TestDossier.Collecting();
        open.Now = TestMeeting.T0;
        open.Refused(new RecordNoticeIssued(new DateOnly(2025, 3, 15)), "invalid_state");
    }

    [Fact]
    public void AnItemGivenAfterTheNotice_IsDueFromTheNoticeToo()
    {
        var d = TestDossier.Following();
        d.Ok(new RecordNoticeIssued(new DateOnly(2025, 3, 18)));
        d.Meeting.Ok(new ResolvePetition("k2", PetitionResolution.WrittenAnswer, TestDossier.UnitA), Actor.Secretary);
        d.Ok(new OpenFollowUp());
        Assert.Equal(new DateOnly(2025, 3, 25), d.Followed("k2").AnswerDue);
    }

    [Fact]
    public void APassedUpItem_IsFollowedUntilTheHigherLevelAnswers_ThenClosed()
    {
        var d = TestDossier.Following();
        Assert.True(d.Followed("k3").AwaitsHigherLevel);
        Assert.Contains("ghi trả lời của cấp trên", d.Refused(new CloseFollowUp("k3"), "invalid_state").Message);
        d.Refused(new RecordHigherLevelAnswer("k2", "Đã trả lời."), "invalid_state"); // not passed up
        d.Refused(new RecordHigherLevelAnswer("k3", "  "), "invalid");
        d.Refused(new RecordHigherLevelAnswer("k3", "Đã trả lời."), "forbidden", TestDossier.As(Holder.Unit));
        d.Ok(new RecordHigherLevelAnswer("k3", "UBND huyện: đã lập phương án bồi thường."));
        Assert.False(d.Followed("k3").AwaitsHigherLevel);
        d.Ok(new CloseFollowUp("k3"));
        d.Refused(new RecordHigherLevelAnswer("k3", "Sửa lại."), "invalid_state");
    }

    [Fact]
    public void Results_ArePublishedOnlyOnceTheNoticeIsIssued_AndMayBeTakenDown()
    {
        var d = TestDossier.Following();
        Assert.Contains("ngày ban hành thông báo", d.Refused(new SetPublication(true), "invalid_state").Message);
        d.Ok(new RecordNoticeIssued(new DateOnly(2025, 3, 18)));
        d.Refused(new SetPublication(true), "forbidden", TestDossier.As(Holder.Overseer));
        d.Ok(new SetPublication(true));
        Assert.Equal(d.Now, d.Dossier.PublishedAt);
        Assert.Empty(d.Do(new SetPublication(true)).Events);
        d.Ok(new SetPublication(false));
        Assert.False(d.Dossier.IsPublished);
    }

    [Fact]
    public void TheResultsReport_IsDueSevenDaysBeforeTheCouncilSession_AndOverdueUntilSent()
    {
        var d = TestDossier.Following();
        d.Refused(new SetCouncilSession(new DateOnly(2025, 3, 15)), "invalid"); // not after the meeting
        d.Ok(new SetCouncilSession(new DateOnly(2025, 4, 5)));
        Assert.Equal(new DateOnly(2025, 3, 29), d.Dossier.ResultsReportDue);
        Assert.False(d.Dossier.IsResultsReportOverdueOn(new DateOnly(2025, 3, 29)));
        Assert.True(d.Dossier.IsResultsReportOverdueOn(new DateOnly(2025, 3, 30)));
        d.Refused(new RecordResultsReported(new DateOnly(2025, 4, 2)), "invalid"); // after today (1/4)
        d.Refused(new RecordResultsReported(new DateOnly(2025, 3, 28)), "forbidden", TestDossier.As(Holder.Unit));
        d.Ok(new RecordResultsReported(new DateOnly(2025, 3, 28)));
        Assert.False(d.Dossier.IsResultsReportOverdueOn(new DateOnly(2025, 4, 30)));
    }

    [Fact]
    public void AKienNghiReceivedOutsideAMeeting_GoesIntoTheOfficesRegister_AndIsFollowedUpLikeAMeetingsOne()
    {
        var d = TestDossier.Register();
        var letter = new ReceiveIndirectPetition("Hoàng Văn Em", "Thôn Bắc", "Đề nghị sửa cống thoát nước", "Thủy lợi", PetitionSource.Direct,
            new DateOnly(2025, 3, 28), TestDossier.UnitA, new DateOnly(2025, 4, 15));
        d.Refused(letter with { ReceivedOn = new DateOnly(2025, 4, 2) }, "invalid");              // tomorrow
        d.Refused(letter with { Deadline = new DateOnly(2025, 3, 27) }, "invalid");               // before it came in
        d.Refused(letter with { CitizenName = " " }, "invalid");
        d.Refused(letter with { Source = (PetitionSource)42 }, "invalid");
        d.Refused(letter, "forbidden", TestDossier.As(Holder.Unit));
        d.Refused(letter, "forbidden", FollowUpActor.ForOffice("xa-binh-an"));                     // another office's register
        d.Ok(letter);
        var item = d.Followed("g1");
        Assert.Equal((true, FollowUpStatus.InProgress, PetitionResolution.WrittenAnswer, new DateOnly(2025, 4, 15)), (item.IsIndirect, item.Status, item.Resolution, item.DueDate!.Value));
        Assert.True(item.IsOverdueOn(new DateOnly(2025, 4, 16)));
        d.Ok(new RecordProgress("g1", FollowUpStatus.Answered, "Đã nạo vét cống ngày 10/4."), TestDossier.As(Holder.Unit));
        d.Ok(new CloseFollowUp("g1"));

        // A meeting's dossier takes no such entry.
        TestDossier.Following().Refused(letter, "invalid_state");
    }
}
