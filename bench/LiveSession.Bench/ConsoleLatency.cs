using System.Globalization;
using Microsoft.Playwright;

namespace LiveSession.Bench;

/// <summary>
/// Time from a chair's click to the change rendered in another browser: one chair console clicks,
/// a second console (another browser context, as a second machine would be) observes its DOM. Both
/// timestamps come from the same Chromium's wall clock (performance.timeOrigin + performance.now()).
/// </summary>
public static class ConsoleLatency
{
    public static async Task<string> RunAsync(string redis, int actions)
    {
        await using var hub = await HubProcess.StartAsync(redis);
        var links = await hub.CreateDemoMeetingAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var chair = await OpenConsoleAsync(browser, links["chair"]);
        var watcher = await OpenConsoleAsync(browser, links["chair"]);

        // A meeting in full swing: started, at a step, five people queued, one speaking.
        await chair.GetByTestId("start-meeting").ClickAsync();
        await chair.Keyboard.PressAsync("]");
        var form = chair.GetByTestId("speaker-form");
        foreach (var name in new[] { "Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hoàng Thị Em", "Vũ Văn Giang" })
        {
            await form.GetByLabel("Họ và tên").FillAsync(name);
            await form.GetByLabel("Họ và tên").PressAsync("Enter");
            await chair.GetByTestId("queue").GetByText(name).WaitForAsync();
        }
        await chair.Keyboard.PressAsync("Escape");
        await chair.Keyboard.PressAsync("n");
        await watcher.GetByTestId("current-speaker").WaitForAsync();

        await watcher.EvaluateAsync("""
            () => {
              const board = document.querySelector("[data-testid=chair-console]");
              window.__seen = {};
              new MutationObserver(() => { window.__seen[board.dataset.version] = performance.timeOrigin + performance.now(); })
                .observe(board, { attributes: true, attributeFilter: ["data-version"] });
            }
            """);

        var latencies = new List<double>();
        for (var i = 0; i < actions; i++)
        {
            var before = long.Parse((await watcher.GetByTestId("chair-console").GetAttributeAsync("data-version"))!, CultureInfo.InvariantCulture);
            // Alternate a timer action and a queue action; both change one version.
            var selector = i % 2 == 0
                ? "[data-testid=current-speaker] button:nth-of-type(2)"
                : "[data-testid=queue] li:last-child button[aria-label='Lên đầu']";
            var clickedAt = await chair.EvaluateAsync<double>($$"""
                () => { const t = performance.timeOrigin + performance.now(); document.querySelector("{{selector}}").click(); return t; }
                """);
            await watcher.WaitForFunctionAsync($"() => window.__seen['{before + 1}'] !== undefined");
            var renderedAt = await watcher.EvaluateAsync<double>($"() => window.__seen['{before + 1}']");
            latencies.Add(renderedAt - clickedAt);
            // The chair's own page must have the new version before the next click refers to it.
            await chair.WaitForFunctionAsync($"() => document.querySelector('[data-testid=chair-console]').dataset.version >= {before + 1}");
        }

        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        return $"""
            {actions} chair actions (alternately "+30 giây" and "Lên đầu" on the last queue entry), each clicked in one
            chair console and timed until the second console (another browser context) showed the new version:
            Blazor circuit → hub (SignalR) → Redis commit → broadcast → the other circuit → its browser.
            Published hub as its own process, redis-server on loopback, Debian Chromium headless; 2-core machine.
            Reproduce: `dotnet run -c Release --project bench/LiveSession.Bench -- console --actions {actions}`
            ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores).

            | actions | p50 ms | p95 ms | p99 ms | max ms |
            |---:|---:|---:|---:|---:|
            | {actions} | {P(0.50):0.0} | {P(0.95):0.0} | {P(0.99):0.0} | {latencies[^1]:0.0} |
            """;
    }

    private static async Task<IPage> OpenConsoleAsync(IBrowser browser, string link)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForSelectorAsync("[data-testid=chair-console][data-keyboard=on]");
        return page;
    }
}
