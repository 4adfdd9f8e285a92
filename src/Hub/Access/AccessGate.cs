using System.Collections.Concurrent;
using System.Reflection;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Live;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveSession.Hub.Access;

/// <summary>
/// Whether a role link is still good: its meeting exists, the link has not been rotated since it was issued, and it has
/// not ended (a staff link <see cref="LiveSessionOptions.StaffLinkLifetime"/> after it was issued; a public link
/// <see cref="LiveSessionOptions.PublicLinkMarginAfterClose"/> after the meeting closed).
/// </summary>
public sealed class LinkRules(IOptions<LiveSessionOptions> options, TimeProvider clock)
{
    public static DomainError MeetingNotFound { get; } = DomainError.NotFound("hội nghị", "của liên kết này");
    public static DomainError Expired { get; } = new("link_expired", "Liên kết đã hết hạn. Hãy xin ban tổ chức liên kết mới.");

    /// <summary>The refusal for <paramref name="grant"/> on <paramref name="state"/>, or null when the link is good.</summary>
    public DomainError? Check(RoleGrant grant, MeetingState? state) =>
        state is not { Exists: true } ? MeetingNotFound
        : grant.Generation < state.LinkGeneration(grant.Role) ? MeetingService.Revoked
        : HasEnded(grant, state) ? Expired
        : null;

    /// <summary>When a newly issued link of <paramref name="role"/> ends; null for the public ones, which end with the meeting.</summary>
    public DateTimeOffset? ExpiryOfNew(Role role) =>
        IsPublic(role) ? null : clock.GetUtcNow() + options.Value.StaffLinkLifetime;

    private bool HasEnded(RoleGrant grant, MeetingState state)
    {
        var now = clock.GetUtcNow();
        if (grant.Expires is { } expires && now >= expires) return true;
        return IsPublic(grant.Role) && state.ClosedAt is { } closed && now >= closed + options.Value.PublicLinkMarginAfterClose;
    }

    private static bool IsPublic(Role role) => role is Role.Participant or Role.Screen;
}

/// <summary>
/// The one gate: may this caller do this operation? The link must be good (<see cref="LinkRules"/>) and the
/// <see cref="Permissions"/> table must allow its holder. Every way in asks it: the hub's calls (<see cref="AccessGateFilter"/>),
/// the HTTP endpoints (<see cref="AccessGateEndpoints.Requires{TBuilder}"/>) and the pages (<see cref="RequiresAttribute"/>
/// read by the page base); the authentication of each request and hub connection checks the link on a fresh read.
/// </summary>
public sealed class AccessGate(MeetingService meetings, LinkRules rules)
{
    /// <summary>Against the meeting as stored now (one read of the events this host has not seen).</summary>
    public async Task<DomainError?> CheckAsync(RoleGrant grant) => rules.Check(grant, await meetings.CurrentAsync(grant.MeetingId));

    /// <summary>
    /// <paramref name="operation"/> for <paramref name="grant"/> against the state this host knows (at most
    /// <see cref="RevokedLinkSweeper.Interval"/> old), reading it only when unknown.
    /// </summary>
    public async ValueTask<DomainError?> CheckAsync(RoleGrant grant, Operation operation) =>
        Permissions.Check(grant.Role, operation)
        ?? (meetings.Known(grant.MeetingId) is { } known ? rules.Check(grant, known) : await CheckAsync(grant));
}

/// <summary>
/// Every hub call passes the gate with the operation its method declares (a method declaring none is refused): a rotated
/// link's calls are refused even before <see cref="RevokedLinkSweeper"/> cuts its connection. The refusal is the method's
/// own reply type (<see cref="IHubReply{TSelf}"/>); a server stream completes with a <see cref="StreamRefusal"/>.
/// </summary>
public sealed class AccessGateFilter(AccessGate gate, Audit.AuditTrail audit) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, Operation?> Declared = new();
    private static readonly ConcurrentDictionary<Type, Func<DomainError, object>?> Refusals = new();

    public static Operation? OperationOf(MethodInfo method) =>
        Declared.GetOrAdd(method, m => m.GetCustomAttribute<RequiresAttribute>()?.Operation);

    /// <summary>
    /// How a hub method of <paramref name="returnType"/> answers a refusal: <c>Task&lt;T&gt;</c> of an <see cref="IHubReply{TSelf}"/>
    /// builds one; null for anything else (a server stream, which is refused with a <see cref="StreamRefusal"/>).
    /// </summary>
    public static Func<DomainError, object>? RefusalOf(Type returnType) => Refusals.GetOrAdd(returnType, type =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)
        && type.GetGenericArguments()[0] is var reply
        && reply.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHubReply<>) && i.GetGenericArguments()[0] == reply)
            ? typeof(AccessGateFilter).GetMethod(nameof(Refused), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(reply).CreateDelegate<Func<DomainError, object>>()
            : null);

    private static object Refused<TReply>(DomainError error) where TReply : IHubReply<TReply> => TReply.Refused(error);

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var grant = GrantClaims.Of(invocationContext.Context);
        var refused = (grant, OperationOf(invocationContext.HubMethod)) switch
        {
            (null, _) => DomainError.Invalid("Liên kết không hợp lệ."),
            (_, null) => DomainError.Invalid("Thao tác không được khai báo."),
            var (caller, operation) => await gate.CheckAsync(caller, operation.Value),
        };
        if (refused is null) return await next(invocationContext);
        if (grant is not null) audit.Refused(grant, invocationContext.HubMethodName, refused);
        return RefusalOf(invocationContext.HubMethod.ReturnType) is { } refusal
            ? refusal(refused)
            : throw new HubException(StreamRefusal.Text(refused));
    }
}

/// <summary>
/// Cuts this host's hub connections whose link was rotated or has ended, or whose meeting is gone, within <see cref="Interval"/>:
/// each is told why (<see cref="HubContract.LinkRevoked"/>) and closed, so it stops receiving the meeting's events.
/// Blazor pages hold their hub connection with the user's link, so their circuits are cut the same way.
/// </summary>
public sealed partial class RevokedLinkSweeper(
    LocalConnections<MeetingHub> connections, MeetingService meetings, LinkRules rules, ILogger<RevokedLinkSweeper> logger) : BackgroundService
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
                if (rules.Check(grant!, state) is not { } refused) continue;
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
