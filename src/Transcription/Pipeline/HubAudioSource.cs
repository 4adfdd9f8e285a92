using System.Runtime.CompilerServices;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveSession.Transcription.Pipeline;

/// <summary>
/// The meeting's live speech from the hub's audio feed, placed on the meeting's audio clock: sample 0
/// is <see cref="Origin"/> (the meeting's start), so offsets — and the sequence numbers made from
/// them — are the same whichever worker hears the audio. Blocks are gathered into chunks of
/// <see cref="ChunkLength"/> for the VAD; a jump between microphone streams starts a new chunk (the
/// segmenter finishes what came before), overlapping audio is dropped, and when nothing arrives for
/// <see cref="QuietAfter"/> a pause is signalled so the last utterance is finished without waiting for
/// more audio. After a lost connection the feed is reopened where it stopped.
/// </summary>
public sealed partial class HubAudioSource(
    MeetingConnection meeting, DateTimeOffset origin, DateTimeOffset from, TimeProvider clock, ILogger logger) : IAudioSource
{
    private const int Rate = AudioFormat.SampleRate;
    public static readonly TimeSpan ChunkLength = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(1.2);

    public DateTimeOffset Origin { get; } = origin;

    public long OffsetOf(DateTimeOffset at) => (long)Math.Round((at - Origin).TotalSeconds * Rate);

    public async IAsyncEnumerable<AudioChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = Math.Max(0, OffsetOf(from));
        var gathered = new List<float>();
        var gatheredFrom = next;
        var chunkSamples = (int)(ChunkLength.TotalSeconds * Rate);
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitConnectedAsync(cancellationToken);
            await using var feed = meeting.AudioFeedAsync(Origin + TimeSpan.FromSeconds(next / (double)Rate), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            var paused = true;
            Task<bool>? moving = null;
            while (true)
            {
                moving ??= feed.MoveNextAsync().AsTask();
                if (await Task.WhenAny(moving, Task.Delay(QuietAfter, clock, cancellationToken)) != moving)
                {
                    if (gathered.Count > 0) yield return Take(gathered, ref gatheredFrom, next);
                    if (!paused) yield return AudioChunk.PauseAt(next);
                    paused = true;
                    continue;
                }
                bool more;
                try
                {
                    more = await moving;
                }
                catch (HubRefusedException refused)
                {
                    // The hub said no (the link was rotated, the meeting is gone…): its code, not a lost connection.
                    LogFeedRefused(refused.Code, refused.Message);
                    more = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogFeedLost(ex.Message);
                    more = false;
                }
                moving = null;
                if (!more) break;

                var packet = feed.Current;
                var offset = OffsetOf(packet.Start);
                var samples = AudioFormat.ToFloats(packet.Pcm);
                if (offset + samples.Length <= next) continue;                 // heard already
                if (offset < next) (samples, offset) = (samples[(int)(next - offset)..], next);
                if (offset != next && gathered.Count > 0) yield return Take(gathered, ref gatheredFrom, next);
                if (gathered.Count == 0) gatheredFrom = offset;
                gathered.AddRange(samples);
                next = offset + samples.Length;
                paused = false;
                if (gathered.Count >= chunkSamples) yield return Take(gathered, ref gatheredFrom, next);
            }
            if (gathered.Count > 0) yield return Take(gathered, ref gatheredFrom, next);
            await Task.Delay(TimeSpan.FromSeconds(0.5), clock, cancellationToken);
        }
    }

    private static AudioChunk Take(List<float> gathered, ref long gatheredFrom, long next)
    {
        var chunk = new AudioChunk(gatheredFrom, [.. gathered]);
        gathered.Clear();
        gatheredFrom = next;
        return chunk;
    }

    private async Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        while (meeting.ConnectionState != HubConnectionState.Connected)
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audio feed lost ({Reason}); reopening when the hub is back")]
    private partial void LogFeedLost(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audio feed refused by the hub ({Code}: {Reason}); asking again when the hub is back")]
    private partial void LogFeedRefused(string code, string reason);
}
