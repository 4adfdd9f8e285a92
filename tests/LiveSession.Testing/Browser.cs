using Microsoft.Playwright;

namespace LiveSession.Testing;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot work here).</summary>
/// <param name="arguments">More Chromium switches, e.g. <see cref="FakeMicrophone"/>.</param>
public sealed class Browser(params string[] arguments) : IAsyncLifetime
{
    /// <summary>Switches that give pages a microphone playing <paramref name="wavPath"/> (looped), granted without asking, and sound without a click.</summary>
    public static string[] FakeMicrophone(string wavPath) =>
    [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        $"--use-file-for-fake-audio-capture={wavPath}", "--autoplay-policy=no-user-gesture-required",
    ];

    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Chromium's environment besides this process's, e.g. a HOME whose NSS database trusts a test CA.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Environment { get; init; }

    /// <summary>Screenshots land here (not committed) for a person to look at.</summary>
    public static string ArtifactsDirectory { get; } = FindArtifactsDirectory();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", .. arguments], Env = Environment });
    }

    public async Task<IPage> OpenAsync(Uri url, int width, int height)
    {
        var context = await Chromium.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, name + ".png") });

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string FindArtifactsDirectory()
    {
        var path = Path.Combine(Repository.Root, "tests", "artifacts");
        Directory.CreateDirectory(path);
        return path;
    }
}
