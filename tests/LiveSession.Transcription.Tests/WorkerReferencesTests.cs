using System.Reflection;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// The worker runs on a machine with a GPU and no web pages: it needs the hub's contract and client
/// (src/Contracts) and the domain, never the UI (Blazor components, QR codes).
/// </summary>
public sealed class WorkerReferencesTests
{
    [Fact]
    public void The_worker_references_neither_Blazor_nor_QRCoder_directly_or_through_its_references()
    {
        var worker = typeof(TranscriptionOptions).Assembly;
        var direct = worker.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("LiveSession.Contracts", direct);

        // Every assembly the worker reaches through references, not only its own.
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>(worker.GetReferencedAssemblies());
        while (pending.TryDequeue(out var name))
        {
            if (!reached.Add(name.Name!)) continue;
            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue; // not shipped with the tests: not loaded by the worker either
            }
            foreach (var next in loaded.GetReferencedAssemblies()) pending.Enqueue(next);
        }

        Assert.Contains("Microsoft.AspNetCore.SignalR.Client", reached);
        Assert.DoesNotContain(reached, n => n.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal));
        Assert.DoesNotContain("QRCoder", reached);
        Assert.DoesNotContain("LiveSession.Client", reached);
    }
}
