using System.Diagnostics;

namespace LiveSession.Paperwork;

/// <summary>DOCX → PDF through LibreOffice (soffice --headless), when it is installed.</summary>
public sealed class PdfConverter(TimeSpan? timeout = null)
{
    private static readonly Lazy<string?> Executable = new(() => FindOnPath("soffice"));
    // One conversion at a time per process: LibreOffice locks its profile, and the machine is small.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly string Profile = Path.Combine(Path.GetTempPath(), $"livesession-soffice-{Environment.ProcessId}");

    private readonly TimeSpan timeout = timeout ?? TimeSpan.FromSeconds(90);

    public static bool IsAvailable => Executable.Value is not null;

    /// <summary>The PDF, or null when LibreOffice is missing, fails or takes longer than the timeout.</summary>
    public async Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        if (Executable.Value is not { } soffice) return null;

        await Gate.WaitAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("livesession-pdf-");
        try
        {
            var input = Path.Combine(work.FullName, "document.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // A profile of our own: a desktop LibreOffice (or another service) holding the default one would block us.
            foreach (var argument in new[]
            {
                $"-env:UserInstallation={new Uri(Profile).AbsoluteUri}",
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work.FullName, input,
            })
                start.ArgumentList.Add(argument);

            using var process = StartOrNull(start);
            if (process is null) return null;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
                await Task.WhenAll(output, errors);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                // A killed LibreOffice may leave its profile locked; the next conversion makes a fresh one.
                try { Directory.Delete(Profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
            var pdf = Path.Combine(work.FullName, "document.pdf");
            return process.ExitCode == 0 && File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf, cancellationToken) : null;
        }
        finally
        {
            Gate.Release();
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static Process? StartOrNull(ProcessStartInfo start)
    {
        try { return Process.Start(start); }
        catch (System.ComponentModel.Win32Exception) { return null; } // found but not executable
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name))
            .FirstOrDefault(File.Exists);
}
