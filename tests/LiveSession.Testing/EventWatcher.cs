using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Testing;

/// <summary>
/// A console's bare hub connection (no catch-up, no reconnect) that records the version of every event as it
/// arrives: what it holds after a fault proves whether any event was missed, repeated or reordered.
/// </summary>
public sealed class EventWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<long> _versions = [];

    private EventWatcher(HubConnection connection) => _connection = connection;

    /// <summary>The meeting's version in the join snapshot; events after it follow.</summary>
    public long Joined { get; private set; }
    public HubConnectionState State => _connection.State;
    public IReadOnlyList<long> Versions { get { lock (_versions) return [.. _versions]; } }

    public static async Task<EventWatcher> StartAsync(Uri hubUrl, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => DomainJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var watcher = new EventWatcher(connection);
        connection.On<VersionedEvent[]>(HubContract.Changed, events => { lock (watcher._versions) watcher._versions.AddRange(events.Select(e => e.Version)); });
        await connection.StartAsync();
        watcher.Joined = (await connection.InvokeAsync<HubAnswer<JoinResult>>(HubContract.Join)).Take().State!.Version;
        return watcher;
    }

    /// <summary>The versions it should have seen by <paramref name="final"/>: every one after joining, once, in order.</summary>
    public IEnumerable<long> Expected(long final) => Enumerable.Range(0, (int)(final - Joined)).Select(i => Joined + 1 + i);

    /// <summary>How many events were missed, repeated or out of place, against <see cref="Expected"/>.</summary>
    public int Irregularities(long final)
    {
        var seen = Versions;
        return Math.Abs(seen.Count - (int)(final - Joined)) + seen.Where((version, i) => version != Joined + 1 + i).Count();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
