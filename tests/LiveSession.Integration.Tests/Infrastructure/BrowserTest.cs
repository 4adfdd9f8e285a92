using LiveSession.Client;
using LiveSession.Domain.Meetings;

namespace LiveSession.Integration.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: a real host against the collection's redis-server, Debian Chromium, and the
/// meeting clients a test opened (all closed when it ends).
/// </summary>
public abstract class BrowserTest(RedisServer redis) : IAsyncLifetime
{
    private readonly List<MeetingConnection> _clients = [];

    protected RedisServer Redis => redis;
    protected TestHost Host { get; private set; } = null!;
    protected Browser Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        Host = new TestHost(redis);
        await Chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await Chromium.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>A role's page of a meeting, with the role's link token.</summary>
    protected Uri Page(string path, string meetingId, Role role) =>
        new(Host.BaseAddress, $"{path}?t={Uri.EscapeDataString(Host.Token(meetingId, role))}");

    /// <summary>A started hub client of the meeting, closed when the test ends.</summary>
    protected async Task<MeetingConnection> Connect(string meetingId, Role role)
    {
        var client = await Host.ConnectAsync(meetingId, role);
        _clients.Add(client);
        return client;
    }
}
