using System.Globalization;
using System.Diagnostics;
using System.Text;
using LiveSession.Testing;
using Microsoft.Extensions.Options;

namespace LiveSession.Paperwork.Tests;

/// <summary>
/// PDF through LibreOffice, which scripts/setup.sh installs (with the fonts and poppler-utils): the converter as the
/// setting makes it, each PDF read back with poppler (pages, text with its diacritics, embedded fonts), concurrent
/// conversions, and a converter that hangs or fails. Page 1 of each document goes to tests/artifacts/ to be looked at.
/// </summary>
public class PdfRenderingTests
{
    internal static PdfConverter Converter(string? setting = null, TimeSpan? timeout = null, int concurrency = 2) =>
        new(Options.Create(new PaperworkOptions { PdfConverter = setting, PdfTimeout = timeout ?? TimeSpan.FromSeconds(90), PdfConcurrency = concurrency }));

    /// <summary>
    /// The converter of a host with the setting unset, one for every test class: the classes run side by side, and each
    /// with its own converter had LibreOffice run many times at once on two cores, past the timeout. Shared, the
    /// conversions wait their turn as a host's do (the wait is not counted in the timeout).
    /// </summary>
    private static readonly Lazy<PdfConverter> SharedLibreOffice = new(() => Converter(timeout: TimeSpan.FromMinutes(3)));

    /// <summary>The shared converter of a host with the setting unset; LibreOffice must be there (scripts/setup.sh installs it).</summary>
    internal static PdfConverter LibreOffice()
    {
        var converter = SharedLibreOffice.Value;
        Assert.True(converter.IsAvailable, "soffice is not on PATH: scripts/setup.sh installs LibreOffice (libreoffice-writer).");
        return converter;
    }

    [Fact]
    public void Unset_the_setting_takes_soffice_from_PATH()
    {
        var converter = LibreOffice();
        Assert.Equal("soffice", Path.GetFileName(converter.Program));
        Assert.True(Path.IsPathRooted(converter.Program));
        Assert.Null(converter.Unavailable);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData(" none ")]
    public async Task None_turns_PDF_off_with_the_reason_for_the_secretary(string setting)
    {
        var converter = Converter(setting);
        Assert.False(converter.IsAvailable);
        Assert.Null(converter.Program);
        Assert.Equal("Máy chủ không bật chức năng xuất PDF; hãy tải bản DOCX.", converter.Unavailable);
        Assert.Null(await converter.ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context())));
    }

    [Fact]
    public void LibreOffice_installed_while_the_host_runs_is_used_without_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("livesession-later-").FullName;
        try
        {
            var later = Path.Combine(folder, "soffice");
            var converter = Converter(later);
            Assert.False(converter.IsAvailable);
            Assert.Equal(PdfConverter.NotInstalledMessage, converter.Unavailable);

            File.CreateSymbolicLink(later, LibreOffice().Program!);

            Assert.True(converter.IsAvailable);
            Assert.Null(converter.Unavailable);
            Assert.Equal(later, converter.Program);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_path_or_a_program_name_is_taken_when_it_is_there_and_refused_when_it_is_not()
    {
        var soffice = LibreOffice().Program!;
        var directory = Path.GetDirectoryName(soffice)!;
        var empty = Directory.CreateTempSubdirectory("livesession-empty-path-").FullName;
        try
        {
            Assert.Equal(Found(soffice), PdfConverter.Resolve(soffice, empty));
            Assert.Equal(Found(soffice), PdfConverter.Resolve("soffice", $"{empty}{Path.PathSeparator}{directory}"));
            Assert.Equal(Found(soffice), PdfConverter.Resolve(null, directory));
            Assert.Equal(Found(soffice), PdfConverter.Resolve("  ", directory));

            const string notInstalled = "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.";
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve(null, empty));
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve(null, null));
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve("soffice", empty));
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve(Path.Combine(empty, "soffice"), directory));
            var notExecutable = Path.Combine(empty, "soffice");
            File.WriteAllText(notExecutable, "not a program");
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve(notExecutable, directory));
            Assert.Equal(Missing(notInstalled), PdfConverter.Resolve("soffice", empty));

            var off = Converter(Path.Combine(empty, "missing", "soffice"));
            Assert.False(off.IsAvailable);
            Assert.Equal(notInstalled, off.Unavailable);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static (string?, string?) Found(string program) => (program, null);
    private static (string?, string?) Missing(string why) => (null, why);

    public static TheoryData<string, int, string[], string[]> Documents => new()
    {
        {
            "bien-ban", 3,
            ["ỦY BAN NHÂN DÂN", "XÃ AN HƯNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ……/BB-UBND",
             "An Hưng, ngày 15 tháng 3 năm 2025", "BIÊN BẢN", ScriptedMeeting.Title, "Thời gian bắt đầu: 08 giờ 00 phút, ngày 15 tháng 3 năm 2025.",
             "Chủ trì: Nguyễn Văn Chủ – Chủ tịch Ủy ban nhân dân xã An Hưng.", "Thư ký: Trần Thị Thư.", "Nguyễn Văn An (Thôn Đông)",
             "đường xuống cấp nghiêm trọng."],
            ["THƯ KÝ", "CHỦ TỌA", ScriptedMeeting.Secretary, ScriptedMeeting.Chair, "Nơi nhận:"]
        },
        {
            "thong-bao-ket-luan", 2,
            ["ỦY BAN NHÂN DÂN", "XÃ AN HƯNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ……/TB-UBND",
             "An Hưng, ngày 17 tháng 3 năm 2025", "THÔNG BÁO", "Kết luận của Chủ tịch Ủy ban nhân dân xã An Hưng tại Hội nghị đối thoại",
             "I. CÁC KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ", "Trần Thị Bình (Thôn Tây) kiến nghị", "thời hạn hoàn"],
            ["IV. TỔ CHỨC THỰC HIỆN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ScriptedMeeting.Chair, "Lưu: VT."]
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Each_document_has_its_pages_its_text_with_diacritics_and_embedded_fonts(string name, int pages, string[] pageOne, string[] lastPage)
    {
        var context = ScriptedMeeting.Played().Context();
        var docx = name == "bien-ban" ? MinutesDocument.Build(context) : ConclusionNotice.Build(context);
        var pdf = await LibreOffice().ConvertAsync(docx);
        Assert.NotNull(pdf);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        await KeepAsync(name, docx, pdf);

        Assert.Equal(pages, Poppler.Pages(pdf));
        var first = Lines(Poppler.Text(pdf, 1));
        Assert.All(pageOne, expected => Assert.Contains(expected, first));
        Assert.DoesNotContain("\uFFFD", first); // no glyph without its Unicode
        var last = Lines(Poppler.Text(pdf, pages));
        Assert.All(lastPage, expected => Assert.Contains(expected, last));
        // NĐ 30: the page number at the top from page 2 on, none on page 1.
        Assert.Equal("2", Poppler.Text(pdf, 2).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim());
        Assert.NotEqual("1", first.Split('\n')[0].Trim());

        // Times New Roman (or its metric twin Liberation Serif, which covers Vietnamese), every font embedded with
        // its Unicode map: no fallback font for a missing glyph, nothing left to the reader's machine.
        var fonts = Poppler.Fonts(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, font =>
        {
            Assert.True(font.Embedded, $"{font.Name} is not embedded");
            Assert.True(font.HasToUnicode, $"{font.Name} has no Unicode map");
            Assert.Matches("^([A-Z]{6}\\+)?(LiberationSerif|TimesNewRoman)", font.Name);
        });
        Assert.Contains(fonts, font => font.Name.EndsWith("Serif", StringComparison.Ordinal) || font.Name.EndsWith("TimesNewRomanPSMT", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.Name.Contains("Bold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conversions_at_the_same_time_each_get_their_own_document()
    {
        var context = ScriptedMeeting.Played().Context();
        var documents = new (string Title, byte[] Docx)[]
        {
            ("BIÊN BẢN", MinutesDocument.Build(context)),
            ("THÔNG BÁO", ConclusionNotice.Build(context)),
            ("DANH SÁCH KHÁCH MỜI", InvitationList.Build(context)),
        };
        var converter = Converter(concurrency: documents.Length);
        Assert.True(converter.IsAvailable);

        var pdfs = await Task.WhenAll(documents.Select(d => converter.ConvertAsync(d.Docx)));

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.NotNull(pdfs[i]);
            var text = Poppler.Text(pdfs[i]!);
            Assert.Contains(documents[i].Title, text);
            Assert.All(documents.Where((_, j) => j != i), other => Assert.DoesNotContain(other.Title, text));
        }
    }

    [Fact]
    public async Task A_converter_that_hangs_is_killed_with_its_children_after_the_timeout()
    {
        var dir = Directory.CreateTempSubdirectory("livesession-hang-").FullName;
        try
        {
            // Stands for a hung soffice: starts a child (as soffice starts soffice.bin) and never ends.
            var script = FakeProgram(dir, $"sleep 600 & echo $! > '{dir}/child'; echo $$ > '{dir}/self'; wait");
            var converter = Converter(script, timeout: TimeSpan.FromSeconds(2));
            Assert.True(converter.IsAvailable);

            var clock = Stopwatch.StartNew();
            var pdf = await converter.ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context()));

            Assert.Null(pdf);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
            foreach (var pid in new[] { "self", "child" }.Select(f => int.Parse(File.ReadAllText(Path.Combine(dir, f)).Trim(), CultureInfo.InvariantCulture)))
                Assert.True(await StopsAsync(pid), $"process {pid} still runs 5 s after the timeout");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_the_conversion()
    {
        var dir = Directory.CreateTempSubdirectory("livesession-cancel-").FullName;
        try
        {
            var script = FakeProgram(dir, $"echo $$ > '{dir}/self'; exec sleep 600");
            var converter = Converter(script);
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => converter.ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context()), giveUp.Token));

            Assert.True(await StopsAsync(int.Parse(File.ReadAllText(Path.Combine(dir, "self")).Trim(), CultureInfo.InvariantCulture)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("echo 'Error: source file could not be loaded' >&2; exit 1")]
    [InlineData("exit 0")] // says nothing went wrong, yet wrote no PDF
    public async Task A_converter_that_fails_gives_no_PDF(string body)
    {
        var dir = Directory.CreateTempSubdirectory("livesession-fail-").FullName;
        try
        {
            var converter = Converter(FakeProgram(dir, body));
            Assert.True(converter.IsAvailable);
            Assert.Null(await converter.ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context())));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_real_converter_out_of_time_returns_null()
    {
        var pdf = await Converter(timeout: TimeSpan.FromMilliseconds(1)).ConvertAsync(MinutesDocument.Build(ScriptedMeeting.Played().Context()));
        Assert.Null(pdf);
    }

    /// <summary>pdftotext's lines with the layout's runs of spaces made one, so a phrase reads as in the document.</summary>
    private static string Lines(string text) =>
        string.Join('\n', text.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Replace(line.Trim(), " +", " ")));

    private static string FakeProgram(string dir, string body)
    {
        var path = Path.Combine(dir, "fake-soffice");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A SIGKILLed process is gone at once, but a loaded machine may take a moment to show it: waits up to 5 s.</summary>
    private static async Task<bool> StopsAsync(int pid)
    {
        for (var i = 0; i < 50 && IsRunning(pid); i++) await Task.Delay(100);
        return !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        // A killed child of a killed parent may linger as a zombie until reaped: that is not running.
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie"));
    }

    internal static async Task KeepAsync(string name, byte[] docx, byte[] pdf)
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "tests", "artifacts")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(artifacts, name + ".docx"), docx);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, name + ".pdf"), pdf);
        var png = Path.Combine(artifacts, name + "-page1.png");
        Poppler.Render(pdf, 1, png);
        Assert.True(File.Exists(png));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
