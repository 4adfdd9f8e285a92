using System.Text.RegularExpressions;

namespace LiveSession.Bench;

/// <summary>Keeps docs/benchmarks.md as one section per benchmark, replacing a section when it is run again.</summary>
public static class BenchmarkReport
{
    /// <summary>docs/benchmarks.md of the repository this program was built from.</summary>
    public static string DefaultPath() => Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    public static void WriteSection(string path, string title, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nFigures measured on this project's 2-core machine; each section says how to reproduce it.\n";
        var section = $"## {title}\n\n{body.TrimEnd()}\n";
        var pattern = new Regex($"## {Regex.Escape(title)}\n.*?(?=\n## |\\z)", RegexOptions.Singleline);
        // The match ends before the "\n## " of the next section: keep the blank line between the two.
        text = pattern.IsMatch(text) ? pattern.Replace(text, section.TrimEnd('\n') + "\n") : text.TrimEnd() + "\n\n" + section;
        File.WriteAllText(path, text.TrimEnd() + "\n");
    }
}
