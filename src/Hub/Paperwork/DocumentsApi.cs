using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Store;
using LiveSession.Paperwork;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Paperwork;

/// <summary>
/// The meeting's documents for the secretary and the chair, by their role link ("?t=" or a bearer token):
/// the biên bản and the thông báo kết luận as DOCX (and PDF when LibreOffice is installed), and the archive.
/// </summary>
public static class DocumentsApi
{
    public const string Path = "/api/documents";

    private static readonly Role[] Readers = [Role.Secretary, Role.Chair];

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Path}/{{file}}", GetAsync).RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(RoleLinkAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return app;
    }

    public static async Task<IResult> GetAsync(
        string file, HttpContext http, MeetingService meetings, MeetingStore store, PdfConverter pdf,
        IOptions<PaperworkOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (GrantClaims.ToGrant(http.User) is not { } grant || !Readers.Contains(grant.Role))
            return Problem(403, "Chỉ thư ký và chủ trì tải được biên bản, thông báo.");
        if (await meetings.LoadFreshAsync(grant.MeetingId) is not { } state)
            return Problem(404, "Không tìm thấy hội nghị.");
        if (grant.Generation < state.LinkGeneration(grant.Role))
            return Problem(403, MeetingService.Revoked.Message);

        var context = new DocumentContext(state, options.Value.Holidays, PaperworkOptions.VietnamToday(clock));
        var name = $"{grant.MeetingId}-{file}";
        switch (file)
        {
            case "bien-ban.docx": return Docx(MinutesDocument.Build(context), name);
            case "thong-bao-ket-luan.docx": return Docx(ConclusionNotice.Build(context), name);
            case "bien-ban.pdf" or "thong-bao-ket-luan.pdf":
                if (!PdfConverter.IsAvailable) return Problem(501, "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.");
                var docx = file.StartsWith("bien-ban") ? MinutesDocument.Build(context) : ConclusionNotice.Build(context);
                return await pdf.ConvertAsync(docx, cancellationToken) is { } bytes
                    ? Results.File(bytes, "application/pdf", name)
                    : Problem(500, "Không chuyển được sang PDF; hãy tải bản DOCX.");
            case "ho-so.zip":
                var events = await store.AllEventsAsync(grant.MeetingId);
                return Results.File(await MeetingArchive.BuildAsync(context, events, pdf, cancellationToken), "application/zip", name);
            default:
                return Problem(404, "Không có tài liệu này.");
        }
    }

    private static IResult Docx(byte[] bytes, string name) =>
        Results.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);

    private static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);
}
