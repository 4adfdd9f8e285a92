using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Access;
using LiveSession.Hub.Store;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;

namespace LiveSession.Integration.Tests;

[Collection(RedisCollection.Name)]
public sealed class StoreTests(RedisServer redis) : IAsyncLifetime
{
    private TestHost _host = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _host = new TestHost(redis);
        _redis = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private MeetingStore Store => _host.Services.GetRequiredService<MeetingStore>();
    private static RoleGrant Chair(string id) => new(id, Role.Chair, 0);

    [Fact]
    public async Task Commit_StoresStateAndAppendsOneStreamEntryPerEventNumberedByVersion()
    {
        var id = await _host.CreateMeetingAsync();
        await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker("Lê Văn Cường", "Thôn 1"));
        var result = await _host.Meetings.ExecuteAsync(Chair(id), new CallNext());

        Assert.True(result.Ok);
        var stored = await Store.LoadAsync(id);
        Assert.Equal(result.Version, stored!.Version);
        Assert.Equal("Lê Văn Cường", stored.CurrentTurn!.SpeakerName);

        var entries = await _redis.GetDatabase().StreamRangeAsync(new MeetingKeys(id).Events);
        Assert.Equal(Enumerable.Range(1, (int)stored.Version).Select(v => $"0-{v}"), entries.Select(e => e.Id.ToString()));
    }

    [Fact]
    public async Task KeysOfOneMeeting_ShareAHashTag()
    {
        var keys = new MeetingKeys("abc");
        Assert.Equal("ls:{abc}:state", keys.State.ToString());
        Assert.Equal("ls:{abc}:events", keys.Events.ToString());
        var id = await _host.CreateMeetingAsync();
        Assert.True(await _redis.GetDatabase().KeyExistsAsync(new MeetingKeys(id).State));
        Assert.Contains(id, await Store.MeetingIdsAsync());
    }

    [Fact]
    public async Task Commit_WithStaleVersion_IsRejectedAndWritesNothing()
    {
        var id = await _host.CreateMeetingAsync();
        var state = (await Store.LoadAsync(id))!;
        var (next, decision) = Decider.Execute(state, new RegisterSpeaker("A"), new CommandContext(Actor.Chair, _host.Clock.GetUtcNow()));

        var outcome = await Store.CommitAsync(id, state.Version - 1, next, decision.Events);

        Assert.False(outcome.Committed);
        Assert.Equal(state.Version, outcome.Version);
        Assert.Equal(state.Version, (await Store.LoadAsync(id))!.Version);
        Assert.Equal(state.Version, await _redis.GetDatabase().StreamLengthAsync(new MeetingKeys(id).Events));
    }

    [Fact]
    public async Task ExpectedVersion_WhenTheMeetingMovedOn_IsRefusedAsStale()
    {
        var id = await _host.CreateMeetingAsync();
        var version = (await Store.LoadAsync(id))!.Version;
        await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker("A"));

        var result = await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker("B"), expectedVersion: version);

        Assert.False(result.Ok);
        Assert.Equal("stale_version", result.ErrorCode);
        Assert.Single((await Store.LoadAsync(id))!.Speakers);
    }

    [Fact]
    public async Task TwoHosts_50ParallelCommandsEach_LoseNoUpdate()
    {
        await using var second = new TestHost(redis);
        var id = await _host.CreateMeetingAsync();
        var before = (await Store.LoadAsync(id))!.Version;

        var commands = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker($"Host A người {i}")),
            second.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker($"Host B người {i}")),
        });
        var results = await Task.WhenAll(commands);

        Assert.All(results, r => Assert.True(r.Ok, r.ErrorMessage));
        var stored = (await Store.LoadAsync(id))!;
        Assert.Equal(100, stored.Speakers.Count);
        Assert.Equal(100, stored.Queue.Distinct().Count());
        Assert.Equal(before + 100, stored.Version);
        Assert.Equal(100, results.Select(r => r.Version).Distinct().Count());
        Assert.True(_host.Meetings.ConflictRetries + second.Meetings.ConflictRetries > 0, "the two hosts should have raced");

        // The stream is the record: folding it rebuilds exactly the stored state.
        var events = await Store.AllEventsAsync(id);
        var replayed = Decider.Fold(MeetingState.Empty(id), events.Select(e => e.Event));
        Assert.Equal(DomainJson.Serialize(stored), DomainJson.Serialize(replayed));
    }

    [Fact]
    public async Task ParallelCommandsOnOneHost_AreCommittedInBatches_EachWithItsOwnVersion_AndRefusalsStayAlone()
    {
        var id = await _host.CreateMeetingAsync();
        await _host.Meetings.ExecuteAsync(Chair(id), new StartMeeting());
        var before = (await Store.LoadAsync(id))!.Version;

        // 60 registrations and 20 calls of the next speaker at once: some calls may find the queue empty, none may be lost.
        var registrations = Enumerable.Range(0, 60).Select(i => _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker($"Người {i}"))).ToArray();
        var calls = Enumerable.Range(0, 20).Select(_ => _host.Meetings.ExecuteAsync(Chair(id), new CallNext())).ToArray();
        var results = await Task.WhenAll(registrations.Concat(calls));

        Assert.All(results[..60], r => Assert.True(r.Ok, r.ErrorMessage));
        Assert.All(results[60..], r => Assert.True(r.Ok || r.ErrorCode == "queue_empty", r.ErrorMessage));
        var stored = (await Store.LoadAsync(id))!;
        Assert.Equal(60, stored.Speakers.Count);
        Assert.Equal(results.Count(r => r.Ok && r.Version > 0), results.Where(r => r.Ok).Select(r => r.Version).Distinct().Count());
        Assert.Equal(results.Where(r => r.Ok).Max(r => r.Version), stored.Version);
        var events = await Store.AllEventsAsync(id);
        Assert.Equal(60, events.Count(e => e.Version > before && e.Event is SpeakerRegistered));
        Assert.Equal(DomainJson.Serialize(Decider.Fold(MeetingState.Empty(id), events.Select(e => e.Event))), DomainJson.Serialize(stored));
    }

    [Fact]
    public async Task Commits_BetweenSnapshots_StoreOnlyTheirEvents_AndALoadAppliesThemToTheSnapshot()
    {
        var id = await _host.CreateMeetingAsync();
        await _host.Meetings.ExecuteAsync(Chair(id), new StartMeeting());
        await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker("Phạm Thị Dung", "Tổ dân phố 3"));
        await _host.Meetings.ExecuteAsync(Chair(id), new CallNext());
        // Past the first snapshot after creation, half way to the next one: that snapshot is the one at a multiple.
        for (var v = (await Store.LoadAsync(id))!.Version; v < MeetingStore.SnapshotEvery || v % MeetingStore.SnapshotEvery != MeetingStore.SnapshotEvery / 2; v++)
            Assert.True((await _host.Meetings.ExecuteAsync(Chair(id), new ExtendTimer(1))).Ok);

        // The snapshot at the multiple is written after its command was answered (no command waits for it).
        var loaded = (await Store.LoadAsync(id))!;
        var state = new MeetingKeys(id).State;
        await Eventually.TrueAsync(async () => (long)await _redis.GetDatabase().HashGetAsync(state, "sv") == loaded.Version - MeetingStore.SnapshotEvery / 2,
            "the snapshot at the multiple is written");
        var snapshot = DomainJson.Deserialize<MeetingState>((await _redis.GetDatabase().HashGetAsync(state, "s"))!)!;
        Assert.Equal(loaded.Version - MeetingStore.SnapshotEvery / 2, snapshot.Version);
        var events = await Store.AllEventsAsync(id);
        Assert.Equal(DomainJson.Serialize(Decider.Fold(MeetingState.Empty(id), events.Select(e => e.Event))), DomainJson.Serialize(loaded));
        Assert.Equal(loaded.Floor!.Timer.AllottedSeconds, snapshot.Floor!.Timer.AllottedSeconds + MeetingStore.SnapshotEvery / 2);
    }

    [Fact]
    public async Task HostRestart_ReloadsTheMeetingFromRedis_AndContinuesAtTheNextVersion()
    {
        var id = await _host.CreateMeetingAsync();
        await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker("Phạm Thị Dung", "Tổ dân phố 3"));
        await _host.Meetings.ExecuteAsync(Chair(id), new CallNext());
        var before = (await Store.LoadAsync(id))!;

        await _host.DisposeAsync();
        _host = new TestHost(redis);

        var reloaded = (await _host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(DomainJson.Serialize(before), DomainJson.Serialize(reloaded));
        var result = await _host.Meetings.ExecuteAsync(Chair(id), new ExtendTimer(30));
        Assert.True(result.Ok);
        Assert.Equal(before.Version + 1, result.Version);
    }

    [Fact]
    public async Task EventsAfter_ReturnsTheMissedEvents_OrNullWhenTooMany()
    {
        var id = await _host.CreateMeetingAsync();
        for (var i = 0; i < 5; i++) await _host.Meetings.ExecuteAsync(Chair(id), new RegisterSpeaker($"Người {i}"));
        var version = (await Store.LoadAsync(id))!.Version;

        var missed = await Store.EventsAfterAsync(id, version - 3, max: 10);
        Assert.Equal([version - 2, version - 1, version], missed!.Select(e => e.Version));
        Assert.All(missed!, e => Assert.IsType<SpeakerRegistered>(e.Event));
        Assert.Null(await Store.EventsAfterAsync(id, 0, max: 3));

        var catchUp = await _host.Meetings.CatchUpAsync(id, 0, maxEvents: 3);
        Assert.Empty(catchUp.Events);
        Assert.Equal(version, catchUp.Snapshot!.Version);
    }

    [Fact]
    public async Task ClosingAMeeting_ArchivesItIntoTheRecords_AndLaterMinutesRefreshIt()
    {
        await using var host = new TestHost(redis);
        var id = await host.CreateMeetingAsync();
        await using var chair = await host.ConnectAsync(id, Role.Chair);
        foreach (var command in new MeetingCommand[] { new RegisterSpeaker("Nguyễn Văn An"), new CallNext(), new CloseMeeting() })
            Assert.True((await chair.ExecuteAsync(command)).Ok);
        var records = host.Services.GetRequiredService<LiveSession.Records.MeetingRecords>();

        var closed = (await host.Meetings.LoadFreshAsync(id))!;
        await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Version == closed.Version, "the closed meeting reaches the records");
        Assert.Equal(closed.Version, (await records.EventsAsync(id)).Count);

        // The minutes are finished after the meeting: the archive follows.
        Assert.True((await chair.ExecuteAsync(new LiveSession.Domain.Minutes.MarkPetition("t1", "Đề nghị sửa đường"))).Ok);
        // The archive at the new version, not only its kiến nghị: the follow-up of the archive before may already have opened it.
        await Eventually.TrueAsync(async () => await records.FindAsync(id) is { Petitions.Count: 1 } record && record.Version == closed.Version + 1,
            "the later change is archived too");
        Assert.Equal(closed.Version + 1, (await records.EventsAsync(id)).Count);
    }
}
