namespace LiveSession.WhisperBench;

internal static class Arguments
{
    public static Dictionary<string, string?> Parse(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string?>();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg[2..];
                result[key] = null;
            }
            else if (key is not null)
            {
                result[key] = arg;
                key = null;
            }
        }
        return result;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the repository");
    }
}
