namespace LiveSession.Hub.Meetings;

/// <summary>
/// On shutdown (SIGTERM, Ctrl+C) lets the commands already accepted finish their commit and broadcast
/// before SignalR closes the connections, so that clients reconnect at once (to another host behind the
/// balancer) with nothing acknowledged lost.
/// </summary>
public sealed partial class ShutdownDrain(MeetingService meetings, ILogger<ShutdownDrain> logger) : IHostedService
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogDraining();
        await meetings.WaitForIdleAsync(Limit, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: finishing the commands in flight before closing connections")]
    private partial void LogDraining();
}
