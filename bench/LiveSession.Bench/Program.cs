using LiveSession.Bench;

// Usage: dotnet run -c Release --project bench/LiveSession.Bench -- [store|console] [--seconds N] [--actions N] [--out docs/benchmarks.md]
// The mode is the first argument that is neither an option nor an option's value (so `--out path` is not a mode).
var mode = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault() ?? "store";
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? BenchmarkReport.DefaultPath();

await using var redis = await RedisProcess.StartAsync();
var (title, report) = mode switch
{
    "store" => ("Store throughput", await StoreThroughput.RunAsync(redis.Configuration, TimeSpan.FromSeconds(Option("--seconds", 5)))),
    "console" => ("Chair click to render in another browser", await ConsoleLatency.RunAsync(redis.Configuration, Option("--actions", 200))),
    _ => throw new ArgumentException($"unknown benchmark \"{mode}\" (store, console)"),
};
Console.WriteLine(report);
BenchmarkReport.WriteSection(output, title, report);
Console.WriteLine($"Written to {output}");
