using Microsoft.EntityFrameworkCore;

using LiveSession.Domain.FollowUp;

namespace LiveSession.Records.Tests;

public abstract partial class MeetingRecordsTests
{
    private static readonly DateOnly Cutoff = new(2025, 3, 10);

    /// <summary>A meeting planned for 15/3/2025 with kiến nghị collected until 10/3.</summary>
    private static MeetingState PlannedMeeting()
    {
        var state = MeetingState.Empty($"m{Guid.NewGuid():N}"[..13]);
        foreach (var command in new MeetingCommand[]
        {
            new CreateMeeting("Hội nghị đối thoại năm 2025", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã", T0, "Nguyễn Văn Chủ", "Trần Thị Thư"),
            new SetPetitionCutoff(Cutoff),
        })
        {
            var (next, decision) = Decider.Execute(state, command, new CommandContext(Actor.Organizer, T0.AddDays(-20)));
            Assert.True(decision.IsAccepted, decision.Error?.Message);
            state = next;
        }
        return state;
    }

    private static PreMeetingPetition Entry(int line, string name, DateOnly received, string unit = "Công chức Địa chính", string summary = "Đề nghị cấp giấy chứng nhận quyền sử dụng đất") =>
        new(line, name, "Thôn Đông", summary, "Đất đai", PetitionSource.VillageHead, "Trưởng thôn Đông", received, unit);

    /// <summary>The organizer adds entries on <paramref name="today"/> (noon in Vietnam), through the dossier.</summary>
    private Task<DomainError?> AddAsync(MeetingState state, IReadOnlyList<PreMeetingPetition> entries, DateOnly today)
    {
        _meetings.States[state.Id] = state;
        _clock.Now = new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(7));
        return _followUps.RunAsync(state.Id, new AddPreMeetingPetitions(entries), new FollowUpActor(Domain.Access.Holder.Organizer));
    }

    private Task<DomainError?> PrepareAsync(string meetingId, string number, string unit, string answer) =>
        _followUps.RunAsync(meetingId, new PrepareAnswer(number, answer), FollowUpActor.ForUnit(unit));

    [Fact]
    public async Task PreMeeting_EntriesAreNumbered_AndTheUnitPreparesTheAnswer()
    {
        var state = PlannedMeeting();
        Assert.Null(await AddAsync(state, [Entry(2, "Nguyễn Văn An", new(2025, 3, 5)), Entry(3, "Trần Thị Bình", new(2025, 3, 9), "Công an xã", "Mất trật tự ban đêm")], new DateOnly(2025, 3, 9)));
        Assert.Null(await AddAsync(state, [Entry(0, "Lê Văn Cường", Cutoff)], Cutoff));

        var items = await _preMeeting.ForMeetingAsync(state.Id);
        Assert.Equal(["tn1", "tn2", "tn3"], items.Select(i => i.Number));
        Assert.Equal((PetitionSource.VillageHead, "Trưởng thôn Đông"), (items[0].Source, items[0].Collector));

        Assert.Equal("forbidden", (await PrepareAsync(state.Id, "tn1", "Công an xã", "Không phải việc của công an."))!.Code);
        Assert.Null(await PrepareAsync(state.Id, "tn1", "Công chức Địa chính", "Hồ sơ đủ điều kiện, cấp trong tháng 4."));
        var forUnit = await _preMeeting.ForUnitAsync(new(null, "Công chức Địa chính"));
        Assert.Equal(["tn3", "tn1"], forUnit.Where(i => i.MeetingId == state.Id).Select(i => i.Item.Number));
        var answered = forUnit.Single(i => i.MeetingId == state.Id && i.Item.Number == "tn1").Item;
        Assert.Equal(("Hồ sơ đủ điều kiện, cấp trong tháng 4.", "Công chức Địa chính"), (answered.PreparedAnswer, answered.AnsweredBy));
    }

    [Fact]
    public async Task TakingIntoTheMeeting_TheMeetingOwnsIt_AndTheRecordsFollow_EvenAfterACrashBetween()
    {
        var state = PlannedMeeting();
        Assert.Null(await AddAsync(state, [Entry(2, "Nguyễn Văn An", new(2025, 3, 5)), Entry(3, "Trần Thị Bình", new(2025, 3, 6))], new DateOnly(2025, 3, 9)));
        Assert.Null(await PrepareAsync(state.Id, "tn1", "Công chức Địa chính", "Hồ sơ đủ điều kiện."));
        var items = await _preMeeting.ForMeetingAsync(state.Id);

        // The meeting's import is the one write; then the host "crashes" before the dossier is told.
        var rows = items.Select((p, i) => new RegistrationRow(i + 1, p.CitizenName, p.Locality, Topic: p.Summary, Field: p.Field, Kind: RegistrationKind.Petition,
            PreparedAnswer: p.PreparedAnswer, PreMeetingNumber: p.Number)).ToList();
        var (taken, decision) = Decider.Execute(state, new ImportRegistrations(rows), new CommandContext(Actor.Organizer, T0.AddDays(-1)));
        Assert.True(decision.IsAccepted);
        _meetings.States[state.Id] = taken;

        // The unit cannot change an answer the meeting holds now, though the records do not say "taken" yet.
        Assert.Equal("invalid_state", (await PrepareAsync(state.Id, "tn1", "Công chức Địa chính", "Sửa lại."))!.Code);
        Assert.All(await _preMeeting.ForMeetingAsync(state.Id), p => Assert.Null(p.TakenAt));

        // Told later (the page's next load), the dossier records it once; telling it again changes nothing.
        var organizer = new FollowUpActor(Domain.Access.Holder.Organizer);
        Assert.Null(await _followUps.RunAsync(state.Id, new TakeIntoMeeting(), organizer));
        Assert.Null(await _followUps.RunAsync(state.Id, new TakeIntoMeeting(), organizer));
        Assert.Equal([("tn1", "k1"), ("tn2", "k2")], (await _preMeeting.ForMeetingAsync(state.Id)).Select(p => (p.Number, p.TakenAs!)));
        Assert.Equal(3, (await _followUps.DossierAsync(state.Id)).Version); // added, answer prepared, taken: once
    }

    [Fact]
    public async Task PreMeeting_AfterTheCutoff_NothingIsTaken_WithAClearMessage()
    {
        var state = PlannedMeeting();

        var late = await AddAsync(state, [Entry(0, "Nguyễn Văn An", new(2025, 3, 11))], new DateOnly(2025, 3, 11));
        Assert.Equal("invalid_state", late!.Code);
        Assert.Contains("Đã hết hạn thu thập kiến nghị trước hội nghị (ngày 10/03/2025)", late.Message);

        // A received date after the day of entry is a typing mistake.
        var received = await AddAsync(state, [Entry(0, "Nguyễn Văn An", new(2025, 3, 11))], new DateOnly(2025, 3, 10));
        Assert.Equal("Ngày nhận 11/03/2025 ở tương lai.", received!.Message);

        Assert.Empty(await _preMeeting.ForMeetingAsync(state.Id));
    }

    [Fact]
    public async Task PreMeeting_ABadRow_RefusesTheWholeBatch_NamingItsLine()
    {
        var state = PlannedMeeting();

        var refused = await AddAsync(state,
            [Entry(2, "Nguyễn Văn An", new(2025, 3, 5)), Entry(3, "", new(2025, 3, 5)), Entry(4, "Trần Thị Bình", new(2025, 3, 6), unit: " ")],
            new DateOnly(2025, 3, 7));

        Assert.Equal("import_invalid", refused!.Code);
        Assert.StartsWith("2 dòng có lỗi:\nDòng 3: ", refused.Message);
        Assert.Contains("\nDòng 4: ", refused.Message);
        Assert.Empty(await _preMeeting.ForMeetingAsync(state.Id));
    }

    [Fact]
    public async Task Migrations_OnAnEmptyStore_LeaveNothingPending_AndMatchTheModel()
    {
        await using var db = _contexts.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.False(await _records.MigrateAsync()); // running again changes nothing
    }

    [Fact]
    public async Task AStoreMadeBeforeMigrations_IsAdopted_KeepsItsData_AndGetsTheNewTables()
    {
        // The store as EnsureCreated made it before migrations: today's schema without what was added since, no history.
        var (closed, events) = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        await using (var db = _contexts.CreateDbContext())
        {
            await db.Database.EnsureDeletedAsync();
            Assert.True(await db.Database.EnsureCreatedAsync());
            await ArchiveAsync(closed, events); // data in the baseline's tables
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"PreMeetingPetitions\"");
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"FollowUpEvents\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Meetings\" DROP COLUMN \"RefusalsJson\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"ClosedAt\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"PreMeetingNumber\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"OfficeId\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"AnswerDue\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"HigherLevelAnswer\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Petitions\" DROP COLUMN \"ReceivedOn\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Meetings\" DROP COLUMN \"OfficeId\"");
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }

        Assert.True(await _records.MigrateAsync());

        Assert.Equal(events.Count, (await _records.EventsAsync(closed.Id)).Count);
        var planned = PlannedMeeting();
        Assert.Null(await AddAsync(planned, [Entry(0, "Nguyễn Văn An", new(2025, 3, 5))], new DateOnly(2025, 3, 6)));
        // The kiến nghị written before the dossier existed are taken over as its baseline and followed on from there.
        _clock.Now = T0.AddDays(20);
        Assert.Null(await _followUps.RunAsync(closed.Id, new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy."), FollowUpActor.ForUnit("Công chức Địa chính")));
        var dossier = await _followUps.DossierAsync(closed.Id);
        Assert.Equal((2L, FollowUpStatus.Escalated), (dossier.Version, dossier.FindFollowed("k3")!.Status));
        Assert.Equal(FollowUpStatus.Answered, (await _records.FindAsync(closed.Id))!.Petitions.Single(p => p.PetitionId == "k2").Status);
        await using var check = _contexts.CreateDbContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }
}
