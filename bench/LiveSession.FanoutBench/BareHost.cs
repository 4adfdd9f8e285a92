using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveSession.FanoutBench;

/// <summary>
/// The physical limit of this stack here: a bare SignalR hub (same process model, same JSON protocol) that only
/// relays a message of the same size to every other connection — no meeting, no Redis, no views.
/// </summary>
public static class BareHost
{
    public const string Path = "/bare";

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
        var app = builder.Build();
        app.MapHub<RelayHub>(Path);
        app.MapGet("/health", () => Results.Ok());
        await app.RunAsync();
    }

    public sealed class RelayHub : Hub
    {
        public Task Broadcast(JsonElement message) => Clients.Others.SendAsync(Client.Protocol.HubContract.ViewChanged, message);
    }
}
