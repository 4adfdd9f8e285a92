using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveSession.FanoutBench;

/// <summary>
/// A minimal SignalR client for the measured followers, so that 2,000 simulated phones cost the shared CPU as little
/// as possible: the JSON hub protocol over one <see cref="ClientWebSocket"/>, without negotiation (as the .NET clients
/// here, which skip it too), the token as <c>access_token</c> in the query (as the browser client sends it; the host
/// reads it there). It shakes hands, invokes Join like the .NET client and waits for its completion, and sends a ping
/// every 15 s (the server drops a client it has heard nothing from for 30 s; the .NET client does the same). One
/// receive loop reads frames into a buffer the client keeps, splits them on the record separator, and of each message
/// reads only "type" and "target": an invocation of the followed target is reported with the time it was recognized.
/// Nothing is deserialized into objects; the argument's raw JSON is cut out only when asked for (<see cref="FirstArgument"/>).
/// </summary>
internal sealed class LeanClient : IAsyncDisposable
{
    /// <param name="timestamp"><see cref="Stopwatch.GetTimestamp"/> when the message was recognized.</param>
    /// <param name="message">The whole message, without its separator; valid only during the call.</param>
    public delegate void Delivery(long timestamp, ReadOnlySpan<byte> message);

    private const byte Separator = 0x1e;
    private const int Invocation = 1, Completion = 3, Ping = 6, Close = 7;
    private static readonly ReadOnlyMemory<byte> HandshakeRequest = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> PingMessage = "{\"type\":6}\u001e"u8.ToArray();
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15), Timeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _target;
    private readonly Delivery _delivered;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private byte[] _buffer = new byte[4096];
    private bool _handshakeDone;
    private Task _receiving = Task.CompletedTask, _keepingAlive = Task.CompletedTask;

    private LeanClient(string target, Delivery delivered)
    {
        _target = Encoding.UTF8.GetBytes(target);
        _delivered = delivered;
    }

    /// <summary>
    /// Connects to the hub at <paramref name="hubUrl"/> (http), invokes <paramref name="invoke"/> (Join, or e.g. ListenHall)
    /// when there is a token, and reports every <paramref name="target"/>.
    /// </summary>
    public static async Task<LeanClient> ConnectAsync(Uri hubUrl, string? token, string target, Delivery delivered, string invoke = "Join")
    {
        var client = new LeanClient(target, delivered);
        var url = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" };
        if (token is not null) url.Query = "access_token=" + Uri.EscapeDataString(token);
        await client._socket.ConnectAsync(url.Uri, CancellationToken.None);
        client._receiving = client.ReceiveAsync();
        await client._socket.SendAsync(HandshakeRequest, WebSocketMessageType.Text, true, CancellationToken.None);
        await client._handshake.Task.WaitAsync(Timeout);
        if (token is not null)
        {
            // The only invocation this client makes, so its completion is the only one it gets.
            var invocation = Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"{invoke}\",\"arguments\":[]}}\u001e");
            await client._socket.SendAsync(invocation, WebSocketMessageType.Text, true, CancellationToken.None);
            if (await client._joined.Task.WaitAsync(Timeout) is { } error) throw new InvalidOperationException($"{invoke}: {error}");
        }
        // Only now, so that no two sends overlap (a WebSocket allows one at a time).
        client._keepingAlive = client.KeepAliveAsync();
        return client;
    }

    private async Task ReceiveAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                filled += result.Count;
                // Every message ends with the separator; one cut off at the end of this read waits for the next.
                var start = 0;
                int length;
                while ((length = _buffer.AsSpan(start, filled - start).IndexOf(Separator)) >= 0)
                {
                    if (!OnMessage(_buffer.AsSpan(start, length))) return;
                    start += length + 1;
                }
                if (start > 0)
                {
                    _buffer.AsSpan(start, filled - start).CopyTo(_buffer);
                    filled -= start;
                }
            }
        }
        catch (Exception e)
        {
            // Lost connection, or a message it could not read: this client stops, and the round waiting for it says so.
            _handshake.TrySetException(e);
            _joined.TrySetException(e);
            if (!_stop.IsCancellationRequested) Console.Error.WriteLine($"lean client stopped: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _handshake.TrySetException(new InvalidOperationException("closed before the handshake"));
            _joined.TrySetException(new InvalidOperationException("closed before Join completed"));
        }
    }

    /// <summary>One message of the hub protocol; false when the server closes the connection.</summary>
    private bool OnMessage(ReadOnlySpan<byte> message)
    {
        if (!_handshakeDone)
        {
            // The handshake response: {} or {"error":"..."}.
            _handshakeDone = true;
            if (Property(message, "error"u8) is { } refused) _handshake.TrySetException(new InvalidOperationException("handshake: " + refused));
            else _handshake.TrySetResult();
            return true;
        }
        // The server writes "type" and "target" before "arguments"; reading stops once both are known.
        var reader = new Utf8JsonReader(message);
        reader.Read();
        int type = 0;
        bool? followed = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.ValueTextEquals("target"u8)) { reader.Read(); followed = reader.ValueTextEquals(_target); }
            else { reader.Read(); reader.Skip(); }
            if (type != 0 && (type != Invocation || followed is not null)) break;
        }
        switch (type)
        {
            case Invocation when followed == true:
                _delivered(Stopwatch.GetTimestamp(), message);
                return true;
            case Completion:
                // A hub error, or a refusal in the answer (a CommandResult with "ok":false).
                _joined.TrySetResult(Property(message, "error"u8) ?? (message.IndexOf("\"ok\":false"u8) >= 0 ? Encoding.UTF8.GetString(message) : null));
                return true;
            case Close:
                if (!_stop.IsCancellationRequested) Console.Error.WriteLine($"lean client: server closed: {Encoding.UTF8.GetString(message)}");
                return false;
            default: // Ping (the keep-alive loop answers for the client), other targets
                return true;
        }
    }

    private async Task KeepAliveAsync()
    {
        using var timer = new PeriodicTimer(KeepAlive);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await _socket.SendAsync(PingMessage, WebSocketMessageType.Text, true, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
    }

    /// <summary>The raw JSON of a message's first argument (the same text as the .NET client's <c>JsonElement.GetRawText()</c>).</summary>
    public static string FirstArgument(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isArguments = reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isArguments && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(message[start..(int)reader.BytesConsumed]);
            }
            reader.Skip();
        }
        throw new FormatException("no argument in " + Encoding.UTF8.GetString(message));
    }

    /// <summary>A top-level string property of a message, or null.</summary>
    private static string? Property(ReadOnlySpan<byte> message, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(message);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepingAlive;
        try
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            await _receiving.WaitAsync(closing.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        _socket.Dispose();
        _stop.Dispose();
    }
}
