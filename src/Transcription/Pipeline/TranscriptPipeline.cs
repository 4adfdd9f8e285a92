using System.Threading.Channels;
using LiveSession.Transcription.Attribution;
using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Pipeline;

/// <summary>Where text goes: the meeting hub in the worker, a list in tests.</summary>
public interface ITranscriptSink
{
    /// <summary>The floor-control timeline as known now.</summary>
    IReadOnlyList<FloorSpan> Floor { get; }

    /// <summary>True when the utterance starting at this sequence was already transcribed (before a restart).</summary>
    bool AlreadySent(int sequence);

    /// <summary>Delivers a final piece; must retry until it lands or <paramref name="cancellationToken"/> fires.</summary>
    Task SendAsync(string turnId, int sequence, int endSequence, string text, CancellationToken cancellationToken);

    /// <summary>Shows a partial hypothesis as a caption (best effort: the final text follows).</summary>
    Task ShowPartialAsync(string? turnId, string text, CancellationToken cancellationToken);
}

/// <summary>A final piece of transcript on the audio's own clock.</summary>
public sealed record FinalSegment(int Sequence, DateTimeOffset Start, DateTimeOffset End, string Text, string? TurnId);

/// <summary>A partial hypothesis of the speech still going on, from its start to <see cref="End"/>.</summary>
public sealed record PartialText(DateTimeOffset Start, DateTimeOffset End, string Text, string? TurnId);

/// <summary>How partial captions are made: the first after this much speech, then each time this much more came.</summary>
public sealed record PartialOptions(TimeSpan FirstAfter, TimeSpan Every)
{
    public static PartialOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    public static PartialOptions None { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);
}

/// <summary>Whether the decoder keeps up: audio seconds waiting for it, and partial captions skipped to catch up.</summary>
public sealed record PipelineStatus(bool Behind, double BacklogSeconds, int SkippedPartials);

/// <summary>
/// One meeting's path from audio to text: source → VAD utterances → decoder queue → whisper →
/// attribution to turns → sink. While someone speaks, the speech so far is decoded about every
/// 1.5 s for a partial caption — only when the decoder has nothing final to do: a decoder that falls
/// behind skips partials (and says so through <see cref="Status"/>), never final text. The queue of
/// final utterances is bounded; when full, reading waits.
/// </summary>
public sealed partial class TranscriptPipeline(
    IAudioSource source,
    UtteranceSegmenter segmenter,
    Func<float[], CancellationToken, IReadOnlyList<SegmentData>> decode,
    ITranscriptSink sink,
    ILogger logger,
    int queueCapacity = 16,
    TimeSpan? attributionTolerance = null,
    PartialOptions? partials = null,
    TimeSpan? behindAfter = null)
{
    private const double Rate = WhisperProcessor.SampleRate;
    private readonly PartialOptions _partials = partials ?? PartialOptions.Default;
    private readonly TimeSpan _behindAfter = behindAfter ?? TimeSpan.FromSeconds(8);
    private readonly TimeSpan _tolerance = attributionTolerance ?? TurnAttribution.DefaultTolerance;
    private int _backlog;
    private long _backlogSamples;
    private int _partialQueued;
    private int _skippedPartials;
    private long _partialOffset = -1;
    private long _partialSamples;
    private bool _behind;
    private readonly Lock _behindGate = new();

    private sealed record Job(Utterance Utterance, bool Partial);

    /// <summary>Final utterances waiting for the decoder.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    public PipelineStatus Status
    {
        get
        {
            var seconds = Interlocked.Read(ref _backlogSamples) / Rate;
            return new PipelineStatus(seconds >= _behindAfter.TotalSeconds, seconds, Volatile.Read(ref _skippedPartials));
        }
    }

    /// <summary>
    /// The sequence of a piece: milliseconds from the start of the source to its utterance, plus its
    /// index in the utterance. It depends only on the audio, so a restarted worker sends the same numbers
    /// and the hub ignores what it already has.
    /// </summary>
    public static int SequenceOf(Utterance utterance, int index) =>
        checked((int)(utterance.Offset * 1000 / WhisperProcessor.SampleRate) + index);

    /// <summary>Where the utterance ends on the scale of <see cref="SequenceOf"/>: a restarted worker resumes there.</summary>
    public static int EndSequenceOf(Utterance utterance) =>
        checked((int)((utterance.Offset + utterance.Samples.Length) * 1000 / WhisperProcessor.SampleRate));

    public event Action<FinalSegment>? Finalized;
    public event Action<PartialText>? Partial;
    /// <summary>Raised when the decoder starts or stops being behind.</summary>
    public event Action<PipelineStatus>? BehindChanged;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Room for the finals plus one partial, so a partial never makes a final wait.
        var queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(Math.Max(1, queueCapacity) + 1) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadAsync(queue.Writer, cancellationToken), cancellationToken);
        await foreach (var job in queue.Reader.ReadAllAsync(cancellationToken))
        {
            if (job.Partial)
            {
                Interlocked.Exchange(ref _partialQueued, 0);
                if (Backlog > 0) Interlocked.Increment(ref _skippedPartials);
                else await DecodePartialAsync(job.Utterance, cancellationToken);
                continue;
            }
            await DecodeFinalAsync(job.Utterance, cancellationToken);
            Interlocked.Decrement(ref _backlog);
            Interlocked.Add(ref _backlogSamples, -job.Utterance.Samples.Length);
            NoteBehind();
        }
        await reader;
    }

    private async Task ReadAsync(ChannelWriter<Job> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in source.ReadAsync(cancellationToken))
            {
                foreach (var utterance in segmenter.Push(chunk)) await EnqueueAsync(queue, utterance, cancellationToken);
                OfferPartial(queue);
            }
            foreach (var utterance in segmenter.Flush()) await EnqueueAsync(queue, utterance, cancellationToken);
            queue.Complete();
        }
        catch (Exception ex)
        {
            queue.Complete(ex);
        }
    }

    private void OfferPartial(ChannelWriter<Job> queue)
    {
        if (segmenter.Pending is not { } pending) return;
        if (pending.Offset != _partialOffset) (_partialOffset, _partialSamples) = (pending.Offset, 0);
        var length = TimeSpan.FromSeconds(pending.Samples.Length / Rate);
        var since = TimeSpan.FromSeconds((pending.Samples.Length - _partialSamples) / Rate);
        if (length < _partials.FirstAfter || (_partialSamples > 0 && since < _partials.Every)) return;
        _partialSamples = pending.Samples.Length;
        if (Backlog > 0)
        {
            Interlocked.Increment(ref _skippedPartials);
            return;
        }
        if (Interlocked.Exchange(ref _partialQueued, 1) == 0 && !queue.TryWrite(new Job(pending, Partial: true)))
            Interlocked.Exchange(ref _partialQueued, 0);
    }

    private async Task EnqueueAsync(ChannelWriter<Job> queue, Utterance utterance, CancellationToken cancellationToken)
    {
        _partialOffset = -1;
        if (sink.AlreadySent(SequenceOf(utterance, 0)))
        {
            LogSkipped(utterance.Start);
            return;
        }
        Interlocked.Increment(ref _backlog);
        Interlocked.Add(ref _backlogSamples, utterance.Samples.Length);
        NoteBehind();
        if (!queue.TryWrite(new Job(utterance, Partial: false)))
        {
            LogBehind(Backlog, utterance.Start);
            await queue.WriteAsync(new Job(utterance, Partial: false), cancellationToken);
        }
    }

    private void NoteBehind()
    {
        var status = Status;
        lock (_behindGate)
        {
            if (status.Behind == _behind) return;
            _behind = status.Behind;
        }
        if (status.Behind) LogFallingBehind(status.BacklogSeconds);
        else LogCaughtUp();
        BehindChanged?.Invoke(status);
    }

    private async Task<IReadOnlyList<SegmentData>?> DecodeAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => decode(utterance.Samples, cancellationToken), cancellationToken);
        }
        catch (WhisperProcessingException ex)
        {
            // One bad utterance must not stop the meeting's transcript.
            LogDecodeFailed(utterance.Start, ex.Message);
            return null;
        }
    }

    private async Task DecodePartialAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        if (await DecodeAsync(utterance, cancellationToken) is not { } segments) return;
        var text = string.Join(' ', segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
        if (text.Length == 0) return;
        var timed = new TimedText(source.Origin + utterance.Start, source.Origin + utterance.End, text);
        var turn = TurnAttribution.TurnOf(timed, sink.Floor, _tolerance);
        Partial?.Invoke(new PartialText(timed.Start, timed.End, text, turn));
        await sink.ShowPartialAsync(turn, text, cancellationToken);
    }

    private async Task DecodeFinalAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        if (await DecodeAsync(utterance, cancellationToken) is not { } segments) return;
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
            var turn = TurnAttribution.TurnOf(timed, floor, _tolerance);
            var sequence = SequenceOf(utterance, i);
            Finalized?.Invoke(new FinalSegment(sequence, timed.Start, timed.End, text, turn));
            if (turn is null)
            {
                LogNoTurn(timed.Start, text);
                continue;
            }
            await sink.SendAsync(turn, sequence, EndSequenceOf(utterance), text, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription queue full: {Backlog} utterances wait for the decoder; audio at {Offset} waits to be queued")]
    private partial void LogBehind(int backlog, TimeSpan offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription is falling behind: {Seconds:F1} s of speech wait for the decoder; partial captions are skipped")]
    private partial void LogFallingBehind(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription caught up")]
    private partial void LogCaughtUp();

    [LoggerMessage(Level = LogLevel.Error, Message = "Utterance at {Offset} could not be decoded: {Reason}")]
    private partial void LogDecodeFailed(TimeSpan offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Utterance at {Offset} was already transcribed before a restart; skipped")]
    private partial void LogSkipped(TimeSpan offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nobody had the floor at {At}; text not attributed: {Text}")]
    private partial void LogNoTurn(DateTimeOffset at, string text);
}
