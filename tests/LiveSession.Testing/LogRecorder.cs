using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace LiveSession.Testing;

/// <summary>
/// Keeps the host's error log lines (an unhandled exception in a hub method or a request is one), so that a test
/// can tell a refusal, which logs no error, from a crash.
/// </summary>
public sealed class LogRecorder : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors.Select(e => $"{e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {e.Exception?.GetType().Name}: {e.Exception?.Message}")];

    public void Emit(LogEvent logEvent)
    {
        // SignalR logs a refused stream (its HubException carrying a StreamRefusal) at Error too: not a crash.
        if (logEvent.Level >= LogEventLevel.Error && logEvent.Exception is not Microsoft.AspNetCore.SignalR.HubException) _errors.Enqueue(logEvent);
    }

    public void Clear() => _errors.Clear();
}
