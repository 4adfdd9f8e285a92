using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records.Tests;

/// <summary>The same suite against every store the records support: SQLite (the default) and PostgreSQL.</summary>
public abstract partial class MeetingRecordsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 1, 0, 0, TimeSpan.Zero);

    protected abstract void Configure(DbContextOptionsBuilder<RecordsDbContext> builder);

    private MeetingRecords _records = null!;
    private Contexts _contexts = null!;
    private PreMeetingRecords _preMeeting = null!;

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<RecordsDbContext>();
        Configure(builder);
        _contexts = new Contexts(builder.Options);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddDays(60)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        _records = new MeetingRecords(_contexts, clock);
        Assert.False(await _records.MigrateAsync());
        _preMeeting = new PreMeetingRecords(_contexts, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PreMeetingRecords>.Instance);
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

        await _records.ArchiveAsync(state, events, [refusal]);

        Assert.Equal([refusal], await _records.RefusalsAsync(state.Id));
        Assert.All(await _records.EventsAsync(state.Id), e => Assert.NotNull(e.Event.By));
        Assert.Empty(await _records.RefusalsAsync("m-not-archived"));
    }

    [Fact]
    public async Task ArchivingAClosedMeeting_KeepsEveryEvent_AndTheLogReplaysToTheSameState()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);

        await _records.ArchiveAsync(state, events);

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
        await _records.ArchiveAsync(state, events[..^3]);
        await _records.ArchiveAsync(state, events);
        await _records.ArchiveAsync(state, events);

        Assert.Equal(events.Count, (await _records.EventsAsync(state.Id)).Count);
        var petitions = (await _records.FindAsync(state.Id))!.Petitions.OrderBy(p => p.PetitionId).ToList();
        Assert.Equal(
            [("k1", FollowUpStatus.Answered), ("k2", FollowUpStatus.InProgress), ("k3", FollowUpStatus.Escalated)],
            petitions.Select(p => (p.PetitionId, p.Status)));
        Assert.Equal(("Công chức Địa chính", new DateOnly(2025, 4, 30)), (petitions[1].ResponsibleUnit, petitions[1].Deadline));
        Assert.Equal("Năm 2026 xã bố trí vốn.", petitions[0].Answer);
    }

    [Fact]
    public async Task Overdue_AreTheUnansweredPastTheirDeadline()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await _records.ArchiveAsync(state, events);

        Assert.DoesNotContain(await _records.OverdueAsync(new DateOnly(2025, 4, 30)), p => p.MeetingId == state.Id);
        var overdue = Assert.Single(await _records.OverdueAsync(new DateOnly(2025, 5, 2)), p => p.MeetingId == state.Id);
        Assert.Equal("k2", overdue.PetitionId);
    }

    [Fact]
    public async Task FollowUp_MovesAnItemToClosure_WithItsHistory_AndArchivingAgainKeepsIt()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await _records.ArchiveAsync(state, events);

        Assert.Equal("invalid", (await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.Answered, "  ", "Địa chính"))!.Code);
        Assert.Equal("not_found", (await _records.RecordFollowUpAsync(state.Id, "k9", FollowUpStatus.InProgress, null, "Địa chính"))!.Code);
        Assert.Equal("invalid", (await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.New, null, "Địa chính"))!.Code);
        Assert.Null(await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.InProgress, "Đang đo đạc lại thửa đất", "Công chức Địa chính"));
        Assert.Null(await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025.", "Công chức Địa chính"));
        Assert.Equal("invalid_state", (await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.InProgress, null, "Công chức Địa chính"))!.Code);
        await _records.ArchiveAsync(state, events);

        var item = Assert.Single(await _records.ForUnitAsync("Công chức Địa chính"), p => p.MeetingId == state.Id);
        Assert.Equal((FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025."), (item.Status, item.Answer));
        Assert.Equal([FollowUpStatus.InProgress, FollowUpStatus.Answered], item.History.OrderBy(h => h.Id).Select(h => h.Status));
        Assert.False(item.IsOverdueOn(new DateOnly(2025, 12, 31)));
        Assert.DoesNotContain(await _records.OverdueAsync(new DateOnly(2025, 12, 31)), p => p.MeetingId == state.Id);
    }

    [Fact]
    public async Task PeriodicReport_CountsMeetingsPetitionsResultsAndSatisfaction()
    {
        var (state, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await _records.ArchiveAsync(state, events);
        Assert.Null(await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.InProgress, null, "Công chức Địa chính"));

        var firstHalf = await PeriodicReports.BuildAsync(_contexts, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));

        Assert.Equal(new Dictionary<string, int> { ["Định kỳ"] = 1 }, firstHalf.MeetingsByKind);
        Assert.Equal(new Dictionary<string, int> { ["Đường liên thôn"] = 1, ["Đất đai"] = 2 }, firstHalf.PetitionsByField);
        Assert.Equal((1, 0, 1, 1, 0), (firstHalf.AnsweredOnTheSpot, firstHalf.AnsweredLater, firstHalf.Escalated, firstHalf.Overdue, firstHalf.StillOpen));
        Assert.Equal((2, (double?)4.5), (firstHalf.SurveyAnswers, firstHalf.AverageSatisfaction));
        var csv = System.Text.Encoding.UTF8.GetString(firstHalf.ToCsv());
        Assert.StartsWith("\uFEFFMục,Nội dung,Số lượng\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,Đất đai,2\n", csv);
        Assert.Contains("Mức độ hài lòng,Điểm trung bình (1–5),4.5\n", csv);

        Assert.Null(await _records.RecordFollowUpAsync(state.Id, "k2", FollowUpStatus.Answered, "Đã cấp giấy.", "Công chức Địa chính"));
        var resolved = await PeriodicReports.BuildAsync(_contexts, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        Assert.Equal((1, 1, 1, 0, 0), (resolved.AnsweredOnTheSpot, resolved.AnsweredLater, resolved.Escalated, resolved.Overdue, resolved.StillOpen));
        Assert.Equal(0, (await PeriodicReports.BuildAsync(_contexts, new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31))).Meetings);
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
