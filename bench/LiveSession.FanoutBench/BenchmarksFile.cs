namespace LiveSession.FanoutBench;

/// <summary>docs/benchmarks.md, where each benchmark owns one section between its own markers.</summary>
public static class BenchmarksFile
{
    /// <summary>
    /// Writes only between the markers, which sit under the heading (other benchmarks replace a section up to the
    /// next "## " heading, so a marker above the heading would be swallowed); every other section stays as it is.
    /// </summary>
    public static void WriteSection(string path, string heading, string marker, string body)
    {
        string begin = $"<!-- {marker}:begin -->", end = $"<!-- {marker}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var block = $"{begin}\n{body.TrimEnd()}\n{end}";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + $"\n\n{heading}\n\n{block}\n";
        File.WriteAllText(path, text);
    }
}
