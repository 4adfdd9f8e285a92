namespace LiveSession.Testing;

/// <summary>Waits for a condition that another process or connection makes true (not a timing assertion).</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string because, int timeoutSeconds = 15) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeoutSeconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(20);
        }
    }
}
