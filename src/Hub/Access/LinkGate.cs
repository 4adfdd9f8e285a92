using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Live;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveSession.Hub.Access;

/// <summary>
/// Whether a role link is still good: its meeting exists and the link has not been rotated since it was issued.
/// Every way in asks it: the authentication of each HTTP request and hub connection (<see cref="CheckAsync"/>, a fresh
/// read), each hub call (<see cref="LinkGateFilter"/>, the state this host knows, kept fresh by <see cref="RevokedLinkSweeper"/>)
/// and each command (<see cref="Check"/> on the state it is decided on).
/// </summary>
public sealed class LinkGate(MeetingService meetings)
{
    public static DomainError MeetingNotFound { get; } = DomainError.NotFound("hội nghị", "của liên kết này");

    /// <summary>The refusal for <paramref name="grant"/> on <paramref name="state"/>, or null when the link is good.</summary>
    public static DomainError? Check(RoleGrant grant, MeetingState? state) =>
        state is not { Exists: true } ? MeetingNotFound
        : grant.Generation < state.LinkGeneration(grant.Role) ? MeetingService.Revoked
        : null;

    /// <summary>Against the meeting as stored now (one read of the events this host has not seen).</summary>
    public async Task<DomainError?> CheckAsync(RoleGrant grant) => Check(grant, await meetings.CurrentAsync(grant.MeetingId));

    /// <summary>Against the state this host knows (at most <see cref="RevokedLinkSweeper.Interval"/> old), reading it only when unknown.</summary>
    public ValueTask<DomainError?> CheckKnownAsync(RoleGrant grant) =>
        meetings.Known(grant.MeetingId) is { } known ? ValueTask.FromResult(Check(grant, known)) : new(CheckAsync(grant));
}

/// <summary>
/// Every hub call passes the gate: a rotated link's calls are refused even before <see cref="RevokedLinkSweeper"/> cuts
/// its connection (a method answering a <see cref="CommandResult"/> gets the refusal; the others a hub error).
/// </summary>
public sealed class LinkGateFilter(LinkGate gate) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var refused = GrantClaims.ToGrant(invocationContext.Context.User) is { } grant
            ? await gate.CheckKnownAsync(grant)
            : DomainError.Invalid("Liên kết không hợp lệ.");
        if (refused is null) return await next(invocationContext);
        return invocationContext.HubMethod.ReturnType == typeof(Task<CommandResult>)
            ? CommandResult.Refused(refused, -1)
            : throw new HubException(refused.Message);
    }
}

/// <summary>
/// Cuts this host's hub connections whose link was rotated or whose meeting is gone, within <see cref="Interval"/>:
/// each is told why (<see cref="HubContract.LinkRevoked"/>) and closed, so it stops receiving the meeting's events.
/// Blazor pages hold their hub connection with the user's link, so their circuits are cut the same way.
/// </summary>
public sealed partial class RevokedLinkSweeper(
    LocalConnections<MeetingHub> connections, MeetingService meetings, ILogger<RevokedLinkSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The store is away: nothing can be rotated meanwhile, and StoreMonitor tells the clients.
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        var byMeeting = connections.Here
            .Select(c => (Connection: c, Grant: GrantClaims.ToGrant(c.User)))
            .Where(c => c.Grant is not null)
            .GroupBy(c => c.Grant!.MeetingId);
        foreach (var meeting in byMeeting)
        {
            var state = await meetings.CurrentAsync(meeting.Key);
            foreach (var (connection, grant) in meeting)
            {
                if (LinkGate.Check(grant!, state) is not { } refused) continue;
                LogCut(meeting.Key, grant!.Role, grant.Generation);
                try
                {
                    await connection.WriteAsync(new InvocationMessage(HubContract.LinkRevoked, [refused.Message]), cancellationToken);
                }
                finally
                {
                    connection.Abort();
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: cut a {Role} connection of link generation {Generation}")]
    private partial void LogCut(string meetingId, Role role, int generation);
}
