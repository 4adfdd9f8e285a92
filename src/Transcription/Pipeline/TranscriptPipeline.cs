using System.Threading.Channels;
using LiveSession.Transcription.Attribution;
using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Pipeline;

/// <summary>Where final text goes: the meeting hub in the worker, a list in tests.</summary>
public interface ITranscriptSink
{
    /// <summary>The floor-control timeline as known now.</summary>
    IReadOnlyList<FloorSpan> Floor { get; }

    /// <summary>True when a piece with this sequence was already accepted (after a restart).</summary>
    bool AlreadySent(int sequence);

    /// <summary>Delivers a final piece; must retry until it lands or <paramref name="cancellationToken"/> fires.</summary>
    Task SendAsync(string turnId, int sequence, string text, CancellationToken cancellationToken);
}

/// <summary>A final piece of transcript on the audio's own clock.</summary>
public sealed record FinalSegment(int Sequence, DateTimeOffset Start, DateTimeOffset End, string Text, string? TurnId);

/// <summary>
/// One meeting's path from audio to final text: source → VAD utterances → decoder queue → whisper →
/// attribution to turns → sink. The queue is bounded; when the decoder falls behind, reading waits
/// (and says so) — final text is never dropped.
/// </summary>
public sealed partial class TranscriptPipeline(
    IAudioSource source,
    UtteranceSegmenter segmenter,
    Func<float[], CancellationToken, IReadOnlyList<SegmentData>> decode,
    ITranscriptSink sink,
    ILogger logger,
    int queueCapacity = 16,
    TimeSpan? attributionTolerance = null)
{
    private int _backlog;

    /// <summary>Utterances waiting for the decoder.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>
    /// The sequence of a piece: milliseconds from the start of the source to its utterance, plus its
    /// index in the utterance. It depends only on the audio, so a restarted worker sends the same numbers
    /// and the hub ignores what it already has.
    /// </summary>
    public static int SequenceOf(Utterance utterance, int index) =>
        checked((int)(utterance.Offset * 1000 / WhisperProcessor.SampleRate) + index);

    public event Action<FinalSegment>? Finalized;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<Utterance>(new BoundedChannelOptions(Math.Max(1, queueCapacity)) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadAsync(queue.Writer, cancellationToken), cancellationToken);
        await foreach (var utterance in queue.Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref _backlog);
            await DecodeAsync(utterance, cancellationToken);
        }
        await reader;
    }

    private async Task ReadAsync(ChannelWriter<Utterance> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in source.ReadAsync(cancellationToken))
                foreach (var utterance in segmenter.Push(chunk)) await EnqueueAsync(queue, utterance, cancellationToken);
            foreach (var utterance in segmenter.Flush()) await EnqueueAsync(queue, utterance, cancellationToken);
            queue.Complete();
        }
        catch (Exception ex)
        {
            queue.Complete(ex);
        }
    }

    private async Task EnqueueAsync(ChannelWriter<Utterance> queue, Utterance utterance, CancellationToken cancellationToken)
    {
        if (sink.AlreadySent(SequenceOf(utterance, 0)))
        {
            LogSkipped(utterance.Start);
            return;
        }
        if (!queue.TryWrite(utterance))
        {
            LogBehind(Backlog, utterance.Start);
            await queue.WriteAsync(utterance, cancellationToken);
        }
        Interlocked.Increment(ref _backlog);
    }

    private async Task DecodeAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        IReadOnlyList<SegmentData> segments;
        try
        {
            segments = await Task.Run(() => decode(utterance.Samples, cancellationToken), cancellationToken);
        }
        catch (WhisperProcessingException ex)
        {
            // One bad utterance must not stop the meeting's transcript.
            LogDecodeFailed(utterance.Start, ex.Message);
            return;
        }
        var utteranceStart = source.Origin + utterance.Start;
        var floor = sink.Floor;
        for (var i = 0; i < segments.Count; i++)
        {
            var text = segments[i].Text.Trim();
            if (text.Length == 0) continue;
            var start = utteranceStart + segments[i].Start;
            // whisper may place a segment end past the audio it was given; clamp to the utterance.
            var end = utteranceStart + TimeSpan.FromTicks(Math.Min(segments[i].End.Ticks, (utterance.End - utterance.Start).Ticks));
            var timed = new TimedText(start, end < start ? start : end, text);
            var turn = TurnAttribution.TurnOf(timed, floor, attributionTolerance ?? TurnAttribution.DefaultTolerance);
            var sequence = SequenceOf(utterance, i);
            Finalized?.Invoke(new FinalSegment(sequence, timed.Start, timed.End, text, turn));
            if (turn is null)
            {
                LogNoTurn(timed.Start, text);
                continue;
            }
            await sink.SendAsync(turn, sequence, text, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription is behind: {Backlog} utterances wait for the decoder; audio at {Offset} waits to be queued")]
    private partial void LogBehind(int backlog, TimeSpan offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Utterance at {Offset} could not be decoded: {Reason}")]
    private partial void LogDecodeFailed(TimeSpan offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Utterance at {Offset} was already transcribed before a restart; skipped")]
    private partial void LogSkipped(TimeSpan offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nobody had the floor at {At}; text not attributed: {Text}")]
    private partial void LogNoTurn(DateTimeOffset at, string text);
}
