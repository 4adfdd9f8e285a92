using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// The real whisper.cpp through the binding. The test models have the real architectures and no
/// weights: the computation is real, the text empty or meaningless, so these tests assert that it
/// runs and reports, not what it says.
/// </summary>
public sealed class EngineTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("base")]
    [InlineData("small")]
    public void Each_test_model_loads_and_transcribes_a_real_clip_with_timings(string size)
    {
        using var factory = WhisperFactory.FromPath(TestData.Model(size));
        Assert.Equal(size, factory.ModelType);
        Assert.True(factory.IsMultilingual);
        using var processor = factory.CreateBuilder().WithLanguage("vi").WithThreads(2)
            .WithFittedAudioContext().WithTemperatureIncrement(0).WithMaxTokensPerSecond(10).Build();
        var clip = TestData.SpeechClips.MinBy(c => c.Seconds);
        var samples = TestData.Load(clip.Path);

        var segments = processor.Process(samples);

        var duration = TimeSpan.FromSeconds(samples.Length / 16000.0);
        Assert.All(segments, s => Assert.InRange(s.Start, TimeSpan.Zero, s.End));
        Assert.All(segments, s => Assert.True(s.End <= duration + TimeSpan.FromSeconds(1)));
        var timing = Assert.IsType<ProcessingTiming>(processor.LastTiming);
        Assert.Equal(duration, timing.Audio);
        Assert.True(timing.Processing > TimeSpan.Zero);
        Assert.True(timing.RealTimeFactor > 0);
    }

    [Fact]
    public async Task Tiny_model_transcribes_every_clip_of_the_test_data_from_wav_streams()
    {
        using var factory = WhisperFactory.FromPath(TestData.Model("tiny"));
        await using var processor = factory.CreateBuilder().WithLanguage("vi").WithThreads(2)
            .WithFittedAudioContext().WithTemperatureIncrement(0).WithMaxTokensPerSecond(10).Build();
        var clips = TestData.SpeechClips.Select(c => c.Path).Concat(TestData.TtsClips).ToList();
        Assert.Equal(6, clips.Count); // 5 real clips and 1 synthetic (tests/fixtures/README.md)
        foreach (var clip in clips)
        {
            await using var wave = File.OpenRead(clip);
            var segments = new List<SegmentData>();
            await foreach (var segment in processor.ProcessAsync(wave)) segments.Add(segment);
            Assert.All(segments, s => Assert.True(s.Start <= s.End));
            Assert.Equal(WaveFile.Read(clip).Duration, processor.LastTiming!.Audio);
        }
    }

    [Fact]
    public void A_full_thirty_second_window_also_runs()
    {
        using var factory = WhisperFactory.FromPath(TestData.Model("tiny"));
        using var processor = factory.CreateBuilder().WithLanguage("auto").WithThreads(1).WithTemperatureIncrement(0).WithMaxTokensPerSecond(4).Build();
        var samples = TestData.Load(TestData.TtsClips[0]);
        processor.Process(samples);
        Assert.True(processor.LastTiming!.Processing > TimeSpan.Zero);
    }

    [Fact]
    public void A_missing_model_file_names_the_option_and_the_path()
    {
        var path = Path.Combine(TestData.Fixtures, "models", "no-such-model.bin");
        var error = Assert.Throws<WhisperModelException>(() => WhisperFactory.FromPath(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("Transcription:Model", error.Message);
    }

    [Fact]
    public void No_configured_model_names_the_option()
    {
        var error = Assert.Throws<WhisperModelException>(() => WhisperFactory.FromPath(""));
        Assert.Contains("Transcription:Model", error.Message);
        var vad = Assert.Throws<WhisperModelException>(() => WhisperVad.FromPath(" "));
        Assert.Contains("Transcription:VadModel", vad.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_whisper_cpps_reason()
    {
        var path = TestData.TempFile(".bin");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        var error = Assert.Throws<WhisperModelException>(() => WhisperFactory.FromPath(path, "--model"));
        Assert.Contains("--model", error.Message);
        Assert.Contains("bad magic", error.Message);
    }

    [Fact]
    public void A_model_file_cut_short_is_refused_instead_of_crashing_the_process()
    {
        var path = TestData.TempFile(".bin");
        File.WriteAllBytes(path, File.ReadAllBytes(TestData.Model("tiny"))[..100]);
        var error = Assert.Throws<WhisperModelException>(() => WhisperFactory.FromPath(path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_vad_model_cut_short_is_refused()
    {
        var path = TestData.TempFile(".bin");
        File.WriteAllBytes(path, File.ReadAllBytes(TestData.VadModel)[..300_000]);
        var error = Assert.Throws<WhisperModelException>(() => WhisperVad.FromPath(path));
        Assert.Contains("Silero", error.Message);
        Assert.Contains("not all tensors loaded", error.Message);
    }

    [Fact]
    public async Task Audio_at_the_wrong_sample_rate_is_refused_by_the_processor_and_converted_by_the_file_loader()
    {
        var clip = TestData.Load(TestData.SpeechClips[0].Path);
        var resampled = AudioFile.Resample(clip, 16000, 44100);
        var path = TestData.TempFile(".wav");
        WaveFile.WriteMono16(path, resampled, 44100);
        using var factory = WhisperFactory.FromPath(TestData.Model("tiny"));
        await using var processor = factory.CreateBuilder().WithLanguage("vi").Build();

        await using var wave = File.OpenRead(path);
        var error = Assert.Throws<WaveFormatException>(() => processor.ProcessAsync(wave));
        Assert.Contains("44100 Hz", error.Message);
        Assert.Contains("16000 Hz", error.Message);

        var loaded = AudioFile.LoadMono16k(path);
        Assert.InRange(loaded.Length, clip.Length - 2, clip.Length + 2);
    }

    [Fact]
    public void An_unknown_language_is_refused_when_building()
    {
        using var factory = WhisperFactory.FromPath(TestData.Model("tiny"));
        var error = Assert.Throws<ArgumentException>(() => factory.CreateBuilder().WithLanguage("klingon"));
        Assert.Contains("klingon", error.Message);
    }

    [Fact]
    public void A_text_file_is_not_audio()
    {
        var path = TestData.TempFile(".wav");
        File.WriteAllText(path, "RIFF but not really");
        Assert.Throws<WaveFormatException>(() => WaveFile.Read(path));
    }

    [Fact]
    public void The_library_reports_the_pinned_whisper_cpp_version()
    {
        Assert.Equal(WhisperLibrary.WhisperCppVersion, WhisperLibrary.Version);
        Assert.NotNull(WhisperLibrary.LoadedFrom);
    }
}
