using System.Globalization;
using System.Text;

namespace LiveSession.Testing;

/// <summary>
/// Reads a PDF with poppler-utils (installed by scripts/setup.sh --with-browser): its page count, a page's text,
/// its fonts, a page as PNG. A missing tool fails the test; it never turns it into a pass.
/// </summary>
public static class Poppler
{
    /// <summary>A font of the PDF as pdffonts lists it.</summary>
    public sealed record Font(string Name, string Type, bool Embedded, bool HasToUnicode);

    public static int Pages(byte[] pdf) => WithFile(pdf, path =>
    {
        var line = Run("pdfinfo", path).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The text of pages <paramref name="first"/> to <paramref name="last"/> (1-based), laid out as on the page, in NFC.</summary>
    public static string Text(byte[] pdf, int first = 1, int? last = null) => WithFile(pdf, path =>
        Run("pdftotext", "-f", first.ToString(CultureInfo.InvariantCulture), "-l", (last ?? first).ToString(CultureInfo.InvariantCulture), "-layout", "-enc", "UTF-8", path, "-").Normalize(NormalizationForm.FormC));

    public static IReadOnlyList<Font> Fonts(byte[] pdf) => WithFile(pdf, path =>
    {
        // name type encoding emb sub uni object ID, after two header lines; the type may hold a space ("Type 1", "CID TrueType").
        var fonts = new List<Font>();
        foreach (var line in Run("pdffonts", path).Split('\n').Skip(2).Where(l => l.Trim().Length > 0))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var flags = columns[^5..^2]; // emb sub uni
            fonts.Add(new Font(columns[0], string.Join(' ', columns[1..^6]), flags[0] == "yes", flags[2] == "yes"));
        }
        return fonts;
    });

    /// <summary>Page <paramref name="page"/> as a PNG written to <paramref name="pngPath"/> (to be looked at).</summary>
    public static void Render(byte[] pdf, int page, string pngPath, int dpi = 60) => WithFile(pdf, path =>
    {
        Run("pdftoppm", "-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", page.ToString(CultureInfo.InvariantCulture), "-l", page.ToString(CultureInfo.InvariantCulture), "-singlefile", path, Path.ChangeExtension(pngPath, null));
        return 0;
    });

    private static T WithFile<T>(byte[] pdf, Func<string, T> read)
    {
        var path = Path.Combine(Path.GetTempPath(), $"livesession-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try { return read(path); }
        finally { File.Delete(path); }
    }

    private static string Run(string program, params string[] arguments) =>
        Command.Output(program, arguments, "scripts/setup.sh --with-browser installs poppler-utils");
}
