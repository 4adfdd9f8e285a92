namespace LiveSession.Testing;

/// <summary>The clone the tests run from (they run from tests/…/bin/{configuration}/{framework}/).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        throw new InvalidOperationException("LiveSession.sln not found above " + AppContext.BaseDirectory);
    }
}
