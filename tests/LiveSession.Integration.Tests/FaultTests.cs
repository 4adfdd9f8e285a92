using System.Net.Http.Json;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using System.Text.Json;
using LiveSession.Integration.Tests.Infrastructure;

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

    [Fact]
    public async Task RedisRestart_CommandsFailClearly_HealthIsDegraded_AndTheHostRecoversWithoutARestart()
    {
        var id = await _host.CreateMeetingAsync();
        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        for (var i = 0; i < 5; i++) Assert.True((await chair.ExecuteAsync(new RegisterSpeaker($"Người {i}"))).Ok);
        var acknowledged = (await _host.Meetings.LoadFreshAsync(id))!.Version;
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };

        await redis.KillAsync();

        var refused = await chair.ExecuteAsync(new RegisterSpeaker("Trong lúc mất kết nối"));
        Assert.False(refused.Ok);
        Assert.Equal("store_unavailable", refused.ErrorCode);
        Assert.Contains("Mất kết nối máy chủ dữ liệu", refused.ErrorMessage);
        Assert.Equal("Degraded", await HealthAsync(http));

        await redis.StartAsync();

        await Eventually.TrueAsync(async () => await HealthAsync(http) == "Healthy", "the health check sees redis-server again");
        var state = (await _host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(acknowledged, state.Version);
        Assert.Equal(5, state.Speakers.Count);
        Assert.DoesNotContain(state.Speakers, s => s.Name == "Trong lúc mất kết nối");
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Sau khi có lại kết nối"))).Ok);
        Assert.Equal(acknowledged + 1, (await _host.Meetings.LoadFreshAsync(id))!.Version);
    }

    private static async Task<string?> HealthAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString();
}
