namespace LiveSession.Hub.Limits;

/// <summary>
/// Once the host is stopping, new hub and circuit connections are refused (503), and any that slipped in while
/// SignalR was closing the ones it tracks are aborted shortly after: clients go straight to another host, and the
/// host does not wait out its 30 s shutdown timeout for a connection nobody will end (dotnet/aspnetcore#58947).
/// </summary>
public sealed partial class StoppingGate
{
    /// <summary>Time SignalR gets to close its own connections cleanly before the stragglers are cut.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly RequestDelegate _next;
    private readonly ILogger<StoppingGate> _logger;
    private readonly CancellationToken _stopping;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpContext, byte> _open = new();

    public StoppingGate(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<StoppingGate> logger)
    {
        _next = next;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        _stopping.Register(() => _ = AbortStragglersAsync());
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!LiveRequests.IsAny(context))
        {
            await _next(context);
            return;
        }
        if (_stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        _open[context] = 0;
        try
        {
            await _next(context);
        }
        finally
        {
            _open.TryRemove(context, out _);
        }
    }

    private async Task AbortStragglersAsync()
    {
        await Task.Delay(Grace);
        if (_open.IsEmpty) return;
        LogAborting(_open.Count);
        foreach (var context in _open.Keys) context.Abort();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: aborting {Count} hub or circuit connections still open")]
    private partial void LogAborting(int count);
}
