using System.Diagnostics;
using System.Text;

namespace LiveSession.Testing;

/// <summary>Runs a program to its end and returns what it printed. A missing program fails the test with how to install it.</summary>
public static class Command
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
    }

    public static Result Run(string program, IEnumerable<string> arguments, string? installHint = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing{(installHint is null ? "" : ": " + installHint)}.", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Result(process.ExitCode, output, errors.Result);
        }
    }

    /// <summary>The program's output; an exit code other than 0 throws with its error output.</summary>
    public static string Output(string program, IEnumerable<string> arguments, string? installHint = null)
    {
        var result = Run(program, arguments, installHint);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Errors}");
        return result.Output;
    }
}
