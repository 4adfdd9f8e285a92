using LiveSession.Client.Protocol;
using LiveSession.Hub.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveSession.Hub.Health;

/// <summary>
/// Checks the data store every <see cref="Interval"/> and, when it goes away or comes back, tells every client
/// connected to this host directly (the backplane runs through the same Redis, so it cannot carry the notice).
/// </summary>
public sealed partial class StoreMonitor(
    RedisHealthCheck check, LocalConnections<Live.MeetingHub> connections, ILogger<StoreMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public StoreStatus Current { get; private set; } = StoreStatus.Up;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var result = await check.CheckHealthAsync(new HealthCheckContext(), stoppingToken);
            var status = result.Status == HealthStatus.Healthy ? StoreStatus.Up : StoreStatus.Down;
            if (status == Current) continue;
            Current = status;
            if (status.Available) LogStoreBack(connections.Count);
            else LogStoreLost(result.Exception, connections.Count);
            try
            {
                await connections.SendToAllHereAsync(HubContract.StoreStatusChanged, status, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNoticeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Data store unreachable; telling {Connections} clients of this host")]
    private partial void LogStoreLost(Exception? exception, int connections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data store reachable again; telling {Connections} clients of this host")]
    private partial void LogStoreBack(int connections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand the store notice to every connection")]
    private partial void LogNoticeFailed(Exception exception);
}
