using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Paperwork;
using LiveSession.Hub.Access;
using LiveSession.Hub.Paperwork;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Every download of GET /api/documents/{file} through a real host with LibreOffice (the default: soffice on PATH,
/// installed by scripts/setup.sh): given to the roles it is for, refused to the others; the PDFs and the dossier
/// read back; the secretary's page offers the PDFs.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class DocumentsTests(RedisServer redis) : BrowserTest(redis)
{
    [Fact]
    public async Task Every_document_is_given_to_its_roles_and_refused_to_the_others()
    {
        Assert.True(Host.Services.GetRequiredService<PdfConverter>().IsAvailable, "the host has no PDF: scripts/setup.sh installs LibreOffice");
        var id = await Documents.MeetingAsync(Host);
        using var http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };

        foreach (var file in Documents.All)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{DocumentsApi.Path}/{file}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{DocumentsApi.Path}/{file}?t=forged")).StatusCode);
            // The roles at once: the PDFs and the dossier are converted side by side, as on a busy host.
            var answers = await Task.WhenAll(Enum.GetValues<Role>().Select(async role => (role, response: await http.GetAsync(Documents.Url(Host, id, file, role)))));
            foreach (var (role, response) in answers)
            {
                if (!Documents.IsFor(file, role))
                {
                    Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{file} for {role}: {response.StatusCode}");
                    Assert.Contains("không được phép", await Documents.DetailAsync(response));
                    continue;
                }
                Assert.True(response.IsSuccessStatusCode, $"{file} for {role}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal($"{id}-{file}", response.Content.Headers.ContentDisposition?.FileName);
                var body = await response.Content.ReadAsByteArrayAsync();
                switch (Path.GetExtension(file))
                {
                    case ".docx":
                        Assert.Equal(Documents.DocxType, response.Content.Headers.ContentType!.MediaType);
                        Assert.Contains(Documents.Titles[file], Documents.DocxText(body));
                        break;
                    case ".pdf":
                        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
                        Documents.AssertPdf(body, Documents.Titles[file]);
                        break;
                    default:
                        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
                        var entries = Documents.Entries(body);
                        Assert.Equal(Documents.DossierWithPdf, entries.Keys.Order(StringComparer.Ordinal));
                        Documents.AssertPdf(entries["bien-ban.pdf"], "BIÊN BẢN");
                        Documents.AssertPdf(entries["thong-bao-ket-luan.pdf"], "THÔNG BÁO");
                        Assert.Contains("BIÊN BẢN", Documents.DocxText(entries["bien-ban.docx"]));
                        break;
                }
            }
        }

        // A bearer token works as the link's ?t= does; a link the chair rotated no longer does.
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, $"{DocumentsApi.Path}/thong-bao-ket-luan.docx"))
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.Token(id, Role.Chair));
            var response = await http.SendAsync(bearer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("THÔNG BÁO", Documents.DocxText(await response.Content.ReadAsByteArrayAsync()));
        }
        await using var chair = await Host.ConnectAsync(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);
        foreach (var file in Documents.All)
        {
            var revoked = await http.GetAsync(Documents.Url(Host, id, file, Role.Secretary));
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Contains("thu hồi", await Documents.DetailAsync(revoked));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Documents.Url(Host, id, "bien-ban.odt", Role.Chair))).StatusCode);
        Assert.Empty(Host.Logs.Errors);
    }

    [Fact]
    public async Task The_secretary_page_offers_the_PDFs_and_they_download()
    {
        var id = await Documents.MeetingAsync(Host);
        var page = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var paperwork = page.GetByTestId("paperwork");
        await Expect(paperwork.GetByRole(AriaRole.Link, new() { Name = "Biên bản (PDF)" })).ToBeVisibleAsync();
        await Expect(paperwork.GetByRole(AriaRole.Link, new() { Name = "Thông báo (PDF)" })).ToBeVisibleAsync();
        await Expect(paperwork.GetByTestId("pdf-off")).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(
            () => paperwork.GetByRole(AriaRole.Link, new() { Name = "Biên bản (PDF)" }).ClickAsync(), new() { Timeout = 120_000 });
        Assert.Equal($"{id}-bien-ban.pdf", download.SuggestedFilename);
        Documents.AssertPdf(await File.ReadAllBytesAsync((await download.PathAsync())!), "BIÊN BẢN");
    }
}

/// <summary>The same host with Paperwork:PdfConverter = none: no PDF anywhere, a 501 that says why.</summary>
[Collection(RedisCollection.Name)]
public sealed class DocumentsWithoutPdfTests(RedisServer redis) : BrowserTest(redis)
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
        new Dictionary<string, string> { ["Paperwork:PdfConverter"] = PdfConverter.Off };

    [Fact]
    public async Task PDF_answers_501_with_the_reason_after_the_role_check_and_the_dossier_has_no_PDF()
    {
        Assert.False(Host.Services.GetRequiredService<PdfConverter>().IsAvailable);
        var id = await Documents.MeetingAsync(Host);
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };

        foreach (var file in Documents.All)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{DocumentsApi.Path}/{file}")).StatusCode);
            foreach (var role in Enum.GetValues<Role>())
            {
                var response = await http.GetAsync(Documents.Url(Host, id, file, role));
                var expected = !Documents.IsFor(file, role) ? HttpStatusCode.Forbidden
                    : file.EndsWith(".pdf", StringComparison.Ordinal) ? HttpStatusCode.NotImplemented
                    : HttpStatusCode.OK;
                Assert.True(expected == response.StatusCode, $"{file} for {role}: {response.StatusCode}, expected {expected}");
                if (expected != HttpStatusCode.NotImplemented) continue;
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("Máy chủ không bật chức năng xuất PDF; hãy tải bản DOCX.", await Documents.DetailAsync(response));
            }
        }

        var dossier = await http.GetAsync(Documents.Url(Host, id, "ho-so.zip", Role.Secretary));
        Assert.Equal(HttpStatusCode.OK, dossier.StatusCode);
        Assert.Equal(Documents.DossierWithPdf.Where(name => !name.EndsWith(".pdf", StringComparison.Ordinal)),
            Documents.Entries(await dossier.Content.ReadAsByteArrayAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Host.Logs.Errors); // PDF turned off is an answer, not a fault of the host
    }

    [Fact]
    public async Task The_secretary_page_offers_DOCX_and_the_dossier_only_and_says_why()
    {
        var id = await Documents.MeetingAsync(Host);
        var page = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var paperwork = page.GetByTestId("paperwork");
        await Expect(paperwork.GetByRole(AriaRole.Link, new() { Name = "Biên bản (DOCX)" })).ToBeVisibleAsync();
        await Expect(paperwork.GetByRole(AriaRole.Link, new() { Name = "Thông báo kết luận (DOCX)" })).ToBeVisibleAsync();
        await Expect(paperwork.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ lưu trữ (ZIP)" })).ToBeVisibleAsync();
        await Expect(paperwork.GetByTestId("pdf-off")).ToHaveTextAsync("Máy chủ không bật chức năng xuất PDF; hãy tải bản DOCX.");
        await Expect(paperwork.Locator("a[href*='.pdf']")).ToHaveCountAsync(0);
        await Expect(paperwork.GetByText("(PDF)")).ToHaveCountAsync(0);
    }
}

/// <summary>What the documents tests share: the files, who may have them, and reading them back.</summary>
internal static class Documents
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The biên bản, the thông báo (DOCX and PDF) and the dossier: for the secretary and the chair.</summary>
    public static readonly string[] Signed = ["bien-ban.docx", "thong-bao-ket-luan.docx", "bien-ban.pdf", "thong-bao-ket-luan.pdf", "ho-so.zip"];
    /// <summary>The documents that prepare the meeting: for the organizer too.</summary>
    public static readonly string[] Preparation = [MeetingArchive.PlanEntry, MeetingArchive.InvitationsEntry, MeetingArchive.PreMeetingEntry];
    public static readonly string[] All = [.. Signed, .. Preparation];

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["bien-ban.docx"] = "BIÊN BẢN",
        ["bien-ban.pdf"] = "BIÊN BẢN",
        ["thong-bao-ket-luan.docx"] = "THÔNG BÁO",
        ["thong-bao-ket-luan.pdf"] = "THÔNG BÁO",
        [MeetingArchive.PlanEntry] = "KẾ HOẠCH",
        [MeetingArchive.InvitationsEntry] = "DANH SÁCH KHÁCH MỜI",
        [MeetingArchive.PreMeetingEntry] = "BÁO CÁO",
    };

    public static readonly string[] DossierWithPdf =
    [
        "bao-cao-ket-qua-giai-quyet.docx", "bao-cao-tong-hop-kien-nghi-truoc-hoi-nghi.docx", "bien-ban.docx", "bien-ban.pdf", "chuong-trinh.json",
        "danh-sach-khach-moi.docx", "giay-moi.docx", "ke-hoach-va-phan-cong.docx", "nhat-ky-thao-tac.csv", "su-kien.json",
        "thoi-luong-phat-bieu-theo-thon.csv", "thoi-luong-phat-bieu.csv", "thong-bao-cong-khai.docx", "thong-bao-ket-luan.docx", "thong-bao-ket-luan.pdf",
    ];

    public static bool IsFor(string file, Role role) =>
        role is Role.Secretary or Role.Chair || (role == Role.Organizer && Preparation.Contains(file));

    public static string Url(TestHost host, string meetingId, string file, Role role) =>
        $"{DocumentsApi.Path}/{file}?t={Uri.EscapeDataString(host.Token(meetingId, role, participantId: role == Role.Participant ? "p1" : null))}";

    /// <summary>A started meeting whose documents carry the issuing body, as the secretary sets it.</summary>
    public static async Task<string> MeetingAsync(TestHost host)
    {
        var id = await host.CreateMeetingAsync();
        var result = await host.Meetings.ExecuteAsync(new RoleGrant(id, Role.Secretary, 0), new SetPaperworkDetails(
            "Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch", ["Thường trực Đảng ủy xã", "Ủy ban MTTQ Việt Nam xã An Hưng"]));
        Assert.True(result.Ok, result.ErrorMessage);
        return id;
    }

    /// <summary>A PDF of one of the meeting's documents: its title and the Quốc hiệu on page 1, with their diacritics, in embedded fonts.</summary>
    public static void AssertPdf(byte[] pdf, string title)
    {
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.InRange(Poppler.Pages(pdf), 1, 5);
        var text = Poppler.Text(pdf);
        foreach (var expected in new[] { title, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "XÃ AN HƯNG", "Nguyễn Văn An" })
            Assert.Contains(expected, text);
        Assert.All(Poppler.Fonts(pdf), font => Assert.True(font.Embedded, $"{font.Name} is not embedded"));
    }

    public static string DocxText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }

    public static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>The problem's detail (what the person reads).</summary>
    public static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }
}
