using LiveSession.Bench;

// Usage: dotnet run -c Release --project bench/LiveSession.Bench -- [store] [--seconds N] [--out docs/benchmarks.md]
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(5);
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? BenchmarkReport.DefaultPath();

await using var redis = await RedisProcess.StartAsync();
var report = await StoreThroughput.RunAsync(redis.Configuration, TimeSpan.FromSeconds(seconds));
Console.WriteLine(report);
BenchmarkReport.WriteSection(output, "Store throughput", report);
Console.WriteLine($"Written to {output}");
