using System.Globalization;
using LiveSession.Transcription.Attribution;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// Audio → real VAD → queue → decoder → attribution → sink. The decoder here is scripted (the test
/// models have no weights and say nothing); it names each utterance by its place in the audio.
/// </summary>
public sealed class PipelineTests
{
    private const int Rate = 16_000;
    private static readonly DateTimeOffset Origin = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    private sealed class ListSink(IReadOnlyList<FloorSpan> floor) : ITranscriptSink
    {
        public List<(string TurnId, int Sequence, string Text)> Sent { get; } = [];
        public HashSet<int> Accepted { get; } = [];
        public IReadOnlyList<FloorSpan> Floor => floor;
        public bool AlreadySent(int sequence) => Accepted.Contains(sequence);

        public List<(string? TurnId, string Text)> Partials { get; } = [];

        public Task SendAsync(string turnId, int sequence, int endSequence, string text, CancellationToken cancellationToken)
        {
            Assert.True(endSequence >= sequence);
            Sent.Add((turnId, sequence, text));
            Accepted.Add(sequence);
            return Task.CompletedTask;
        }

        public Task ShowPartialAsync(string? turnId, string text, CancellationToken cancellationToken)
        {
            Partials.Add((turnId, text));
            return Task.CompletedTask;
        }
    }

    /// <summary>Clip, 2 s silence, clip — the second clip with two halves as two whisper segments.</summary>
    private static (string Path, double SilenceStart, double SecondStart) Recording()
    {
        var first = TestData.Load(TestData.SpeechClips[0].Path);
        var second = TestData.Load(TestData.SpeechClips[2].Path);
        var joined = new float[first.Length + 2 * Rate + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined, first.Length + 2 * Rate);
        var path = TestData.TempFile(".wav");
        WaveFile.WriteMono16(path, joined, Rate);
        return (path, first.Length / (double)Rate, (first.Length + 2.0 * Rate) / Rate);
    }

    private static IReadOnlyList<SegmentData> Decode(float[] samples)
    {
        var seconds = samples.Length / (double)Rate;
        return
        [
            new SegmentData("phần đầu", TimeSpan.Zero, TimeSpan.FromSeconds(seconds / 2 - 0.1), 0, "vi"),
            new SegmentData("phần sau", TimeSpan.FromSeconds(seconds / 2), TimeSpan.FromSeconds(seconds), 0, "vi"),
            new SegmentData("  ", TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds), 0, "vi"),
        ];
    }

    private static async Task<List<FinalSegment>> RunAsync(string path, ListSink sink, WhisperVad vad)
    {
        var pipeline = new TranscriptPipeline(
            new FileReplaySource(path, Origin, paced: false),
            new UtteranceSegmenter(vad, new VadOptions()),
            (samples, _) => Decode(samples),
            sink, NullLogger.Instance, queueCapacity: 1);
        var finals = new List<FinalSegment>();
        pipeline.Finalized += finals.Add;
        await pipeline.RunAsync(CancellationToken.None);
        return finals;
    }

    [Fact]
    public async Task Final_text_lands_on_the_turn_of_its_audio_time_with_a_switch_inside_an_utterance()
    {
        var (path, silenceStart, secondStart) = Recording();
        var secondEnd = secondStart + TestData.SpeechClips[2].Seconds;
        // Turn a has the first clip and the start of the second; the chair gives b the floor halfway through it.
        var switchAt = secondStart + (secondEnd - secondStart) / 2;
        var sink = new ListSink([new FloorSpan("a", Origin, Origin.AddSeconds(switchAt)), new FloorSpan("b", Origin.AddSeconds(switchAt), null)]);
        using var vad = WhisperVad.FromPath(TestData.VadModel);

        var finals = await RunAsync(path, sink, vad);

        Assert.Equal(4, finals.Count);
        Assert.Equal(["a", "a", "a", "b"], finals.Select(f => f.TurnId));
        Assert.Equal(["phần đầu", "phần sau", "phần đầu", "phần sau"], sink.Sent.Select(s => s.Text));
        Assert.Equal(["a", "a", "a", "b"], sink.Sent.Select(s => s.TurnId));
        Assert.True(finals[1].End <= Origin.AddSeconds(silenceStart + 2));
        Assert.InRange(finals[2].Start, Origin.AddSeconds(silenceStart), Origin.AddSeconds(secondStart + 1));
        // Sequences: milliseconds of the utterance from the start of the audio, plus the segment's index.
        Assert.Equal(finals[2].Sequence + 1, finals[3].Sequence);
        Assert.InRange(finals[2].Sequence, (int)(silenceStart * 1000), (int)((secondStart + 1) * 1000));
        Assert.Equal(sink.Sent.Select(s => s.Sequence).Distinct().Count(), sink.Sent.Count);
    }

    [Fact]
    public async Task A_restarted_worker_sends_the_same_sequences_and_skips_what_the_hub_already_has()
    {
        var (path, _, _) = Recording();
        IReadOnlyList<FloorSpan> floor = [new FloorSpan("a", Origin, null)];
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var first = new ListSink(floor);
        await RunAsync(path, first, vad);

        // Same audio again (a restart) into a fresh sink: identical sequence numbers.
        var again = new ListSink(floor);
        await RunAsync(path, again, vad);
        Assert.Equal(first.Sent, again.Sent);

        // A restart after the first utterance was delivered: only the second is decoded and sent.
        var resumed = new ListSink(floor);
        resumed.Accepted.UnionWith(first.Sent.Take(2).Select(s => s.Sequence));
        var finals = await RunAsync(path, resumed, vad);
        Assert.Equal(first.Sent.Skip(2), resumed.Sent);
        Assert.Equal(2, finals.Count);
    }
}

/// <summary>Partial captions and falling behind, with real VAD on real speech and a scripted decoder.</summary>
public sealed class LivePipelineTests
{
    private const int Rate = 16_000;
    private static readonly DateTimeOffset Origin = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);

    private sealed class Sink : ITranscriptSink
    {
        public List<(string TurnId, int Sequence, int End, string Text)> Sent { get; } = [];
        public List<(string? TurnId, string Text)> Partials { get; } = [];
        public List<string> Order { get; } = [];
        public IReadOnlyList<FloorSpan> Floor { get; } = [new FloorSpan("a", Origin, null)];
        public bool AlreadySent(int sequence) => false;

        public Task SendAsync(string turnId, int sequence, int endSequence, string text, CancellationToken cancellationToken)
        {
            lock (Order) { Sent.Add((turnId, sequence, endSequence, text)); Order.Add("final"); }
            return Task.CompletedTask;
        }

        public Task ShowPartialAsync(string? turnId, string text, CancellationToken cancellationToken)
        {
            lock (Order) { Partials.Add((turnId, text)); Order.Add("partial"); }
            return Task.CompletedTask;
        }
    }

    /// <summary>Audio released in 0.5 s chunks, a little at a time, as a live microphone would.</summary>
    private sealed class LiveSource(float[] samples, TimeSpan between) : IAudioSource
    {
        public DateTimeOffset Origin => LivePipelineTests.Origin;

        public async IAsyncEnumerable<AudioChunk> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var offset = 0; offset < samples.Length; offset += Rate / 2)
            {
                await Task.Delay(between, cancellationToken);
                yield return new AudioChunk(offset, samples.AsSpan(offset, Math.Min(Rate / 2, samples.Length - offset)).ToArray());
            }
        }
    }

    private static float[] Speech(int clips, double silence)
    {
        var parts = new List<float>();
        for (var i = 0; i < clips; i++)
        {
            parts.AddRange(TestData.Load(TestData.SpeechClips[i % TestData.SpeechClips.Count].Path));
            parts.AddRange(new float[(int)(silence * Rate)]);
        }
        return [.. parts];
    }

    [Fact]
    public async Task While_someone_speaks_partial_captions_come_about_every_one_and_a_half_seconds_before_the_final_text()
    {
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var sink = new Sink();
        var audio = Speech(1, 1.5);
        var pipeline = new TranscriptPipeline(new LiveSource(audio, TimeSpan.FromMilliseconds(20)), new UtteranceSegmenter(vad, new VadOptions()),
            (samples, _) => [new SegmentData($"{samples.Length}", TimeSpan.Zero, TimeSpan.FromSeconds(samples.Length / (double)Rate), 0, "vi")],
            sink, NullLogger.Instance);
        await pipeline.RunAsync(CancellationToken.None);

        var final = Assert.Single(sink.Sent);
        Assert.Equal("final", sink.Order[^1]);
        // Each partial is the speech so far: at least 1 s, growing by about 1.5 s (in 0.5 s chunks), shorter than the final.
        var lengths = sink.Partials.Select(p => int.Parse(p.Text, CultureInfo.InvariantCulture) / (double)Rate).ToArray();
        Assert.NotEmpty(lengths);
        Assert.InRange(lengths[0], 1.0, 1.5);
        Assert.All(lengths, length => Assert.True(length < int.Parse(final.Text, CultureInfo.InvariantCulture) / (double)Rate));
        Assert.All(lengths.Zip(lengths.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 1.5, 2.0));
        Assert.All(sink.Partials, p => Assert.Equal("a", p.TurnId));
        Assert.True(final.End > final.Sequence);
        Assert.False(pipeline.Status.Behind);
    }

    [Fact]
    public async Task A_slow_decoder_falls_behind_skips_partials_says_so_and_still_delivers_every_final()
    {
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var sink = new Sink();
        var statuses = new List<PipelineStatus>();
        // Five utterances arrive at once (no pacing); each takes the decoder 300 ms.
        var pipeline = new TranscriptPipeline(new LiveSource(Speech(5, 1.2), TimeSpan.Zero), new UtteranceSegmenter(vad, new VadOptions()),
            (samples, _) => { Thread.Sleep(300); return [new SegmentData("câu", TimeSpan.Zero, TimeSpan.FromSeconds(samples.Length / (double)Rate), 0, "vi")]; },
            sink, NullLogger.Instance, behindAfter: TimeSpan.FromSeconds(4));
        pipeline.BehindChanged += statuses.Add;
        await pipeline.RunAsync(CancellationToken.None);

        Assert.Equal(5, sink.Sent.Count);
        Assert.Equal(sink.Sent.Select(s => s.Sequence).Order(), sink.Sent.Select(s => s.Sequence));
        Assert.True(statuses.Count >= 2, "it said it fell behind and that it caught up");
        Assert.True(statuses[0].Behind);
        Assert.False(statuses[^1].Behind);
        Assert.True(pipeline.Status.SkippedPartials > 0);
        Assert.Equal(0, pipeline.Backlog);
    }
}

public sealed class SegmenterTests
{
    private const int Rate = 16_000;

    [Fact]
    public void A_jump_in_the_audio_or_a_pause_finishes_the_speech_buffered_so_far()
    {
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var clip = TestData.Load(TestData.SpeechClips[0].Path);
        var segmenter = new UtteranceSegmenter(vad, new VadOptions());
        var half = clip.Length / 2 / 8000 * 8000;
        Assert.Empty(segmenter.Push(new AudioChunk(0, clip[..half])));
        Assert.NotNull(segmenter.Pending);
        Assert.InRange(segmenter.Pending!.Offset, 0, Rate); // the clip's speech starts within its first second
        // The next audio starts 10 s later (another microphone): what was buffered is an utterance now.
        var jumped = segmenter.Push(new AudioChunk(10 * Rate, clip[..half]));
        var first = Assert.Single(jumped);
        Assert.True(first.Offset + first.Samples.Length <= half);
        // A pause finishes the rest without waiting for silence.
        var paused = Assert.Single(segmenter.Push(AudioChunk.PauseAt(10 * Rate + half)));
        Assert.InRange(paused.Offset, 10 * Rate, 10 * Rate + Rate);
        Assert.Null(segmenter.Pending);
    }
}
