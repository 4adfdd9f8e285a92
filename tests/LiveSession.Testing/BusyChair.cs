using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Queue;

namespace LiveSession.Testing;

/// <summary>
/// A chair who keeps registering speakers until stopped, as in a busy meeting, keeping every answer. A call that
/// throws (the connection is down) is counted as failed, never as acknowledged, and tried again after a short pause.
/// </summary>
public sealed class BusyChair
{
    private readonly List<CommandResult> _answers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _failures;

    public BusyChair(MeetingConnection chair, TimeSpan pause) => _running = Task.Run(() => RunAsync(chair, pause));

    public IReadOnlyList<CommandResult> Answers { get { lock (_answers) return [.. _answers]; } }
    /// <summary>The versions of the commands the hub accepted.</summary>
    public IReadOnlyList<long> Acknowledged => [.. Answers.Where(a => a.Ok).Select(a => a.Version)];
    /// <summary>Calls that got no answer at all.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    private async Task RunAsync(MeetingConnection chair, TimeSpan pause)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            try
            {
                var answer = await chair.ExecuteAsync(new RegisterSpeaker($"Người số {i}"));
                lock (_answers) _answers.Add(answer);
                if (pause > TimeSpan.Zero) await Task.Delay(pause);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failures);
                await Task.Delay(50);
            }
        }
    }
}
