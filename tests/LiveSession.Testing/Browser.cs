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

    /// <summary>
    /// One Chromium per set of switches for the whole test run: launching it costs more than most tests, and each test
    /// gets its own browser contexts (own cookies, storage and pages), closed when it ends. A browser with its own
    /// <see cref="Environment"/> is the test's alone.
    /// </summary>
    private static readonly Dictionary<string, Task<IBrowser>> Shared = [];
    private static readonly Lock SharedLock = new();
    private static readonly Lazy<Task<IPlaywright>> SharedPlaywright = new(Playwright.CreateAsync);

    private IPlaywright? _ownPlaywright;
    private IBrowser? _own;
    private readonly List<IBrowserContext> _contexts = [];

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Chromium's environment besides this process's, e.g. a HOME whose NSS database trusts a test CA.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Environment { get; init; }

    /// <summary>Screenshots land here (not committed) for a person to look at.</summary>
    public static string ArtifactsDirectory { get; } = FindArtifactsDirectory();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        if (Environment is not null)
        {
            _ownPlaywright = await Playwright.CreateAsync();
            Chromium = _own = await LaunchAsync(_ownPlaywright, arguments, Environment);
            return;
        }
        var key = string.Join('\n', arguments);
        Task<IBrowser> launch;
        lock (SharedLock)
        {
            if (!Shared.TryGetValue(key, out launch!) || launch is { IsCompletedSuccessfully: true, Result.IsConnected: false } || launch.IsFaulted)
                Shared[key] = launch = LaunchSharedAsync(arguments);
        }
        Chromium = await launch;
    }

    private static async Task<IBrowser> LaunchSharedAsync(string[] arguments) => await LaunchAsync(await SharedPlaywright.Value, arguments, null);

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string[] arguments, IEnumerable<KeyValuePair<string, string>>? environment) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", .. arguments], Env = environment });

    /// <summary>A new context of this test's (closed when the test ends).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Chromium.NewContextAsync(options);
        lock (_contexts) _contexts.Add(context);
        return context;
    }

    public async Task<IPage> OpenAsync(Uri url, int width, int height)
    {
        var context = await NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, name + ".png") });

    public async Task DisposeAsync()
    {
        // A page left open would keep reconnecting to the test's stopped host in the shared browser.
        foreach (var context in _contexts)
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { } // the browser is gone already
        }
        if (_own is not null) await _own.DisposeAsync();
        _ownPlaywright?.Dispose();
    }

    private static string FindArtifactsDirectory()
    {
        var path = Path.Combine(Repository.Root, "tests", "artifacts");
        Directory.CreateDirectory(path);
        return path;
    }
}
