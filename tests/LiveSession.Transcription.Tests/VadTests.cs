using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Tests;

/// <summary>whisper.cpp's Silero VAD on real speech (the VAD model in tests/fixtures has real weights).</summary>
public sealed class VadTests
{
    private const int Rate = 16_000;

    /// <summary>Clip A, 2 s of silence, clip B — written to a WAV and read back like any recording.</summary>
    private static (float[] Samples, TimeSpan SilenceStart, TimeSpan SilenceEnd) TwoClipsWithSilence()
    {
        var first = TestData.Load(TestData.SpeechClips[0].Path);
        var second = TestData.Load(TestData.SpeechClips[2].Path);
        var joined = new float[first.Length + 2 * Rate + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined, first.Length + 2 * Rate);
        var path = TestData.TempFile(".wav");
        WaveFile.WriteMono16(path, joined, Rate);
        return (AudioFile.LoadMono16k(path), TimeSpan.FromSeconds(first.Length / (double)Rate), TimeSpan.FromSeconds((first.Length + 2.0 * Rate) / Rate));
    }

    [Fact]
    public void Two_clips_with_two_seconds_of_silence_between_are_exactly_two_utterances_cut_inside_the_silence()
    {
        var (samples, silenceStart, silenceEnd) = TwoClipsWithSilence();
        using var vad = WhisperVad.FromPath(TestData.VadModel);

        var spans = vad.DetectSpeech(samples);

        Assert.Equal(2, spans.Count);
        // Each utterance ends/starts where its clip's own speech does (the clips have a little
        // silence of their own at both ends), and the cut between them falls in the inserted silence.
        var firstEnd = vad.DetectSpeech(TestData.Load(TestData.SpeechClips[0].Path))[^1].End;
        Assert.Equal(firstEnd.TotalSeconds, spans[0].End.TotalSeconds, 0.1);
        var secondOnset = SpeechOnset(vad, TestData.SpeechClips[2].Path);
        Assert.InRange(spans[1].Start, silenceEnd + secondOnset - TimeSpan.FromSeconds(0.1), silenceEnd + secondOnset + TimeSpan.FromSeconds(0.1));
        var boundary = spans[0].End + (spans[1].Start - spans[0].End) / 2;
        Assert.InRange(boundary, silenceStart, silenceEnd);
        // Both utterances hold most of their clip.
        Assert.True(spans[0].Duration > silenceStart * 0.5);
        Assert.True(spans[1].Duration > (TimeSpan.FromSeconds(samples.Length / (double)Rate) - silenceEnd) * 0.5);
    }

    private static TimeSpan SpeechOnset(WhisperVad vad, string clip) => vad.DetectSpeech(TestData.Load(clip))[0].Start;

    [Fact]
    public void Silence_alone_has_no_speech()
    {
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        Assert.Empty(vad.DetectSpeech(new float[3 * Rate]));
    }

    [Fact]
    public void The_streaming_segmenter_cuts_the_same_two_utterances_from_half_second_chunks()
    {
        var (samples, silenceStart, silenceEnd) = TwoClipsWithSilence();
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var segmenter = new UtteranceSegmenter(vad, new VadOptions());
        var utterances = new List<Utterance>();
        var completedBeforeSecondClip = 0;

        for (var offset = 0; offset < samples.Length; offset += FileReplaySource.ChunkSamples)
        {
            var length = Math.Min(FileReplaySource.ChunkSamples, samples.Length - offset);
            utterances.AddRange(segmenter.Push(new AudioChunk(offset, samples[offset..(offset + length)])));
            if (TimeSpan.FromSeconds((offset + length) / (double)Rate) <= silenceEnd) completedBeforeSecondClip = utterances.Count;
        }
        utterances.AddRange(segmenter.Flush());

        Assert.Equal(2, utterances.Count);
        // The first utterance is released during the silence, before the second clip starts: live, not at the end.
        Assert.Equal(1, completedBeforeSecondClip);
        Assert.InRange(utterances[0].End, silenceStart - TimeSpan.FromSeconds(1), silenceEnd);
        var boundary = utterances[0].End + (utterances[1].Start - utterances[0].End) / 2;
        Assert.InRange(boundary, silenceStart, silenceEnd);
        var whole = vad.DetectSpeech(samples);
        Assert.Equal(whole[1].Start.TotalSeconds, utterances[1].Start.TotalSeconds, 0.1);
        Assert.True(utterances[1].Start > utterances[0].End);
        // The samples are the source's own at those offsets.
        Assert.Equal(samples[(int)utterances[1].Offset], utterances[1].Samples[0]);
    }
}
