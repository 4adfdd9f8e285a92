namespace LiveSession.Testing;

/// <summary>
/// Waits on conditions that another process or connection makes true, instead of sleeping a fixed time
/// (not timing assertions: the timeouts only bound a test that would otherwise hang).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, string because, int timeoutSeconds = 15) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeoutSeconds);

    public static Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 15) =>
        TrueAsync(condition, () => Task.FromResult(because), timeoutSeconds);

    /// <summary>As above, with a reason told only on a failure (e.g. what the pages and hosts said then).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<Task<string>> because, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {await because()}.");
            await Task.Delay(Poll);
        }
    }

    /// <summary>
    /// Asserts that <paramref name="condition"/> holds now and throughout <paramref name="quietPeriod"/>, the time the
    /// test states it gives anything unwanted to show up (e.g. "no more audio after the floor ended").
    /// </summary>
    public static Task StaysTrueAsync(Func<bool> condition, TimeSpan quietPeriod, string because) =>
        StaysTrueAsync(() => Task.FromResult(condition()), quietPeriod, because);

    public static async Task StaysTrueAsync(Func<Task<bool>> condition, TimeSpan quietPeriod, string because)
    {
        var end = DateTime.UtcNow + quietPeriod;
        do
        {
            if (!await condition()) Assert.Fail($"Expected that {because}, throughout {quietPeriod.TotalSeconds:0.#} s.");
            await Task.Delay(Poll);
        }
        while (DateTime.UtcNow < end);
    }

    /// <summary>Waits until <paramref name="clock"/> reads <paramref name="instant"/> or later.</summary>
    public static Task PassedAsync(TimeProvider clock, DateTimeOffset instant, string because) =>
        TrueAsync(() => clock.GetUtcNow() >= instant, because);
}
