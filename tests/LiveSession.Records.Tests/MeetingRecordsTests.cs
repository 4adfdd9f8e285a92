using Microsoft.EntityFrameworkCore;

using LiveSession.Domain.FollowUp;

namespace LiveSession.Records.Tests;

/// <summary>The same suite against every store the records support: SQLite (the default) and PostgreSQL.</summary>
public abstract partial class MeetingRecordsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 1, 0, 0, TimeSpan.Zero);

    protected abstract void Configure(DbContextOptionsBuilder<RecordsDbContext> builder);

    private MeetingRecords _records = null!;
    private Contexts _contexts = null!;
    private PreMeetingRecords _preMeeting = null!;
    private FollowUps _followUps = null!;
    private readonly Clock _clock = new() { Now = T0.AddDays(60) };
    private readonly Meetings _meetings = new();

    /// <summary>Who opens the follow-up at the archive (the hub's archiver acts for the office).</summary>
    private static readonly FollowUpActor Archiver = new(Domain.Access.Holder.Office, Person: "Lưu trữ tự động");

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<RecordsDbContext>();
        Configure(builder);
        _contexts = new Contexts(builder.Options);
        _records = new MeetingRecords(_contexts, _clock);
        Assert.False(await _records.MigrateAsync());
        _preMeeting = new PreMeetingRecords(_contexts);
        _followUps = new FollowUps(_contexts, _meetings, _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<FollowUps>.Instance);
    }

    /// <summary>Archives a closed meeting and opens its follow-up, as the hub's archiver does.</summary>
    private async Task ArchiveAsync(MeetingState state, IReadOnlyList<VersionedEvent> events, IReadOnlyList<Domain.Access.AuditEntry>? refusals = null)
    {
        await _records.ArchiveAsync(state, events, refusals);
        _meetings.States[state.Id] = state;
        Assert.Null(await _followUps.RunAsync(state.Id, new OpenFollowUp(), Archiver));
    }

    /// <summary>A clock the tests set (it may go back: a test collecting before a meeting after one that followed it up).</summary>
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The live meetings as the follow-up sees them; <see cref="Gate"/>, when set, holds the next load until released.</summary>
    private sealed class Meetings : IMeetingStates
    {
        public Dictionary<string, MeetingState> States { get; } = [];
        public TaskCompletionSource? Gate { get; set; }
        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<MeetingState?> LoadAsync(string meetingId, CancellationToken cancellationToken = default)
        {
            if (Gate is { } gate)
            {
                Gate = null;
                Waiting.TrySetResult();
                await gate.Task;
            }
            return States.GetValueOrDefault(meetingId);
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private sealed class Contexts(DbContextOptions<RecordsDbContext> options) : IDbContextFactory<RecordsDbContext>
    {
        public RecordsDbContext CreateDbContext() => new(options);
    }

    /// <summary>A short closed meeting: two citizens, an answer, three kiến nghị resolved three ways; every event with its version.</summary>
    internal static (MeetingState State, List<VersionedEvent> Events) ClosedMeeting(string id)
    {
        var state = MeetingState.Empty(id);
        var events = new List<VersionedEvent>();
        var now = T0;
        void Run(MeetingCommand command, Actor? actor = null)
        {
            now = now.AddMinutes(3);
            var (next, decision) = Decider.Execute(state, command, new CommandContext(actor ?? Actor.Chair, now));
            Assert.True(decision.IsAccepted, decision.Error?.Message);
            events.AddRange(decision.Events.Select((e, i) => new VersionedEvent(state.Version + i + 1, e)));
            state = next;
        }
        Run(new CreateMeeting("Hội nghị đối thoại năm 2025", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã", T0, "Nguyễn Văn Chủ", "Trần Thị Thư"), Actor.Organizer);
        Run(new StartMeeting());
        Run(new NextAgendaItem());
        Run(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường liên thôn"));
        Run(new RegisterSpeaker("Trần Thị Bình", "Thôn Tây", Topic: "Đất đai"));
        Run(new CallNext());
        Run(new InviteAnswer("o1"));
        Run(new CallNext());
        Run(new EndTurn());
        Run(new MarkPetition("t1", "Đề nghị sửa đường liên thôn"), Actor.Secretary);
        Run(new RecordPetitionAnswer("k1", "Năm 2026 xã bố trí vốn.", "t2"), Actor.Secretary);
        Run(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Secretary);
        Run(new MarkPetition("t3", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"), Actor.Secretary);
        Run(new ResolvePetition("k2", PetitionResolution.Assigned, "Công chức Địa chính", new DateOnly(2025, 4, 30)), Actor.Secretary);
        Run(new MarkPetition("t3", "Đề nghị làm rõ nguồn gốc đất"), Actor.Secretary);
        Run(new ResolvePetition("k3", PetitionResolution.Escalated, "UBND huyện"), Actor.Secretary);
        Run(new Domain.Survey.OpenSurvey());
        Run(new Domain.Survey.AnswerSurvey(5, true, null), Actor.Participant("p1"));
        Run(new Domain.Survey.AnswerSurvey(4, false, "Cần trả lời cụ thể hơn"), Actor.Participant("p2"));
        Run(new CloseMeeting());
        return (state, events);
    }

    [Fact]
    public async Task ArchivingKeepsTheAuditsRefusals_AndEveryEventsAuthor()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        var refusal = new Domain.Access.AuditEntry(state.ClosedAt!.Value, null, "CallNext", new EventAuthor(Role.Participant, 1, "p7"), "forbidden");

        await ArchiveAsync(state, events, [refusal]);

        Assert.Equal([refusal], await _records.RefusalsAsync(state.Id));
        Assert.All(await _records.EventsAsync(state.Id), e => Assert.NotNull(e.Event.By));
        Assert.Empty(await _records.RefusalsAsync("m-not-archived"));
    }

    [Fact]
    public async Task ArchivingAClosedMeeting_KeepsEveryEvent_AndTheLogReplaysToTheSameState()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);

        await ArchiveAsync(state, events);

        var record = (await _records.FindAsync(state.Id))!;
        Assert.Equal(("Hội nghị đối thoại năm 2025", "Periodic", state.Version, state.ClosedAt), (record.Title, record.Kind, record.Version, record.ClosedAt));
        var archived = await _records.EventsAsync(state.Id);
        Assert.Equal(events.Select(e => e.Version), archived.Select(e => e.Version));
        var replayed = Decider.Fold(MeetingState.Empty(state.Id), archived.Select(e => e.Event));
        Assert.Equal(DomainJson.Serialize(state), DomainJson.Serialize(replayed));
        Assert.Equal(DomainJson.Serialize(state), record.StateJson);
    }

    [Fact]
    public async Task ArchivingAgain_AddsOnlyWhatIsNew_AndKeepsTheFollowUp()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events[..^3]);
        await ArchiveAsync(state, events);
        await ArchiveAsync(state, events);

        Assert.Equal(events.Count, (await _records.EventsAsync(state.Id)).Count);
        var petitions = (await _records.FindAsync(state.Id))!.Petitions.OrderBy(p => p.PetitionId).ToList();
        Assert.Equal(
            [("k1", FollowUpStatus.Answered), ("k2", FollowUpStatus.InProgress), ("k3", FollowUpStatus.Escalated)],
            petitions.Select(p => (p.PetitionId, p.Status)));
        Assert.Equal(("Công chức Địa chính", new DateOnly(2025, 4, 30)), (petitions[1].ResponsibleUnit, petitions[1].Deadline));
        Assert.Equal("Năm 2026 xã bố trí vốn.", petitions[0].Answer);
    }

    [Fact]
    public async Task AQuestionOutsideTheContent_IsFollowedUpFromTheArchive_UntilItsWrittenAnswer()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        var (closed, decision) = Decider.Execute(state, new RecordOffTopicPetition("Lý Văn Khải", "Hỏi về chế độ hưu trí của bố", "Thôn Tây",
            ResponsibleUnit: "Bảo hiểm xã hội huyện"), new CommandContext(Actor.Secretary, state.ClosedAt!.Value.AddMinutes(5)));
        events.AddRange(decision.Events.Select((e, i) => new VersionedEvent(state.Version + i + 1, e)));

        await ArchiveAsync(closed, events);

        var item = (await _records.FindAsync(closed.Id))!.Petitions.Single(p => p.PetitionId == "k4");
        Assert.Equal((FollowUpStatus.InProgress, PetitionResolution.WrittenAnswer, "Bảo hiểm xã hội huyện", "Lý Văn Khải"),
            (item.Status, item.Resolution, item.ResponsibleUnit, item.CitizenName));
    }

    [Fact]
    public async Task Overdue_AreTheUnansweredPastTheirDeadline()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);

        Assert.DoesNotContain(await _records.OverdueAsync(new DateOnly(2025, 4, 30)), p => p.MeetingId == state.Id);
        var overdue = Assert.Single(await _records.OverdueAsync(new DateOnly(2025, 5, 2)), p => p.MeetingId == state.Id);
        Assert.Equal("k2", overdue.PetitionId);
    }

    [Fact]
    public async Task FollowUp_MovesAnItemToClosure_WithItsHistory_AndArchivingAgainKeepsIt()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);
        var unit = FollowUpActor.ForUnit("Công chức Địa chính");

        Assert.Equal("invalid", (await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.Answered, "  "), unit))!.Code);
        Assert.Equal("not_found", (await _followUps.RunAsync(state.Id, new RecordProgress("k9", FollowUpStatus.InProgress), unit))!.Code);
        Assert.Equal("forbidden", (await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress), FollowUpActor.ForUnit("Địa chính")))!.Code);
        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress, "Đang đo đạc lại thửa đất"), unit));
        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025."), unit));
        Assert.Equal("invalid_state", (await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress), unit))!.Code);
        await ArchiveAsync(state, events);

        var item = Assert.Single(await _records.ForUnitAsync(new(null, "Công chức Địa chính")), p => p.MeetingId == state.Id);
        Assert.Equal((FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025."), (item.Status, item.Answer));
        Assert.Equal([(FollowUpStatus.InProgress, "Công chức Địa chính"), (FollowUpStatus.Answered, "Công chức Địa chính")], item.History.OrderBy(h => h.Id).Select(h => (h.Status, h.Actor)));
        Assert.False(item.IsOverdueOn(new DateOnly(2025, 12, 31)));
        Assert.DoesNotContain(await _records.OverdueAsync(new DateOnly(2025, 12, 31)), p => p.MeetingId == state.Id);
    }

    [Fact]
    public async Task TheOffice_ReassignsAndMovesTheDeadline_AfterTheMeeting_AndTheHistorySaysWhoAndWhy()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);
        _clock.Now = new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal("forbidden", (await _followUps.RunAsync(state.Id, new ReassignPetition("k2", "Công an xã", "Không thuộc địa chính."), FollowUpActor.ForUnit("Công chức Địa chính")))!.Code);
        Assert.Null(await _followUps.RunAsync(state.Id, new ReassignPetition("k2", "Công an xã", "Không thuộc địa chính."), FollowUpActor.Office));
        Assert.Null(await _followUps.RunAsync(state.Id, new ChangeDeadline("k2", new DateOnly(2025, 5, 31), "Chờ kết quả đo đạc."), FollowUpActor.Office));
        await ArchiveAsync(state, events); // the minutes still say Địa chính until 30/4: the follow-up keeps the office's decision

        var item = Assert.Single(await _records.ForUnitAsync(new(null, "Công an xã")), p => p.MeetingId == state.Id);
        Assert.Equal(new DateOnly(2025, 5, 31), item.Deadline);
        Assert.DoesNotContain(await _records.ForUnitAsync(new(null, "Công chức Địa chính")), p => p.MeetingId == state.Id);
        Assert.Equal(
            ["Giao lại cho Công an xã (trước đây: Công chức Địa chính). Lý do: Không thuộc địa chính.", "Đổi thời hạn từ 30/04/2025 sang 31/05/2025. Lý do: Chờ kết quả đo đạc."],
            item.History.OrderBy(h => h.Id).Select(h => h.Note));
        Assert.All(item.History, h => Assert.Equal("Văn phòng HĐND-UBND", h.Actor));

        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.Answered, "Đã xử lý."), FollowUpActor.ForUnit("Công an xã")));
        Assert.Null(await _followUps.RunAsync(state.Id, new CloseFollowUp("k2"), FollowUpActor.Office));
        Assert.NotNull(Assert.Single(await _records.ForUnitAsync(new(null, "Công an xã")), p => p.MeetingId == state.Id).ClosedAt);
    }

    [Fact]
    public async Task EveryChange_IsAnEventWithWhenAndWho_AndTheStoredEventsFoldToTheProjections()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);
        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress, "Đang đo đạc"), FollowUpActor.ForUnit("Công chức Địa chính")));

        await using var db = _contexts.CreateDbContext();
        var rows = await db.FollowUpEvents.AsNoTracking().Where(e => e.MeetingId == state.Id).OrderBy(e => e.Version).ToListAsync();
        Assert.Equal([(1L, "followUpOpened", "Office: Lưu trữ tự động"), (2L, "progressRecorded", "Unit: Công chức Địa chính")], rows.Select(r => (r.Version, r.Type, r.By!)));
        var dossier = await _followUps.DossierAsync(state.Id);
        Assert.Equal(2, dossier.Version);
        var projected = (await _records.FindAsync(state.Id))!.Petitions.OrderBy(p => p.PetitionId).Select(p => p.ToFollowed() with { Started = false });
        Assert.Equal(dossier.FollowUp.Select(p => p with { Started = false }), projected);
    }

    [Fact]
    public async Task TwoWritersOnTheSameVersion_TheSecondIsRefusedByTheStore_DecidesAgain_AndNothingIsLost()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);
        var gate = new TaskCompletionSource();
        _meetings.Gate = gate;

        // The office decides on version 1 and waits; meanwhile the unit stores version 2; the office's version 2 is refused.
        var office = _followUps.RunAsync(state.Id, new ChangeDeadline("k2", new DateOnly(2025, 6, 30), "Chờ đo đạc."), FollowUpActor.Office);
        await _meetings.Waiting.Task;
        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress, "Đang đo đạc"), FollowUpActor.ForUnit("Công chức Địa chính")));
        gate.SetResult();
        Assert.Null(await office);

        var dossier = await _followUps.DossierAsync(state.Id);
        Assert.Equal(3, dossier.Version);
        var item = (await _records.FindAsync(state.Id))!.Petitions.Single(p => p.PetitionId == "k2");
        Assert.Equal((FollowUpStatus.InProgress, (DateOnly?)new DateOnly(2025, 6, 30)), (item.Status, item.Deadline));
        await using var db = _contexts.CreateDbContext();
        Assert.Equal(2, await db.FollowUps.CountAsync(h => h.MeetingId == state.Id && h.PetitionId == "k2"));
    }

    [Fact]
    public async Task PeriodicReport_CountsMeetingsPetitionsResultsAndSatisfaction()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await ArchiveAsync(state, events);
        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.InProgress, null), FollowUpActor.ForUnit("Công chức Địa chính")));

        var firstHalf = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));

        Assert.Equal(new Dictionary<string, int> { ["Định kỳ"] = 1 }, firstHalf.MeetingsByKind);
        Assert.Equal(new Dictionary<string, int> { ["Đường liên thôn"] = 1, ["Đất đai"] = 2 }, firstHalf.PetitionsByField);
        Assert.Equal((1, 0, 1, 1, 0), (firstHalf.AnsweredOnTheSpot, firstHalf.AnsweredLater, firstHalf.Escalated, firstHalf.Overdue, firstHalf.StillOpen));
        Assert.Equal((2, (double?)4.5), (firstHalf.SurveyAnswers, firstHalf.AverageSatisfaction));
        var csv = System.Text.Encoding.UTF8.GetString(firstHalf.ToCsv());
        Assert.StartsWith("\uFEFFMục,Nội dung,Số lượng\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,Đất đai,2\n", csv);
        Assert.Contains("Mức độ hài lòng,Điểm trung bình (1–5),4.5\n", csv);

        Assert.Null(await _followUps.RunAsync(state.Id, new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy."), FollowUpActor.ForUnit("Công chức Địa chính")));
        var resolved = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        Assert.Equal((1, 1, 1, 0, 0), (resolved.AnsweredOnTheSpot, resolved.AnsweredLater, resolved.Escalated, resolved.Overdue, resolved.StillOpen));
        Assert.Equal(0, (await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31))).Meetings);
    }

    [Fact]
    public async Task EachOfficesLatestMeeting_NamesItsCommune_NeverAnotherOffices()
    {
        var (own, ownEvents) = ClosedMeeting("m-own");
        var (older, olderEvents) = ClosedMeeting("m-older");
        var (other, otherEvents) = ClosedMeeting("m-other");
        await _records.ArchiveAsync(own, ownEvents);
        await _records.ArchiveAsync(older with { ClosedAt = own.ClosedAt!.Value.AddDays(-30) }, olderEvents);
        // Another commune's meeting, closed later: the installation's documents never take their name from it.
        await _records.ArchiveAsync(other with { Office = "nam-dan", ClosedAt = own.ClosedAt!.Value.AddDays(1) }, otherEvents);

        Assert.Equal("m-own", (await _records.LatestStateAsync(null))?.Id);
        Assert.Equal("m-other", (await _records.LatestStateAsync("nam-dan"))?.Id);
        Assert.Null(await _records.LatestStateAsync("dong-mai"));
    }

    [Fact]
    public async Task AMeetingNeverCreated_CannotBeArchived() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _records.ArchiveAsync(MeetingState.Empty("m-none"), []));
}

public sealed class SqliteMeetingRecordsTests : MeetingRecordsTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ls-records-{Guid.NewGuid():N}.db");

    protected override void Configure(DbContextOptionsBuilder<RecordsDbContext> builder) =>
        new RecordsOptions { SqliteFile = Path.GetFileName(_file) }.Configure(builder, Path.GetDirectoryName(_file)!);

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMeetingRecordsTests(PostgresServer postgres) : MeetingRecordsTests
{
    private readonly string _database = $"ls_{Guid.NewGuid():N}";

    protected override void Configure(DbContextOptionsBuilder<RecordsDbContext> builder) =>
        new RecordsOptions { PostgreSql = postgres.ConnectionString(_database) }.Configure(builder, "");
}
