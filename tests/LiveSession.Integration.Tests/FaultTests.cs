using System.Net.Http.Json;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Integration.Tests;

/// <summary>What happens when Redis goes away and comes back (AOF on, as scripts/run.sh runs it).</summary>
[Collection(RedisCollection.Name)]
public sealed class FaultTests(RedisServer redis) : IAsyncLifetime
{
    private TestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(redis);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await redis.StartAsync(); // whatever happened, the next test gets its redis-server back
        await _host.DisposeAsync();
    }

    /// <summary>
    /// A token for the host processes, which run on the machine's clock while this test's host runs on its test clock:
    /// a staff link issued by the test clock would have ended long ago by the machine's.
    /// </summary>
    private string ProcessToken(string id, Role role) => _host.Token(id, role, expires: DateTimeOffset.UtcNow.AddDays(1));

    [Fact]
    public async Task RedisRestart_CommandsFailClearly_HealthIsDegraded_AndTheHostRecoversWithoutARestart()
    {
        var id = await _host.CreateMeetingAsync();
        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        for (var i = 0; i < 5; i++) Assert.True((await chair.ExecuteAsync(new RegisterSpeaker($"Người {i}"))).Ok);
        var acknowledged = (await _host.Meetings.LoadFreshAsync(id))!.Version;
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        await using var screen = await _host.ConnectAsync(id, Role.Screen);
        await using var participant = await _host.ConnectAsync(id, Role.Participant);

        await redis.KillAsync();

        // Every client of the host is told, without having tried anything.
        await Eventually.TrueAsync(() => !screen.Store.Available && !participant.Store.Available && !chair.Store.Available, "the clients are told the store is gone");
        Assert.Contains("Mất kết nối máy chủ dữ liệu", screen.Store.Message);

        var refused = await chair.ExecuteAsync(new RegisterSpeaker("Trong lúc mất kết nối"));
        Assert.False(refused.Ok);
        Assert.Equal("store_unavailable", refused.ErrorCode);
        Assert.Contains("Mất kết nối máy chủ dữ liệu", refused.ErrorMessage);
        Assert.Equal("Degraded", await HealthAsync(http));

        await redis.StartAsync();

        await Eventually.TrueAsync(async () => await HealthAsync(http) == "Healthy", "the health check sees redis-server again");
        await Eventually.TrueAsync(() => screen.Store.Available && participant.Store.Available && chair.Store.Available, "the clients are told it is back");
        Assert.Null(screen.Store.Message);
        var state = (await _host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(acknowledged, state.Version);
        Assert.Equal(5, state.Speakers.Count);
        Assert.DoesNotContain(state.Speakers, s => s.Name == "Trong lúc mất kết nối");
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Sau khi có lại kết nối"))).Ok);
        Assert.Equal(acknowledged + 1, (await _host.Meetings.LoadFreshAsync(id))!.Version);
    }

    [Fact]
    public async Task HostKilledWith200ClientsMidMeeting_EveryClientResyncs_AndNoAcknowledgedCommandIsLost()
    {
        var id = await _host.CreateMeetingAsync();
        await using var process = new HostProcess(redis, RedisServer.FreePort());
        await process.StartAsync();
        var clients = new List<Client.MeetingConnection>();
        for (var i = 0; i < 200; i++)
        {
            var client = new Client.MeetingConnection(process.HubUrl, ProcessToken(id, i % 10 == 0 ? Role.Screen : Role.Participant));
            await client.StartAsync();
            clients.Add(client);
        }
        var chair = new Client.MeetingConnection(process.HubUrl, ProcessToken(id, Role.Chair));
        await chair.StartAsync();

        // The chair keeps registering people; the host dies in the middle of it.
        var busy = new BusyChair(chair, TimeSpan.Zero);
        await Eventually.TrueAsync(() => busy.Acknowledged.Count >= 20, "some commands are acknowledged before the crash");
        await process.KillAsync();
        await process.StartAsync();
        await Eventually.TrueAsync(() => busy.Acknowledged.Count >= 40, "the chair's commands are acknowledged again after the restart", timeoutSeconds: 60);
        await busy.StopAsync();
        var acknowledged = busy.Acknowledged;

        var stored = (await _host.Meetings.LoadFreshAsync(id))!;
        var events = await _host.Services.GetRequiredService<Hub.Store.MeetingStore>().AllEventsAsync(id);
        Assert.Equal(stored.Version, events.Count);
        Assert.All(acknowledged, version => Assert.Contains(events, e => e.Version == version && e.Event is SpeakerRegistered));
        // One command may have been stored just before the crash without its answer reaching the chair.
        Assert.InRange(events.Count(e => e.Event is SpeakerRegistered), acknowledged.Count, acknowledged.Count + 1);
        // The screen and participants follow the public view (never the whole state): it reaches the stored version.
        await Eventually.TrueAsync(() => clients.All(c => c.View!.Version == stored.Version), "all 200 clients reconnect and resync", timeoutSeconds: 60);
        Assert.All(clients, c => Assert.Equal(stored.Queue.Count, c.View!.Queue.Count));
        foreach (var client in clients) await client.DisposeAsync();
        await chair.DisposeAsync();
    }

    [Fact]
    public async Task TwoHostsBehindABalancer_OneKilled_ClientsOnTheSurvivorSeeNoGap_AndTheOthersReconnectToIt()
    {
        var id = await _host.CreateMeetingAsync();
        await using var doomed = new HostProcess(redis, RedisServer.FreePort());
        await doomed.StartAsync();
        await using var balancer = new FailoverProxy(doomed.BaseAddress.Port, _host.Port);
        var throughBalancer = new Uri(balancer.BaseAddress, HubContract.Path);

        // Phones and screens come in through the balancer and land on the first host...
        var movers = new List<Client.MeetingConnection>();
        for (var i = 0; i < 30; i++)
        {
            var client = new Client.MeetingConnection(throughBalancer, ProcessToken(id, i % 10 == 0 ? Role.Screen : Role.Participant));
            await client.StartAsync();
            movers.Add(client);
        }
        Assert.Equal(0, balancer.RoutedTo(_host.Port));
        // ...while consoles on the survivor watch every event go by, and the chair works there.
        var watchers = new List<EventWatcher>();
        for (var i = 0; i < 5; i++) watchers.Add(await EventWatcher.StartAsync(_host.HubUrl, _host.Token(id, Role.Organizer)));
        await using var chair = await _host.ConnectAsync(id, Role.Chair);

        var busy = new BusyChair(chair, TimeSpan.FromMilliseconds(20));
        await Eventually.TrueAsync(() => busy.Answers.Count >= 10, "the meeting is busy");
        await doomed.KillAsync();
        var atKill = busy.Answers.Count;
        await Eventually.TrueAsync(() => movers.All(m => m.Reconnects >= 1 && m.ConnectionState == HubConnectionState.Connected),
            "every client of the killed host reconnects through the balancer", timeoutSeconds: 60);
        await Eventually.TrueAsync(() => busy.Answers.Count >= atKill + 20, "the chair carries on");
        await busy.StopAsync();

        Assert.Equal(0, busy.Failures);
        Assert.All(busy.Answers, r => Assert.True(r.Ok, r.ErrorMessage));
        var final = (await _host.Meetings.LoadFreshAsync(id))!.Version;
        Assert.True(balancer.RoutedTo(_host.Port) >= movers.Count, $"{balancer.RoutedTo(_host.Port)} connections reached the survivor");
        await Eventually.TrueAsync(() => movers.All(m => m.View!.Version == final), "the moved clients resync on the survivor");
        foreach (var watcher in watchers)
        {
            await Eventually.TrueAsync(() => watcher.Versions.LastOrDefault() == final, "the watcher has the last event");
            Assert.Equal(watcher.Expected(final), watcher.Versions);
            Assert.Equal(HubConnectionState.Connected, watcher.State);
            await watcher.DisposeAsync();
        }
        foreach (var mover in movers) await mover.DisposeAsync();
    }

    [Fact]
    public async Task GracefulStop_FinishesAcknowledgedWork_ClosesConnectionsCleanly_AndClientsCarryOn()
    {
        var id = await _host.CreateMeetingAsync();
        await using var process = new HostProcess(redis, RedisServer.FreePort());
        await process.StartAsync();
        var screens = new List<Client.MeetingConnection>();
        for (var i = 0; i < 20; i++)
        {
            var screen = new Client.MeetingConnection(process.HubUrl, ProcessToken(id, Role.Screen));
            await screen.StartAsync();
            screens.Add(screen);
        }
        await using var chair = new Client.MeetingConnection(process.HubUrl, ProcessToken(id, Role.Chair));
        await chair.StartAsync();
        var acknowledged = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                try { if ((await chair.ExecuteAsync(new RegisterSpeaker($"Người {i}"))).Ok) Interlocked.Increment(ref acknowledged); }
                catch (Exception ex) when (ex is not OutOfMemoryException) { return; }
            }
        });
        await Eventually.TrueAsync(() => Volatile.Read(ref acknowledged) >= 5, "the meeting is busy");

        Assert.Equal(0, await process.StopAsync());
        await writer;
        await Eventually.TrueAsync(() => screens.All(s => s.ConnectionState != Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected), "every client was told the connection closed");

        var stored = (await _host.Meetings.LoadFreshAsync(id))!;
        Assert.InRange(stored.Speakers.Count, acknowledged, acknowledged + 1);
        await process.StartAsync();
        await Eventually.TrueAsync(() => screens.All(s => s.View?.Version == stored.Version), "the screens reconnect and resync", timeoutSeconds: 60);
        foreach (var screen in screens) await screen.DisposeAsync();
    }

    [Fact]
    public async Task ConnectionsFromOneAddress_AreCapped_AndFreedWhenClosed()
    {
        await using var host = new TestHost(redis, settings: new Dictionary<string, string> { ["LiveSession:MaxConnectionsPerIp"] = "3" });
        var id = await host.CreateMeetingAsync();
        var open = new List<Client.MeetingConnection>();
        for (var i = 0; i < 3; i++) open.Add(await host.ConnectAsync(id, Role.Screen));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectAsync(id, Role.Screen));
        Assert.Contains("429", refused.ToString());

        await open[0].DisposeAsync();
        await Eventually.TrueAsync(async () =>
        {
            try { open[0] = await host.ConnectAsync(id, Role.Chair); return true; }
            catch (Exception) { return false; }
        }, "a closed connection frees its place");
        Assert.True((await open[0].ExecuteAsync(new RegisterSpeaker("Vẫn vào được"))).Ok);
        foreach (var connection in open) await connection.DisposeAsync();
    }

    private static async Task<string?> HealthAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString();
}
