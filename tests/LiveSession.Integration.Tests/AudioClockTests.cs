using LiveSession.Hub.Audio;

namespace LiveSession.Integration.Tests;

public sealed class AudioClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Block = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Blocks_follow_one_another_whatever_the_network_jitter()
    {
        var clock = new AudioClock();
        // Arrivals 100 ms apart on average, each late by 0–60 ms.
        int[] lateness = [0, 60, 10, 45, 5, 30, 0, 55];
        var starts = lateness.Select((late, i) => clock.Stamp(T0 + (i + 1) * Block + TimeSpan.FromMilliseconds(late), Block)).ToArray();
        Assert.Equal(Enumerable.Range(0, lateness.Length).Select(i => T0 + i * Block), starts);
    }

    [Fact]
    public void A_stall_and_the_burst_after_it_keep_the_audio_where_it_was_spoken()
    {
        var clock = new AudioClock();
        Assert.Equal(T0, clock.Stamp(T0 + Block, Block));
        // Blocks 2–5 are held up for a second and arrive together.
        var burst = Enumerable.Range(1, 4).Select(_ => clock.Stamp(T0 + TimeSpan.FromSeconds(1.5), Block)).ToArray();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => T0 + i * Block), burst);
    }

    [Fact]
    public void After_a_late_first_block_the_audio_stays_contiguous_never_overlapping_itself()
    {
        var clock = new AudioClock();
        var first = clock.Stamp(T0 + TimeSpan.FromMilliseconds(400), Block);   // arrived 300 ms late
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(300), first);
        // The next blocks arrive on time (the stream started at T0), but none may start before the one before ended:
        // no sample is dropped, and the stream stays at most the first block's lateness behind.
        var next = Enumerable.Range(2, 8).Select(i => clock.Stamp(T0 + i * Block, Block)).ToArray();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => first + i * Block), next);
    }
}
