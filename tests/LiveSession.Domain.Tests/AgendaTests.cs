namespace LiveSession.Domain.Tests;

public class AgendaTests
{
    private static IEnumerable<string> Ids(TestMeeting m) => m.State.Agenda.Select(a => a.Id);

    [Fact]
    public void AddAgendaItem_WithoutPosition_AppendsWithANewId()
    {
        var m = TestMeeting.Created();
        m.Ok(new AddAgendaItem("  Văn nghệ chào mừng ", 15), Actor.Organizer);

        Assert.Equal(new AgendaItem("a10", "Văn nghệ chào mừng", 15), m.State.Agenda[^1]);
        Assert.Equal(10, m.State.Agenda.Count);
    }

    [Fact]
    public void AddAgendaItem_AtAPosition_InsertsItThere()
    {
        var m = TestMeeting.Started();
        m.Ok(new AddAgendaItem("Văn nghệ", 10, Position: 0));
        m.Ok(new AddAgendaItem("Giải lao", 10, Position: 3));

        Assert.Equal(["a10", "a1", "a2", "a11", "a3"], Ids(m).Take(5));
    }

    [Fact]
    public void AddAgendaItem_NeverReusesTheIdOfARemovedStep()
    {
        var m = TestMeeting.Created();
        m.Ok(new RemoveAgendaItem("a9"), Actor.Organizer);
        m.Ok(new AddAgendaItem("Phiếu khảo sát", 10), Actor.Organizer);

        Assert.Equal("a10", m.State.Agenda[^1].Id);
        Assert.Single(m.State.Agenda, a => a.Id == "a10");
    }

    [Theory]
    [InlineData("", 10, null)]
    [InlineData("Văn nghệ\u0007", 10, null)]
    [InlineData("Văn nghệ", 0, null)]
    [InlineData("Văn nghệ", 481, null)]
    [InlineData("Văn nghệ", 10, -1)]
    [InlineData("Văn nghệ", 10, 10)]
    public void AddAgendaItem_WithInvalidTitleMinutesOrPosition_IsInvalid(string title, int minutes, int? position)
    {
        TestMeeting.Created().Refused(new AddAgendaItem(title, minutes, position), "invalid", Actor.Organizer);
    }

    [Fact]
    public void AddAgendaItem_WhenTheAgendaIsFull_IsInvalid()
    {
        var m = TestMeeting.Created();
        while (m.State.Agenda.Count < AgendaTemplate.MaxItems)
            m.Ok(new AddAgendaItem("Bước bổ sung", 5), Actor.Organizer);

        m.Refused(new AddAgendaItem("Bước thứ 41", 5), "invalid", Actor.Organizer);
    }

    [Fact]
    public void RemoveAgendaItem_RemovesAStepThatHasNotRun()
    {
        var m = TestMeeting.Created();
        m.Ok(new RemoveAgendaItem("a5"), Actor.Organizer);

        Assert.DoesNotContain("a5", Ids(m));
        Assert.Equal(8, m.State.Agenda.Count);
    }

    [Fact]
    public void RemoveAgendaItem_ThatHasStarted_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        m.Refused(new RemoveAgendaItem("a1"), "invalid_state");

        m.Ok(new NextAgendaItem()); // a1 is now done: still part of the record
        m.Refused(new RemoveAgendaItem("a1"), "invalid_state");
    }

    [Fact]
    public void AgendaCommands_OnAnUnknownStep_AreNotFound()
    {
        var m = TestMeeting.Started();
        m.Refused(new RemoveAgendaItem("a99"), "not_found");
        m.Refused(new RenameAgendaItem("a99", "Tên mới"), "not_found");
        m.Refused(new MoveAgendaItem("a99", 0), "not_found");
        m.Refused(new StartAgendaItem("a99"), "not_found");
    }

    [Fact]
    public void RenameAgendaItem_ChangesTheTitleNormalised()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        m.Ok(new RenameAgendaItem("a1", " Khai mạc hội nghị ".Normalize(System.Text.NormalizationForm.FormD)));

        Assert.Equal("Khai mạc hội nghị", m.State.Agenda[0].Title);
        Assert.Equal("a1", m.State.CurrentAgendaItemId);
    }

    [Fact]
    public void RenameAgendaItem_ToAnEmptyOrTooLongTitle_IsInvalid()
    {
        var m = TestMeeting.Created();
        m.Refused(new RenameAgendaItem("a1", " "), "invalid", Actor.Organizer);
        m.Refused(new RenameAgendaItem("a1", new string('x', Text.TitleMax + 1)), "invalid", Actor.Organizer);
    }

    [Theory]
    [InlineData("a9", 0, new[] { "a9", "a1", "a2" })]
    [InlineData("a1", 2, new[] { "a2", "a3", "a1" })]
    [InlineData("a1", 8, new[] { "a2", "a3", "a4" })]
    public void MoveAgendaItem_MovesTheStepToThePosition(string id, int position, string[] firstThree)
    {
        var m = TestMeeting.Created();
        m.Ok(new MoveAgendaItem(id, position), Actor.Organizer);

        Assert.Equal(firstThree, Ids(m).Take(3));
        Assert.Equal(position, m.State.Agenda.FindIndex(a => a.Id == id));
        Assert.Equal(9, m.State.Agenda.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void MoveAgendaItem_OutsideTheAgenda_IsInvalid(int position)
    {
        TestMeeting.Created().Refused(new MoveAgendaItem("a1", position), "invalid", Actor.Organizer);
    }

    [Fact]
    public void StartAgendaItem_MakesItCurrentAndRecordsTheStartTime()
    {
        var m = TestMeeting.Started();
        m.Advance(60).Ok(new StartAgendaItem("a4"));

        Assert.Equal("a4", m.State.CurrentAgendaItemId);
        Assert.Equal(m.Now, m.State.CurrentAgendaItem!.StartedAt);
        Assert.Null(m.State.CurrentAgendaItem.EndedAt);
    }

    [Fact]
    public void StartAgendaItem_FinishesTheRunningStepAtTheSameTime()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a1"));
        var events = m.Advance(300).Ok(new StartAgendaItem("a3"));

        Assert.Equal([new AgendaItemFinished("a1") { At = m.Now, By = TestMeeting.ByChair }, new AgendaItemStarted("a3") { At = m.Now, By = TestMeeting.ByChair }],
            events.Take(2));
        // The chair's own floor moves to the new step with it.
        var chair = Assert.IsType<ChairFloorTaken>(events[^1]).Turn;
        Assert.Equal(("c3", "a3"), (chair.Id, chair.AgendaItemId)); // c1 before a1, c2 under a1
        Assert.Equal(TestMeeting.T0, m.State.Agenda[0].StartedAt);
        Assert.Equal(m.Now, m.State.Agenda[0].EndedAt);
        Assert.True(m.State.Agenda[0].IsDone);
        Assert.Equal("a3", m.State.CurrentAgendaItemId);
    }

    [Fact]
    public void StartAgendaItem_ThatIsAlreadyRunning_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a2"));
        m.Refused(new StartAgendaItem("a2"), "invalid_state");
    }

    [Fact]
    public void FinishAgendaItem_RecordsTheEndTimeAndLeavesNoCurrentStep()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        m.Advance(600).Ok(new FinishAgendaItem());

        Assert.Null(m.State.CurrentAgendaItemId);
        Assert.Equal(TestMeeting.T0.AddSeconds(600), m.State.Agenda[0].EndedAt);
    }

    [Fact]
    public void FinishAgendaItem_WhenNoStepIsRunning_IsRefused()
    {
        TestMeeting.Started().Refused(new FinishAgendaItem(), "invalid_state");
    }

    [Fact]
    public void NextAgendaItem_WithNoCurrentStep_StartsTheFirstStepNotDone()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        Assert.Equal("a1", m.State.CurrentAgendaItemId);

        m.Ok(new NextAgendaItem());
        m.Ok(new FinishAgendaItem());
        m.Ok(new NextAgendaItem());

        Assert.Equal("a3", m.State.CurrentAgendaItemId);
    }

    [Fact]
    public void NextAgendaItem_FinishesTheCurrentStepAndStartsTheOneAfter()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        m.Advance(600).Ok(new NextAgendaItem());

        Assert.Equal("a2", m.State.CurrentAgendaItemId);
        Assert.Equal(TestMeeting.T0, m.State.Agenda[0].StartedAt);
        Assert.Equal(m.Now, m.State.Agenda[0].EndedAt);
        Assert.Equal(m.Now, m.State.Agenda[1].StartedAt);
        Assert.Null(m.State.Agenda[1].EndedAt);
    }

    [Fact]
    public void NextAgendaItem_AtTheLastStep_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a9"));
        m.Refused(new NextAgendaItem(), "invalid_state");

        // Once every step is done there is nothing left to start either.
        m.Ok(new FinishAgendaItem());
        for (var i = 1; i <= 8; i++) m.Ok(new StartAgendaItem($"a{i}"));
        m.Ok(new FinishAgendaItem());
        m.Refused(new NextAgendaItem(), "invalid_state");
    }

    [Fact]
    public void PreviousAgendaItem_GoesBackAndKeepsTheFirstStartTime()
    {
        var m = TestMeeting.Started();
        m.Ok(new NextAgendaItem());
        m.Advance(100).Ok(new NextAgendaItem());
        m.Advance(100).Ok(new PreviousAgendaItem());

        var first = m.State.Agenda[0];
        Assert.Equal("a1", m.State.CurrentAgendaItemId);
        Assert.Equal(TestMeeting.T0, first.StartedAt);
        Assert.Null(first.EndedAt);
        Assert.Equal(m.Now, m.State.Agenda[1].EndedAt);
    }

    [Fact]
    public void PreviousAgendaItem_AtTheFirstStepOrWithNoCurrentStep_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Refused(new PreviousAgendaItem(), "invalid_state");
        m.Ok(new NextAgendaItem());
        m.Refused(new PreviousAgendaItem(), "invalid_state");
    }

    [Fact]
    public void Turns_RecordTheAgendaStepTheyHappenIn()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        m.Ok(new StartAgendaItem("a6"));
        m.Ok(new CallNext());

        Assert.Null(m.Turn("t1").AgendaItemId);
        Assert.Equal("a6", m.Turn("t2").AgendaItemId);
    }
}
