using System.Text.Json;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using LiveSession.Hub.Store;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using LiveSession.Domain.Views;

namespace LiveSession.Integration.Tests;

/// <summary>End to end: Kestrel on loopback, real SignalR clients, real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class HubTests(RedisServer redis) : HostTest(redis)
{
    /// <summary>A bare SignalR connection, to send what a well-behaved client never would.</summary>
    private async Task<HubConnection> RawConnectionAsync(string meetingId, Role role)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(Host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(Host.Token(meetingId, role)))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task ChairCallsNext_ScreenAndParticipantReceiveTheChangeWithTheNextVersion()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Connect(id, Role.Screen);
        var participant = await Connect(id, Role.Participant);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Hoàng Văn Em", "Thôn Đông", Topic: "Đường giao thông nông thôn"))).Ok);
        await Eventually.TrueAsync(() => screen.View!.Queue.Count == 1, "the screen sees the registration");

        var result = await chair.ExecuteAsync(new CallNext());

        Assert.True(result.Ok);
        await Eventually.TrueAsync(() => screen.View!.Version == result.Version && participant.View!.Version == result.Version
            && chair.State!.Version == result.Version, "chair, screen and participant reach the new version");
        Assert.Equal("Hoàng Văn Em", screen.View!.Floor!.Name);
        Assert.Equal("Hoàng Văn Em", participant.View!.Floor!.Name);
        // The screen and participants see the public view of the chair's state, never the state itself.
        Assert.Null(screen.State);
        Assert.Null(participant.State);
        Assert.Equal(DomainJson.Serialize(PublicView.Of(chair.State!)), DomainJson.Serialize(screen.View));
    }

    [Fact]
    public async Task Participant_CannotCallNext_AndNothingChanges()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        await chair.ExecuteAsync(new RegisterSpeaker("Người thứ nhất"));
        var participant = await Connect(id, Role.Participant);
        var before = (await Host.Meetings.LoadFreshAsync(id))!;

        var result = await participant.ExecuteAsync(new CallNext());

        Assert.False(result.Ok);
        Assert.Equal("forbidden", result.ErrorCode);
        Assert.Contains("không được phép", result.ErrorMessage);
        Assert.Equal(DomainJson.Serialize(before), DomainJson.Serialize(await Host.Meetings.LoadFreshAsync(id)));
    }

    [Fact]
    public async Task Screen_CanOnlyWatch()
    {
        var id = await Host.CreateMeetingAsync();
        var screen = await Connect(id, Role.Screen);
        var before = (await Host.Meetings.LoadFreshAsync(id))!.Version;
        foreach (var command in new MeetingCommand[] { new RegisterSpeaker("X"), new CallNext(), new NextAgendaItem(), new CloseList() })
            Assert.Equal("forbidden", (await screen.ExecuteAsync(command)).ErrorCode);
        Assert.Equal(before, (await Host.Meetings.LoadFreshAsync(id))!.Version);
    }

    [Fact]
    public async Task Participant_RegistersOnline_AndMayWithdrawOnlyTheirOwnRegistration()
    {
        var id = await Host.CreateMeetingAsync();
        var alice = await Connect(id, Role.Participant);
        var bob = await Connect(id, Role.Participant);
        Assert.NotNull(alice.PersonalToken);
        Assert.NotEqual(alice.ParticipantId, bob.ParticipantId);

        Assert.True((await alice.ExecuteAsync(new RegisterSpeaker("Alice", "Thôn 2", Channel: Channel.Hall))).Ok);
        var registration = (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single();
        Assert.Equal((Channel.Online, SpeakerStatus.Requested, alice.ParticipantId), (registration.Channel, registration.Status, registration.ParticipantId));

        var stolen = await bob.ExecuteAsync(new WithdrawSpeaker(registration.Id));
        Assert.Equal("forbidden", stolen.ErrorCode);
        Assert.True((await alice.ExecuteAsync(new WithdrawSpeaker(registration.Id))).Ok);
        Assert.Equal(SpeakerStatus.Withdrawn, (await Host.Meetings.LoadFreshAsync(id))!.Speakers.Single().Status);
    }

    [Fact]
    public async Task PersonalToken_KeepsTheParticipantsIdentityOnTheNextVisit()
    {
        var id = await Host.CreateMeetingAsync();
        var first = await Connect(id, Role.Participant);
        await first.ExecuteAsync(new RegisterSpeaker("Chị Hà"));

        var again = new MeetingConnection(Host.HubUrl, first.PersonalToken!);
        Track(again);
        await again.StartAsync();

        Assert.Equal(first.ParticipantId, again.ParticipantId);
        Assert.Null(again.PersonalToken);
        Assert.True((await again.ExecuteAsync(new WithdrawSpeaker("s1"))).Ok);
    }

    [Fact]
    public async Task BadInput_GetsAClearErrorAndChangesNothing()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        await using var raw = await RawConnectionAsync(id, Role.Chair);
        var version = (await Host.Meetings.LoadFreshAsync(id))!.Version;

        async Task<CommandResult> Send(object payload) =>
            await raw.InvokeAsync<CommandResult>(HubContract.Execute, JsonSerializer.SerializeToElement(payload), null);

        Assert.Equal("invalid", (await Send(new { name = "no type" })).ErrorCode);
        Assert.Contains("không được hỗ trợ", (await Send(new { type = "dropDatabase" })).ErrorMessage);
        Assert.Equal("invalid", (await Send(new { type = "moveSpeaker", speakerId = new[] { 1, 2 }, position = "x" })).ErrorCode);
        Assert.Contains("quá lớn", (await Send(new { type = "registerSpeaker", name = new string('a', 20_000) })).ErrorMessage);
        Assert.Equal("invalid", (await chair.ExecuteAsync(new RegisterSpeaker(new string('b', 500)))).ErrorCode);
        Assert.Equal("not_found", (await chair.ExecuteAsync(new CallSpeaker("s999"))).ErrorCode);
        Assert.Equal("invalid", (await chair.ExecuteAsync(new ExtendTimer(-5))).ErrorCode);
        Assert.Equal("stale_version", (await chair.ExecuteAsync(new RegisterSpeaker("Ok"), expectedVersion: version - 1)).ErrorCode);
        Assert.Equal("invalid", (await raw.InvokeAsync<HubAnswer<CatchUpResult>>(HubContract.CatchUp, -1L)).ErrorCode);

        Assert.Equal(version, (await Host.Meetings.LoadFreshAsync(id))!.Version);
    }

    [Fact]
    public async Task MessageOverTheTransportLimit_ClosesOnlyThatConnection()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        await using var hostile = await RawConnectionAsync(id, Role.Participant);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            hostile.InvokeAsync<CommandResult>(HubContract.Execute, JsonSerializer.SerializeToElement(new { type = "registerSpeaker", name = new string('x', 100_000) }), null));

        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Vẫn hoạt động"))).Ok);
    }

    [Fact]
    public async Task ForgedOrMissingToken_IsRejectedAtConnect()
    {
        var id = await Host.CreateMeetingAsync();
        var forged = new MeetingConnection(Host.HubUrl, "CfDJ8-not-a-real-token");
        var none = new HubConnectionBuilder().WithUrl(Host.HubUrl).Build();

        var e1 = await Assert.ThrowsAsync<HttpRequestException>(() => forged.StartAsync());
        var e2 = await Assert.ThrowsAsync<HttpRequestException>(() => none.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e1.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e2.StatusCode);
        await forged.DisposeAsync();
        await none.DisposeAsync();
    }

    [Fact]
    public async Task RotatedLink_StopsWorking_AndTheNewOneWorks()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var oldOrganizer = await Connect(id, Role.Organizer);

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Organizer))).Ok);

        var refused = await oldOrganizer.ExecuteAsync(new RegisterSpeaker("Sau khi thu hồi"));
        Assert.Equal("link_revoked", refused.ErrorCode);
        var rejoin = new MeetingConnection(Host.HubUrl, Host.Token(id, Role.Organizer, generation: 0));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => rejoin.StartAsync())).StatusCode);
        await rejoin.DisposeAsync();

        var fresh = await Host.ConnectAsync(id, Role.Organizer, generation: 1);
        Track(fresh);
        Assert.True((await fresh.ExecuteAsync(new RegisterSpeaker("Với liên kết mới"))).Ok);
    }

    [Fact]
    public async Task TokenOfAnotherMeeting_CannotTouchThisOne()
    {
        var mine = await Host.CreateMeetingAsync();
        var other = await Host.CreateMeetingAsync();
        var chairOfOther = await Connect(other, Role.Chair);

        await chairOfOther.ExecuteAsync(new RegisterSpeaker("Chỉ ở hội nghị kia"));

        Assert.Empty((await Host.Meetings.LoadFreshAsync(mine))!.Speakers);
        Assert.Equal(other, chairOfOther.State!.Id);
    }

    [Fact]
    public async Task ClientThatMissedEvents_CatchesUpFromItsVersion()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var screen = await Connect(id, Role.Secretary);
        var seen = screen.State!.Version;
        // Changes made behind the hub's back (another host without a backplane, say): no message reaches the screen.
        var store = Host.Services.GetRequiredService<MeetingStore>();
        var state = (await store.LoadAsync(id))!;
        var (next, decision) = Decider.Execute(state, new RegisterSpeaker("Ghi trực tiếp"), new CommandContext(Actor.Chair, Host.Clock.GetUtcNow()));
        Assert.True((await store.CommitAsync(id, state.Version, next, decision.Events)).Committed);

        Assert.Equal(seen, screen.State!.Version);
        await chair.ExecuteAsync(new RegisterSpeaker("Người kế tiếp"));  // version seen+2 arrives: a gap

        await Eventually.TrueAsync(() => screen.State!.Version == seen + 2, "the screen fills the gap from the event stream");
        Assert.Equal(["Ghi trực tiếp", "Người kế tiếp"], screen.State!.Speakers.Select(s => s.Name));
    }

    [Fact]
    public async Task ABurstFromSixteenWriters_ReachesConsolesAsEveryEventOnceInOrder_AndScreensAtTheLastVersion()
    {
        var id = await Host.CreateMeetingAsync();
        await using var console = await EventWatcher.StartAsync(Host.HubUrl, Host.Token(id, Role.Organizer));
        var screen = await Connect(id, Role.Screen);
        var writers = new List<MeetingConnection>();
        for (var i = 0; i < 16; i++) writers.Add(await Connect(id, Role.Organizer));

        // Commands that wait together are committed together, and their messages go out merged (one per kind per run).
        var results = await Task.WhenAll(writers.SelectMany((w, i) => Enumerable.Range(0, 10).Select(n => w.ExecuteAsync(new RegisterSpeaker($"Người {i}-{n}")))));
        Assert.All(results, r => Assert.True(r.Ok, r.ErrorMessage));

        var final = (await Host.Meetings.LoadFreshAsync(id))!.Version;
        Assert.Equal(console.Joined + 160, final);
        await Eventually.TrueAsync(() => console.Versions.LastOrDefault() == final, "the console has the last event");
        Assert.Equal(console.Expected(final), console.Versions);
        await Eventually.TrueAsync(() => screen.View!.Version == final, "the screen is at the last version");
        Assert.Equal(160, screen.View!.Queue.Count);
    }

    [Fact]
    public async Task HostStoppedAndRestarted_ClientsReconnectAndResync()
    {
        var port = RedisServer.FreePort();
        var first = new TestHost(Redis, port);
        var id = await first.CreateMeetingAsync();
        var screen = await Connect(id, Role.Screen, first);
        await first.DisposeAsync();

        // While the host is down, the meeting moves on through another host.
        var chair = await Connect(id, Role.Chair);
        await chair.ExecuteAsync(new RegisterSpeaker("Trong lúc mất kết nối"));
        var target = (await chair.ExecuteAsync(new CallNext())).Version;

        await using var restarted = new TestHost(Redis, port);
        await Eventually.TrueAsync(() => screen.View!.Version == target, "the screen reconnects and resyncs", timeoutSeconds: 30);
        Assert.Equal("Trong lúc mất kết nối", screen.View!.Floor!.Name);
        Assert.True(screen.Reconnects >= 1);
    }

    [Fact]
    public async Task TwoHostsWithTheBackplane_BothDeliverTheChange()
    {
        await using var second = new TestHost(Redis);
        var id = await Host.CreateMeetingAsync();
        var chairOnFirst = await Connect(id, Role.Chair, Host);
        var screenOnSecond = await Connect(id, Role.Screen, second);
        var participantOnFirst = await Connect(id, Role.Participant, Host);

        await chairOnFirst.ExecuteAsync(new RegisterSpeaker("Qua hai máy chủ"));
        var result = await chairOnFirst.ExecuteAsync(new CallNext());

        await Eventually.TrueAsync(() => screenOnSecond.View!.Version == result.Version, "the second host's client gets the change");
        await Eventually.TrueAsync(() => participantOnFirst.View!.Version == result.Version, "the first host's client gets the change");
        Assert.Equal("Qua hai máy chủ", screenOnSecond.View!.Floor!.Name);
    }
}
