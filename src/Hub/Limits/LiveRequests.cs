namespace LiveSession.Hub.Limits;

/// <summary>The long-lived requests: the meeting hub's and Blazor's connections, as opposed to pages and API calls.</summary>
public static class LiveRequests
{
    private static readonly PathString[] Paths = [Client.Protocol.HubContract.Path, "/_blazor"];

    /// <summary>A connection itself: a WebSocket upgrade or another transport's receive loop (GET), not negotiation or sends.</summary>
    public static bool Is(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && IsAny(context) && !context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal);

    /// <summary>Anything addressed to the hub or to Blazor's circuits, negotiation included.</summary>
    public static bool IsAny(HttpContext context) => Paths.Any(p => context.Request.Path.StartsWithSegments(p));
}
