using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;
using LiveSession.Hub.Access;
using LiveSession.Paperwork;
using LiveSession.Records;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Records;

/// <summary>
/// The public page of a meeting's results (công khai), which the commune portal links to: no link or login, only once the
/// office published it, and only what the conclusion notice itself says (names and localities as the notice prints them,
/// no phone, no photo, no recording), plus the announcement for the radio and the notice with its list as DOCX.
/// </summary>
public static class PublicationEndpoints
{
    public const string Path = "/cong-khai";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEndpointRouteBuilder MapPublication(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Path}/{{meetingId}}", PageAsync).Requires(Operation.OpenPublicPage);
        app.MapGet($"{Path}/{{meetingId}}/thong-bao.docx", DocxAsync).Requires(Operation.OpenPublicPage);
        return app;
    }

    /// <summary>The public page's address for a meeting.</summary>
    public static string PageOf(string meetingId) => $"{Path}/{meetingId}";

    private sealed record Published(DocumentContext Context, IReadOnlyList<FollowedPetition> FollowUp);

    /// <summary>The meeting's documents as published today; null when it is unknown, not archived, or not published (a 404, the same for each).</summary>
    private static async Task<Published?> PublishedAsync(string meetingId, HttpContext http)
    {
        if (meetingId.Length is 0 or > 64 || !meetingId.All(char.IsAsciiLetterOrDigit)) return null;
        var services = http.RequestServices;
        var dossier = await services.GetRequiredService<FollowUps>().DossierAsync(meetingId, http.RequestAborted);
        var records = services.GetRequiredService<MeetingRecords>();
        if (!dossier.IsPublished || await records.StateAsync(meetingId, http.RequestAborted) is not { Exists: true } state) return null;
        var today = PaperworkOptions.VietnamToday(services.GetRequiredService<TimeProvider>());
        var context = new DocumentContext(state, services.GetRequiredService<IOptions<PaperworkOptions>>().Value.Holidays, today)
        {
            NoticeIssuedOn = dossier.NoticeIssuedOn,
        };
        return new Published(context, await records.FollowedAsync(meetingId, http.RequestAborted));
    }

    private static async Task<IResult> DocxAsync(string meetingId, HttpContext http) =>
        await PublishedAsync(meetingId, http) is { } published
            ? Results.File(PublicationList.Build(published.Context, published.FollowUp),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"cong-khai-{meetingId}.docx")
            : Results.NotFound();

    private static async Task<IResult> PageAsync(string meetingId, HttpContext http)
    {
        if (await PublishedAsync(meetingId, http) is not { } published)
            return Results.Content(Page("Không tìm thấy", "<p>Không có kết quả hội nghị nào được công khai tại địa chỉ này.</p>"), "text/html; charset=utf-8", statusCode: 404);
        var (context, followUp) = (published.Context, published.FollowUp);
        var info = context.State.Info!;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1 class=\"h4\">Công khai kết quả giải quyết kiến nghị</h1><p class=\"lead\">{E(info.Title)}</p>");
        body.Append("<section data-testid=\"announcement\"><h2 class=\"h6\">Thông báo (đọc trên hệ thống truyền thanh, niêm yết tại trụ sở)</h2>");
        foreach (var line in PublicationList.Announcement(context, followUp).Split('\n')) body.Append(CultureInfo.InvariantCulture, $"<p>{E(line)}</p>");
        body.Append("</section>");
        body.Append(CultureInfo.InvariantCulture, $"<p><a class=\"btn btn-primary\" href=\"{E(PageOf(meetingId))}/thong-bao.docx\">Tải thông báo kết luận và danh sách (DOCX)</a></p>");
        body.Append(CultureInfo.InvariantCulture, $"<h2 class=\"h6\">Danh sách kiến nghị và kết quả (tình trạng đến ngày {context.Today:dd/MM/yyyy})</h2>");
        body.Append("<div class=\"table-responsive\"><table class=\"table table-sm\" data-testid=\"results\"><thead><tr><th>STT</th><th>Người kiến nghị</th><th>Nội dung</th><th>Trả lời, kết luận</th><th>Tình trạng</th></tr></thead><tbody>");
        foreach (var (line, i) in PublicationList.Lines(context, followUp).Select((l, i) => (l, i + 1)))
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{i}</td><td>{E(line.Citizen)}</td><td>{E(line.Summary)}</td><td style=\"white-space: pre-line\">{E(line.Answer)}</td><td>{E(line.Status)}</td></tr>");
        body.Append("</tbody></table></div>");
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Content(Page(info.Title, body.ToString()), "text/html; charset=utf-8");
    }

    private static string E(string text) => Html.Encode(text);

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} — công khai kết quả</title><link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css"></head>
        <body><main class="container py-3" data-testid="publication-page">{body}</main></body></html>
        """;
}
