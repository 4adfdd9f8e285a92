using Microsoft.AspNetCore.Http.Connections.Client;

namespace LiveSession.Client.Protocol;

/// <summary>
/// How a server-rendered page reaches the meeting hub of its own host: the address comes from the server, never from
/// the browser (a browser-given base address would make the server connect anywhere), and the connection is marked
/// as the host's own so that it counts against no public address's limits.
/// </summary>
public interface IPageHub
{
    Uri HubUrl { get; }

    void Configure(HttpConnectionOptions options);
}
