using LiveSession.Client.Protocol;
using LiveSession.Hub.Limits;
using LiveSession.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveSession.Integration.Tests;

/// <summary>What a stopping host does with hub and circuit connections (so it never waits out its shutdown timeout).</summary>
public sealed class StoppingGateTests
{
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public readonly CancellationTokenSource Stopping = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopping.Cancel();
    }

    /// <summary>What Kestrel gives a request: a token that <c>Abort()</c> cancels (the default feature's does nothing).</summary>
    private sealed class Abortable : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        private readonly CancellationTokenSource _aborted = new();
        public CancellationToken RequestAborted { get => _aborted.Token; set { } }
        public void Abort() => _aborted.Cancel();
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext { Request = { Method = "GET", Path = path } };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(new Abortable());
        return context;
    }

    [Fact]
    public async Task OnceStopping_NewHubAndCircuitRequestsAreRefused_PagesAndApiStillAnswer_AndOpenConnectionsAreCut()
    {
        var lifetime = new Lifetime();
        var open = new TaskCompletionSource();
        var gate = new StoppingGate(async context =>
        {
            if (context.Request.Path.StartsWithSegments(HubContract.Path))
            {
                // A connection that nobody closes, as one that raced SignalR's own close sweep.
                await using (context.RequestAborted.Register(() => open.TrySetResult())) await open.Task;
            }
            context.Response.StatusCode = 200;
        }, lifetime, NullLogger<StoppingGate>.Instance);

        var straggler = Request(HubContract.Path);
        var running = gate.InvokeAsync(straggler);
        Assert.False(running.IsCompleted);

        lifetime.StopApplication();
        foreach (var path in new[] { HubContract.Path, HubContract.Path + "/negotiate", "/_blazor", "/_blazor/negotiate" })
        {
            var refused = Request(path);
            await gate.InvokeAsync(refused);
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        }
        foreach (var path in new[] { "/screen", "/health", "/api/documents/bien-ban.docx" })
        {
            var page = Request(path);
            await gate.InvokeAsync(page);
            Assert.Equal(200, page.Response.StatusCode);
        }

        await Eventually.TrueAsync(() => running.IsCompleted, "the connection left open is aborted after the grace period");
        Assert.True(straggler.RequestAborted.IsCancellationRequested);
    }
}
