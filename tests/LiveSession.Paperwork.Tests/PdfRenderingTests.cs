using System.Diagnostics;
using System.Text;

namespace LiveSession.Paperwork.Tests;

/// <summary>
/// PDF through LibreOffice when it is installed; without it the converter says so and returns nothing.
/// With LibreOffice and poppler, page 1 of each document is rendered to tests/artifacts/ to be looked at.
/// </summary>
public class PdfRenderingTests
{
    [Fact]
    public async Task Without_LibreOffice_nothing_is_converted_with_it_a_PDF_comes_back()
    {
        var pdf = await new PdfConverter().ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context()));
        if (PdfConverter.IsAvailable)
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf!, 0, 4));
        else
            Assert.Null(pdf);
    }

    [Fact]
    public async Task A_converter_that_runs_out_of_time_returns_null()
    {
        var pdf = await new PdfConverter(TimeSpan.FromMilliseconds(1)).ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context()));
        Assert.Null(pdf);
    }

    [Theory]
    [InlineData("bien-ban", "BIÊN BẢN")]
    [InlineData("thong-bao-ket-luan", "THÔNG BÁO")]
    public async Task Page_one_renders_with_the_Quoc_hieu_and_the_title(string name, string title)
    {
        if (!PdfConverter.IsAvailable) return;
        var context = ScriptedMeeting.Played().Context();
        var docx = name == "bien-ban" ? MinutesDocument.Build(context) : ConclusionNotice.Build(context);
        var pdf = await new PdfConverter().ConvertAsync(docx);
        Assert.NotNull(pdf);

        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "tests", "artifacts")).FullName;
        var pdfPath = Path.Combine(artifacts, name + ".pdf");
        await File.WriteAllBytesAsync(Path.Combine(artifacts, name + ".docx"), docx);
        await File.WriteAllBytesAsync(pdfPath, pdf);
        if (Run("pdftotext", "-f", "1", "-l", "1", "-layout", pdfPath, "-") is not { } text) return; // poppler not installed
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
        Assert.Contains(title, text);
        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(artifacts, name + "-page1"));
        Assert.True(File.Exists(Path.Combine(artifacts, name + "-page1.png")));
    }

    private static string? Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
