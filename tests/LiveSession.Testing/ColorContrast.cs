using System.Globalization;
using Microsoft.Playwright;

namespace LiveSession.Testing;

/// <summary>WCAG contrast of the text a page shows, as the browser computed its colours.</summary>
public static class ColorContrast
{
    /// <summary>
    /// Every visible piece of text under <paramref name="root"/> against its actual background (semi-transparent
    /// colours blended over what is behind): the lowest ratio must meet WCAG AA for normal text, 4.5:1.
    /// </summary>
    public static async Task AssertReadableAsync(IPage page, string root)
    {
        var lowest = await page.EvaluateAsync<string[]>("""
            root => {
              const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
              const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
              const background = el => {
                const layers = [];
                for (; el; el = el.parentElement) {
                  const c = rgba(getComputedStyle(el).backgroundColor);
                  if (c[3] > 0) layers.push(c);
                  if (c[3] === 1) break;
                }
                return layers.reduceRight((under, top) => over(top, under), [255, 255, 255]);
              };
              const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
              let worst = [99, ""];
              for (const el of document.querySelectorAll(root + " *")) {
                const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
                const bg = background(el);
                const a = lum(over(rgba(getComputedStyle(el).color), bg)), b = lum(bg);
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                if (ratio < worst[0]) worst = [ratio, el.textContent.trim().slice(0, 60)];
              }
              return [String(worst[0]), worst[1]];
            }
            """, root);
        var ratio = double.Parse(lowest[0], CultureInfo.InvariantCulture);
        Assert.True(ratio >= 4.5, $"lowest contrast {ratio:F2}:1 for \"{lowest[1]}\"");
    }
}
