using System.Net;
using System.Net.Sockets;

namespace LiveSession.Testing;

/// <summary>
/// A TCP balancer on loopback, as in front of two hosts: each new connection goes to the first backend that
/// accepts it, so clients stay on one host until it dies and then reconnect to the next. Counts where each went.
/// </summary>
public sealed class FailoverProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int[] _backends;
    private readonly int[] _routed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FailoverProxy(params int[] backendPorts)
    {
        _backends = backendPorts;
        _routed = new int[backendPorts.Length];
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many connections went to the backend on this port so far.</summary>
    public int RoutedTo(int backendPort) => Volatile.Read(ref _routed[Array.IndexOf(_backends, backendPort)]);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            for (var i = 0; i < _backends.Length; i++)
            {
                using var backend = new TcpClient();
                try { await backend.ConnectAsync(IPAddress.Loopback, _backends[i], _stop.Token); }
                catch (SocketException) { continue; }
                catch (OperationCanceledException) { return; }
                Interlocked.Increment(ref _routed[i]);
                using var ended = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var upstream = Pump(client.GetStream(), backend.GetStream(), ended.Token);
                var downstream = Pump(backend.GetStream(), client.GetStream(), ended.Token);
                await Task.WhenAny(upstream, downstream);
                await ended.CancelAsync(); // one side closed or failed: close both, as a balancer does
                return;
            }
        }
    }

    private static async Task Pump(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try { await from.CopyToAsync(to, cancellationToken); }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
