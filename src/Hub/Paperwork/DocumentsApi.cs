using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Store;
using LiveSession.Paperwork;
using LiveSession.Records;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace LiveSession.Hub.Paperwork;

/// <summary>
/// The meeting's documents for the secretary and the chair, by their role link ("?t=" or a bearer token):
/// the biên bản and the thông báo kết luận as DOCX (and PDF when the host's PDF converter is on), and the dossier.
/// The documents that prepare the meeting (plan and assignments, invitation list, report of the kiến nghị
/// collected beforehand) are for the organizer too.
/// </summary>
public static class DocumentsApi
{
    public const string Path = "/api/documents";


    /// <summary>The preparation documents, by file name.</summary>
    private static readonly Dictionary<string, Func<DocumentContext, DossierRecords, byte[]>> Preparation = new()
    {
        [MeetingArchive.PlanEntry] = (context, records) => PlanDocument.Build(context, records.PreMeeting),
        [MeetingArchive.InvitationsEntry] = (context, _) => InvitationList.Build(context),
        [MeetingArchive.InvitationLettersEntry] = (context, _) => Invitations.Letters(context),
        [MeetingArchive.AnnouncementEntry] = (context, _) => Invitations.Announcement(context),
        [MeetingArchive.PreMeetingEntry] = (context, records) => PreMeetingReport.Build(context, records.PreMeeting),
    };

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // The preparation documents by name (a constrained segment wins over the open one), for more roles than the minutes.
        var preparation = string.Join('|', Preparation.Keys.Select(System.Text.RegularExpressions.Regex.Escape));
        app.MapGet($"{Path}/{{file:regex(^({preparation})$)}}", GetAsync).Requires(Operation.DownloadPreparation);
        app.MapGet($"{Path}/{{file}}", GetAsync).Requires(Operation.DownloadMinutes);
        return app;
    }

    public static async Task<IResult> GetAsync(
        string file, HttpContext http, MeetingService meetings, MeetingStore store, PdfConverter pdf, MeetingRecords records, PreMeetingRecords preMeeting,
        Audit.AuditTrail audit, IOptions<PaperworkOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var preparation = Preparation.GetValueOrDefault(file);
        var (meeting, problem) = await AccessGateEndpoints.OpenAsync(http, meetings);
        if (meeting is not var (grant, state)) return problem!;

        var context = new DocumentContext(state, options.Value.Holidays, PaperworkOptions.VietnamToday(clock));
        var name = $"{grant.MeetingId}-{file}";
        if (preparation is not null)
            return Docx(preparation(context, await DossierAsync(grant.MeetingId, records, preMeeting, cancellationToken)), name);
        switch (file)
        {
            case "bien-ban.docx": return Docx(MinutesDocument.Build(context), name);
            case "thong-bao-ket-luan.docx": return Docx(ConclusionNotice.Build(context), name);
            case "bien-ban.pdf" or "thong-bao-ket-luan.pdf":
                if (!pdf.IsAvailable) return Problem(501, pdf.Unavailable!);
                var docx = file.StartsWith("bien-ban", StringComparison.Ordinal) ? MinutesDocument.Build(context) : ConclusionNotice.Build(context);
                return await pdf.ConvertAsync(docx, cancellationToken) is { } bytes
                    ? Results.File(bytes, "application/pdf", name)
                    : Problem(500, "Không chuyển được sang PDF; hãy tải bản DOCX.");
            case "ho-so.zip":
                var events = await store.AllEventsAsync(grant.MeetingId);
                var dossier = await DossierAsync(grant.MeetingId, records, preMeeting, cancellationToken) with
                {
                    Refusals = await audit.KeptAsync(grant.MeetingId),
                };
                return Results.File(await MeetingArchive.BuildAsync(context, events, dossier, pdf, cancellationToken), "application/zip", name);
            default:
                return Problem(404, "Không có tài liệu này.");
        }
    }

    /// <summary>What the records hold about the meeting: its pre-collected kiến nghị, and the follow-up once it is archived.</summary>
    public static async Task<DossierRecords> DossierAsync(string meetingId, MeetingRecords records, PreMeetingRecords preMeeting, CancellationToken cancellationToken) =>
        new(await preMeeting.ForMeetingAsync(meetingId, cancellationToken),
            await records.FollowedAsync(meetingId, cancellationToken));

    /// <summary>
    /// The level of the request log line: a 501 (this host was set without PDF) is an answer to the caller, a
    /// warning; any other 5xx or an exception is an error, as Serilog has it by default.
    /// </summary>
    public static LogEventLevel RequestLogLevel(HttpContext http, double elapsedMilliseconds, Exception? error) =>
        error is not null ? LogEventLevel.Error
        : http.Response.StatusCode == StatusCodes.Status501NotImplemented ? LogEventLevel.Warning
        : http.Response.StatusCode > 499 ? LogEventLevel.Error
        : LogEventLevel.Information;

    private static IResult Docx(byte[] bytes, string name) =>
        Results.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);

    private static IResult Problem(int status, string detail) => AccessGateEndpoints.Problem(status, detail);
}
