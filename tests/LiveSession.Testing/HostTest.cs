using LiveSession.Client;
using LiveSession.Domain.Meetings;

namespace LiveSession.Testing;

/// <summary>
/// Base of the tests against a real host: the host on the collection's redis-server, role page links,
/// and the clients a test opened (all closed when it ends).
/// </summary>
public abstract class HostTest(RedisServer redis) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _clients = [];

    protected RedisServer Redis => redis;
    protected TestHost Host { get; private set; } = null!;

    /// <summary>Settings the host starts with besides the test ones, e.g. "Paperwork:PdfConverter" = "none".</summary>
    protected virtual IReadOnlyDictionary<string, string>? HostSettings => null;

    public virtual Task InitializeAsync()
    {
        Host = new TestHost(redis, settings: HostSettings);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>A role's page of a meeting, with the role's link token.</summary>
    protected Uri Page(string path, string meetingId, Role role) =>
        new(Host.BaseAddress, $"{path}?t={Uri.EscapeDataString(Host.Token(meetingId, role))}");

    /// <summary>A started hub client of the meeting (on this test's host unless another is given), closed when the test ends.</summary>
    protected async Task<MeetingConnection> Connect(string meetingId, Role role, TestHost? host = null)
    {
        var client = await (host ?? Host).ConnectAsync(meetingId, role);
        return Track(client);
    }

    /// <summary>Closes the given client when the test ends.</summary>
    protected T Track<T>(T client) where T : IAsyncDisposable
    {
        _clients.Add(client);
        return client;
    }
}

/// <summary>A <see cref="HostTest"/> with Debian Chromium driven by Playwright.</summary>
public abstract class BrowserTest(RedisServer redis, params string[] chromiumArguments) : HostTest(redis)
{
    protected Browser Chromium { get; } = new(chromiumArguments);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Chromium.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
