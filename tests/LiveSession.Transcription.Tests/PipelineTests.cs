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
