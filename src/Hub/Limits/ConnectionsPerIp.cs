using System.Collections.Concurrent;
using System.Net;
using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Limits;

/// <summary>
/// Caps the live connections (SignalR hub and Blazor circuits) one IP address holds at once, so that one
/// machine cannot exhaust the host. A refused connection gets 429 with a Vietnamese explanation.
/// </summary>
public sealed partial class ConnectionsPerIp(RequestDelegate next, IOptions<LiveSessionOptions> options, Live.OwnPageHub ownPages, ILogger<ConnectionsPerIp> logger)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxConnectionsPerIp;
        // The host's own pages (chair, secretary, hall screen) connect from the server itself: they are nobody's public address.
        if (limit <= 0 || !LiveRequests.Is(context) || ownPages.IsOwn(context) || context.Connection.RemoteIpAddress is not { } ip)
        {
            await next(context);
            return;
        }
        if (_open.AddOrUpdate(ip, 1, (_, n) => n + 1) > limit)
        {
            Release(ip);
            LogRefused(ip, limit);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync("Quá nhiều kết nối từ cùng một địa chỉ; hãy đóng bớt các trang đang mở rồi thử lại.");
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            Release(ip);
        }
    }

    private void Release(IPAddress ip)
    {
        if (_open.AddOrUpdate(ip, 0, (_, n) => n - 1) <= 0) _open.TryRemove(new KeyValuePair<IPAddress, int>(ip, 0));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a live connection from {RemoteIp}: over {Limit} at once")]
    private partial void LogRefused(IPAddress remoteIp, int limit);
}
