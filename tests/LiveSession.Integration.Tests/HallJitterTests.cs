using System.Diagnostics;
using System.Text.Json;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>
/// The phone's jitter buffer for the hall audio (src/Display/wwwroot/audio/hall-jitter.js), run by Node on simulated
/// arrivals: packets of five 20 ms frames, one every 100 ms unless a scenario says otherwise. No real time passes.
/// </summary>
public sealed class HallJitterTests
{
    private static readonly string Script = Path.Combine(Repository.Root, "src", "Display", "wwwroot", "audio", "hall-jitter.js");

    /// <summary>
    /// Runs <paramref name="scenario"/> (JavaScript with a fresh <c>jitter</c> and <c>arrive(now)</c>, which places a
    /// packet and returns its delay: where it plays minus when it came) and returns what it returns.
    /// </summary>
    private static JsonElement Run(string scenario)
    {
        var program = $$"""
            globalThis.window = globalThis;
            require({{JsonSerializer.Serialize(Script)}});
            const jitter = new window.HallJitter();
            const log = [];
            const arrive = (now, frames = 5) => { const p = jitter.place(now, frames, 0.02); log.push({ now, ...p, delay: p.at - now }); return p.at - now; };
            const result = (() => { {{scenario}} })();
            process.stdout.write(JSON.stringify(result));
            """;
        using var node = Process.Start(new ProcessStartInfo("node", ["-e", program]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = node.StandardOutput.ReadToEnd();
        var error = node.StandardError.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void Packets_on_time_play_150_ms_after_they_come_and_nothing_is_dropped()
    {
        // Four seconds: within the stable period, before the cushion starts shrinking.
        var result = Run("""
            const delays = [];
            for (let i = 0; i < 40; i++) delays.push(arrive(10 + i * 0.1));
            return { min: Math.min(...delays), max: Math.max(...delays), stats: jitter.stats, target: jitter.target };
            """);
        Assert.Equal(0.15, result.GetProperty("min").GetDouble(), 3);
        Assert.Equal(0.15, result.GetProperty("max").GetDouble(), 3);
        Assert.Equal(0, result.GetProperty("stats").GetProperty("late").GetInt32());
        Assert.Equal(0, result.GetProperty("stats").GetProperty("dropped").GetInt32());
    }

    [Fact]
    public void A_late_packet_grows_the_cushion_by_50_ms_up_to_the_maximum()
    {
        var result = Run("""
            arrive(10);
            // The next packet comes 400 ms later: what was queued (250 ms) ran out before it.
            const afterLate = arrive(10.4);
            const target = jitter.target;
            // Twenty more stalls: the cushion stops at its maximum.
            let now = 10.4;
            for (let i = 0; i < 20; i++) { now += 2; arrive(now); }
            return { afterLate, target, late: jitter.stats.late, capped: jitter.target, max: jitter.settings.max, bound: jitter.bound };
            """);
        Assert.Equal(0.2, result.GetProperty("afterLate").GetDouble(), 3);
        Assert.Equal(0.2, result.GetProperty("target").GetDouble(), 3);
        Assert.Equal(21, result.GetProperty("late").GetInt32());
        Assert.Equal(result.GetProperty("max").GetDouble(), result.GetProperty("capped").GetDouble(), 3);
        Assert.Equal(1.3, result.GetProperty("bound").GetDouble(), 3);
    }

    [Fact]
    public void Stable_arrivals_shrink_the_cushion_again_a_frame_at_a_time()
    {
        var result = Run("""
            arrive(10); arrive(10.4);            // one late packet: the cushion is now 200 ms
            let now = 10.4;
            const early = [];
            for (let i = 1; i <= 600; i++) { now = 10.4 + i * 0.1; const d = arrive(now); if (i <= 45) early.push(d); }
            const last = log.slice(-10).map(e => e.delay);
            return { earlyMin: Math.min(...early), target: jitter.target, min: jitter.settings.min, lastMax: Math.max(...last), dropped: jitter.stats.dropped, late: jitter.stats.late };
            """);
        // For the stable period (5 s) nothing changes; then the target and the delay come down to the minimum.
        Assert.Equal(0.2, result.GetProperty("earlyMin").GetDouble(), 3);
        Assert.Equal(result.GetProperty("min").GetDouble(), result.GetProperty("target").GetDouble(), 3);
        Assert.True(result.GetProperty("lastMax").GetDouble() <= result.GetProperty("min").GetDouble() + 0.02 + 1e-9, result.ToString());
        Assert.True(result.GetProperty("dropped").GetInt32() >= 5, result.ToString());
        Assert.Equal(1, result.GetProperty("late").GetInt32());
    }

    [Fact]
    public void A_listener_that_falls_behind_skips_to_live_and_never_drifts()
    {
        var result = Run("""
            for (let i = 0; i < 10; i++) arrive(10 + i * 0.1);
            // A frozen tab wakes up with three seconds of packets at once: past half a second over the target, it skips.
            const burst = [];
            for (let i = 0; i < 30; i++) burst.push(jitter.place(11, 5, 0.02));
            const skipped = burst.findIndex(p => p.skip);
            const after = arrive(11.1);
            return { skipped, skips: jitter.stats.skipped, cut: burst[skipped].at - 11, target: jitter.target, after };
            """);
        Assert.True(result.GetProperty("skipped").GetInt32() > 0, result.ToString());
        Assert.True(result.GetProperty("skips").GetInt32() >= 1, result.ToString());
        // The packet that skips plays at the cushion's target from now, not after the backlog.
        Assert.Equal(result.GetProperty("target").GetDouble(), result.GetProperty("cut").GetDouble(), 3);
        Assert.True(result.GetProperty("after").GetDouble() <= 0.5 + 2 * result.GetProperty("target").GetDouble(), result.ToString());
    }

    [Fact]
    public void After_a_burst_the_cushion_comes_back_to_its_target_within_two_seconds()
    {
        var result = Run("""
            for (let i = 0; i < 10; i++) arrive(10 + i * 0.1);
            // The host stalled 400 ms, then sends what it held at once: the cushion jumps by 400 ms.
            for (let i = 0; i < 4; i++) jitter.place(11, 5, 0.02);
            const jumped = jitter.playhead - 11;
            for (let i = 1; i <= 20; i++) arrive(11 + i * 0.1);
            return { jumped, cushion: jitter.playhead - 13 - 0.1, target: jitter.target, far: jitter.settings.far, late: jitter.stats.late, skipped: jitter.stats.skipped };
            """);
        Assert.True(result.GetProperty("jumped").GetDouble() > 0.5, result.ToString());
        // Down to no more than FAR over the target (the rest goes twice a second once stable).
        Assert.True(result.GetProperty("cushion").GetDouble() <= result.GetProperty("target").GetDouble() + result.GetProperty("far").GetDouble() + 0.02 + 1e-9, result.ToString());
        Assert.Equal(0, result.GetProperty("late").GetInt32());
        Assert.Equal(0, result.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void After_a_reset_the_next_packet_starts_a_fresh_cushion()
    {
        var result = Run("""
            for (let i = 0; i < 5; i++) arrive(10 + i * 0.1);
            jitter.reset();
            return { delay: arrive(50), late: jitter.stats.late };
            """);
        Assert.Equal(0.15, result.GetProperty("delay").GetDouble(), 3);
        Assert.Equal(0, result.GetProperty("late").GetInt32());
    }
}
