using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveSession.Hub.Live;

/// <summary>
/// The hub's lifetime manager (the Redis backplane, or the in-memory one) with a list of this host's own
/// connections, so that a notice still reaches them when Redis, and with it the backplane, is down.
/// Everything else is passed through unchanged.
/// </summary>
public sealed class LocalConnections<THub>(HubLifetimeManager<THub> inner) : HubLifetimeManager<THub> where THub : Microsoft.AspNetCore.SignalR.Hub
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new();

    public int Count => _connections.Count;

    /// <summary>Whether the connection is open on this host.</summary>
    public bool IsHere(string connectionId) => _connections.ContainsKey(connectionId);

    /// <summary>This host's own connections.</summary>
    public IEnumerable<HubConnectionContext> Here => _connections.Values;

    /// <summary>Writes one message to every connection of this host, without the backplane.</summary>
    public Task SendToAllHereAsync(string method, object? argument, CancellationToken cancellationToken = default) =>
        WriteAsync(_connections.Values, method, argument, cancellationToken);

    /// <summary>
    /// Writes one message to those of <paramref name="connectionIds"/> that are open on this host, without the backplane
    /// (a connection already gone is skipped).
    /// </summary>
    public Task SendHereAsync(IEnumerable<string> connectionIds, string method, object? argument, CancellationToken cancellationToken = default) =>
        WriteAsync(connectionIds.Select(id => _connections.GetValueOrDefault(id)).OfType<HubConnectionContext>(), method, argument, cancellationToken);

    /// <summary>
    /// The message serialized once per protocol (not once per connection) and the same bytes written to each connection
    /// in turn. A write that completes at once (the connection's pipe has room) costs no task; the returned task ends
    /// when the others have been written too.
    /// </summary>
    private static Task WriteAsync(IEnumerable<HubConnectionContext> connections, string method, object? argument, CancellationToken cancellationToken)
    {
        var message = new SerializedHubMessage(new InvocationMessage(method, [argument]));
        List<Task>? pending = null;
        foreach (var connection in connections)
        {
            var write = connection.WriteAsync(message, cancellationToken);
            if (!write.IsCompletedSuccessfully) (pending ??= []).Add(write.AsTask());
        }
        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return inner.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        return inner.OnDisconnectedAsync(connection);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendAllAsync(methodName, args, cancellationToken);
    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);
    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupAsync(groupName, methodName, args, cancellationToken);
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);
    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);
    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUserAsync(userId, methodName, args, cancellationToken);
    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUsersAsync(userIds, methodName, args, cancellationToken);
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        inner.AddToGroupAsync(connectionId, groupName, cancellationToken);
    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);
    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        inner.SetConnectionResultAsync(connectionId, result);
    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        inner.TryGetReturnType(invocationId, out type);
}
