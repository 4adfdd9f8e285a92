using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveSession.Paperwork;

/// <summary>
/// DOCX → PDF through LibreOffice (soffice --headless), as <see cref="PaperworkOptions.PdfConverter"/> says:
/// soffice on PATH by default, a given program, or none (PDF off). Each conversion runs its own LibreOffice with
/// a profile of its own in its own folder, so conversions at the same time never meet; one that outlasts
/// <see cref="PaperworkOptions.PdfTimeout"/> is killed with its children.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim holds unmanaged state only once AvailableWaitHandle is read, which this class never does.")]
public sealed partial class PdfConverter
{
    /// <summary>The setting that turns PDF off.</summary>
    public const string Off = "none";
    public const string DefaultProgram = "soffice";

    /// <summary>What the secretary reads when the host was set to make no PDF.</summary>
    public const string TurnedOffMessage = "Máy chủ không bật chức năng xuất PDF; hãy tải bản DOCX.";
    /// <summary>What the secretary reads when LibreOffice is not on the host.</summary>
    public const string NotInstalledMessage = "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.";

    private readonly SemaphoreSlim _gate;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly string? _setting;

    public PdfConverter(IOptions<PaperworkOptions> options, ILogger<PdfConverter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger ?? NullLogger<PdfConverter>.Instance;
        _timeout = settings.PdfTimeout > TimeSpan.Zero ? settings.PdfTimeout : TimeSpan.FromSeconds(90);
        _gate = new SemaphoreSlim(Math.Max(1, settings.PdfConcurrency));
        _setting = settings.PdfConverter;
        if (Program is not null)
            LogProgram(_logger, Program);
        else if (Unavailable == TurnedOffMessage)
            LogTurnedOff(_logger, SettingName, Off);
        else
            LogNotFound(_logger, settings.PdfConverter ?? DefaultProgram, SettingName, Off);
    }

    /// <summary>
    /// The program that converts, or null when there is no PDF. Looked up each time it is asked (a file check or a PATH
    /// scan), so that LibreOffice installed while the host runs is used without a restart.
    /// </summary>
    public string? Program => Resolve(_setting, Environment.GetEnvironmentVariable("PATH")).Program;

    public bool IsAvailable => Program is not null;

    /// <summary>Why there is no PDF, in words for the secretary (the 501's detail); null when there is.</summary>
    public string? Unavailable => Resolve(_setting, Environment.GetEnvironmentVariable("PATH")).Unavailable;

    /// <summary>The program a setting names (unset: soffice on PATH), or why there is none.</summary>
    internal static (string? Program, string? Unavailable) Resolve(string? setting, string? path)
    {
        var value = setting?.Trim();
        if (string.IsNullOrEmpty(value)) value = DefaultProgram;
        else if (value.Equals(Off, StringComparison.OrdinalIgnoreCase)) return (null, TurnedOffMessage);
        var program = value.Contains(Path.DirectorySeparatorChar) || value.Contains(Path.AltDirectorySeparatorChar)
            ? (IsExecutable(value) ? Path.GetFullPath(value) : null)
            : FindOnPath(value, path);
        return program is null ? (null, NotInstalledMessage) : (program, null);
    }

    /// <summary>The PDF, or null when there is no converter, or it fails or takes longer than the timeout.</summary>
    public async Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        if (Program is not { } program) return null;

        await _gate.WaitAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("livesession-pdf-");
        try
        {
            var input = Path.Combine(work.FullName, "document.docx");
            var output = Path.Combine(work.FullName, "out");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work.FullName,
            };
            // A profile of this conversion's own: LibreOffice hands a conversion to a running instance with the
            // same profile (or waits on its lock), so two at once, or a desktop LibreOffice, would meet in one.
            foreach (var argument in new[]
            {
                $"-env:UserInstallation={new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri}",
                "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", output, input,
            })
                start.ArgumentList.Add(argument);

            using var process = StartOrNull(start);
            if (process is null)
            {
                LogNotStarted(_logger, program);
                return null;
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
                await Task.WhenAll(stdout, stderr);
            }
            catch (OperationCanceledException)
            {
                await KillAsync(process);
                cancellationToken.ThrowIfCancellationRequested();
                LogKilled(_logger, program, _timeout);
                return null;
            }
            var pdf = Path.Combine(output, "document.pdf");
            if (process.ExitCode == 0 && File.Exists(pdf)) return await File.ReadAllBytesAsync(pdf, cancellationToken);
            LogNoPdf(_logger, program, process.ExitCode, Clip(await stderr + await stdout));
            return null;
        }
        finally
        {
            _gate.Release();
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Kills the program and what it started (soffice → oosplash → soffice.bin), and waits for it to go.</summary>
    private static async Task KillAsync(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // exited meanwhile
        catch (System.ComponentModel.Win32Exception) { }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
    }

    private static Process? StartOrNull(ProcessStartInfo start)
    {
        try { return Process.Start(start); }
        catch (System.ComponentModel.Win32Exception) { return null; } // found but not executable
    }

    private static string Clip(string text) => text.Length <= 500 ? text.Trim() : text[..500] + "…";

    private static string? FindOnPath(string name, string? path) =>
        (path ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private const string SettingName = PaperworkOptions.Section + ":" + nameof(PaperworkOptions.PdfConverter);

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF through {Program}")]
    private static partial void LogProgram(ILogger logger, string program);

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF turned off ({Setting} = {Off})")]
    private static partial void LogTurnedOff(ILogger logger, string setting, string off);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No PDF: {Program} not found; install LibreOffice (scripts/setup.sh) or set {Setting} to a path, or to {Off}")]
    private static partial void LogNotFound(ILogger logger, string program, string setting, string off);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF: {Program} could not be started")]
    private static partial void LogNotStarted(ILogger logger, string program);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF: {Program} killed after {Timeout}")]
    private static partial void LogKilled(ILogger logger, string program, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF: {Program} exited with {ExitCode} without a PDF: {Errors}")]
    private static partial void LogNoPdf(ILogger logger, string program, int exitCode, string errors);
}
