using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveSession.Hub.Live;

/// <summary>
/// What the public reaches over plain HTTP: the light participant page (/join, static HTML and a
/// small script on the SignalR browser client), the short join link (/j/{code}) and photo uploads.
/// </summary>
public static partial class DisplayEndpoints
{
    public const string JoinPageFile = "_content/LiveSession.Display/participant/join.html";
    public const string MicrophonePageFile = "_content/LiveSession.Display/microphone/mic.html";

    public static IServiceCollection AddLiveDisplay(this IServiceCollection services) => services
        .AddSingleton<RateLimits>()
        .AddSingleton<JoinLinks>()
        .AddSingleton<CaptionStore>()
        .AddSingleton<Attachments>();

    public static IEndpointRouteBuilder MapLiveDisplay(this IEndpointRouteBuilder app)
    {
        app.MapGet("/join", (HttpContext http, IWebHostEnvironment environment) => StaticPage(JoinPageFile, http, environment))
            .Requires(Operation.OpenPublicPage);
        app.MapGet("/mic", (HttpContext http, IWebHostEnvironment environment) => StaticPage(MicrophonePageFile, http, environment))
            .Requires(Operation.OpenPublicPage);
        app.MapGet("/j/{code}", ShortLinkAsync).Requires(Operation.OpenPublicPage);
        app.MapGet(ParticipantFacts.Path, () => TypedResults.Ok(ParticipantFacts.Current)).Requires(Operation.OpenPublicPage);
        app.MapPost("/api/attachments/", UploadAsync).DisableAntiforgery().Requires(Operation.UploadPhoto);
        app.MapGet("/api/attachments/{attachmentId}", DownloadAsync).Requires(Operation.ViewPhoto);
        return app;
    }

    /// <summary>The participant page and the hall microphone page: one static file each; everything live comes over the hub.</summary>
    public static IResult StaticPage(string path, HttpContext http, IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists) return TypedResults.NotFound();
        var headers = http.Response.Headers;
        // Defence in depth: even if a name slipped into the page as markup, no script of it would run.
        var host = http.Request.Host.Value;
        headers.ContentSecurityPolicy =
            // 'wasm-unsafe-eval' lets the hall audio's WASM Opus decoder (a file of ours) compile; no JavaScript eval.
            $"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
            $"connect-src 'self' ws://{host} wss://{host}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(file.CreateReadStream(), "text/html; charset=utf-8");
    }

    /// <summary>
    /// /j/{code}: the short link on the hall screen, redirecting to the participants' page with a fresh token and the
    /// code, under which the phone keeps the identity it is given (a re-scan is the same participant).
    /// </summary>
    public static async Task<IResult> ShortLinkAsync(string code, JoinLinks links, MeetingService meetings, RoleLinkTokens tokens)
    {
        if (await links.ResolveAsync(code.ToLowerInvariant()) is not { } target
            || await meetings.LoadFreshAsync(target.MeetingId) is not { } state
            || state.LinkGeneration(Role.Participant) != target.Generation)
            return TypedResults.Content(ExpiredPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var token = tokens.Issue(new RoleGrant(target.MeetingId, Role.Participant, target.Generation));
        return TypedResults.Redirect($"/join?t={Uri.EscapeDataString(token)}&c={code.ToLowerInvariant()}");
    }

    private const string ExpiredPage = """
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Liên kết không còn hiệu lực</title></head><body style="font-family:system-ui,sans-serif;padding:1.5rem">
        <h1 style="font-size:1.25rem">Liên kết không còn hiệu lực</h1>
        <p>Hãy quét lại mã QR trên màn hình hội trường hoặc hỏi ban tổ chức.</p></body></html>
        """;

    /// <summary>A photo for a written question: raw image bytes in the body, at most 5 MB; returns its id.</summary>
    public static async Task<Results<Ok<UploadResult>, ProblemHttpResult>> UploadAsync(
        HttpContext http, Attachments attachments, RateLimits limits, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var grant = GrantClaims.ToGrant(http.User)!;
        if (grant.Role == Role.Participant && grant.ParticipantId is null) return Refused(MeetingHub.NotJoined);
        if (http.Request.ContentLength > Attachments.MaxBytes) return Refused(Attachments.TooLarge);
        if (!limits.TryTake($"upload:{grant.MeetingId}:{grant.ParticipantId ?? grant.Role.ToString()}", RateLimits.ParticipantUploads))
            return Refused(RateLimits.TooFast);
        if (grant.Role == Role.Participant && !limits.TryTake($"upload:{grant.MeetingId}", RateLimits.MeetingUploads))
            return Refused(RateLimits.Busy);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Attachments.MaxBytes + 1;

        var (info, error) = await attachments.SaveAsync(grant.MeetingId, grant.ParticipantId, http.Request.Body, cancellationToken);
        if (info is null) return Refused(error!);
        var logger = loggers.CreateLogger(typeof(DisplayEndpoints));
        LogUploaded(logger, info.Id, grant.MeetingId, info.ContentType, info.Length);
        return TypedResults.Ok(new UploadResult(info.Id, info.ContentType, info.Length));
    }

    /// <summary>An attachment, for the chair, secretary, organizer and the participant who sent it.</summary>
    public static async Task<IResult> DownloadAsync(string attachmentId, HttpContext http, Attachments attachments)
    {
        var grant = GrantClaims.ToGrant(http.User)!;
        if (await attachments.FindAsync(grant.MeetingId, attachmentId) is not { } info
            || (grant.Role == Role.Participant && info.ParticipantId != grant.ParticipantId))
            return TypedResults.NotFound();
        Stream? content;
        try
        {
            content = attachments.OpenContent(info);
        }
        catch (Files.FileTamperedException e)
        {
            return Files.UnreadableFile.Refuse(http, e);
        }
        if (content is null) return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        // Decrypted as it is sent; seekable, so ranges still work.
        return TypedResults.Stream(content, info.ContentType, lastModified: info.UploadedAt, enableRangeProcessing: true);
    }

    /// <summary>An upload's HTTP status by its refusal's code; any other refusal is a bad request.</summary>
    private static readonly Dictionary<string, int> UploadStatusByCode = new(StringComparer.Ordinal)
    {
        [MeetingHub.NotJoined.Code] = StatusCodes.Status403Forbidden,
        [Attachments.TooLarge.Code] = StatusCodes.Status413PayloadTooLarge,
        [Attachments.MeetingFull.Code] = StatusCodes.Status409Conflict,
        [RateLimits.TooFast.Code] = StatusCodes.Status429TooManyRequests,
        [RateLimits.Busy.Code] = StatusCodes.Status429TooManyRequests,
    };

    public static int UploadStatusOf(DomainError error) => UploadStatusByCode.GetValueOrDefault(error.Code, StatusCodes.Status400BadRequest);

    /// <summary>The refusal as a problem: its code as the title, its Vietnamese message as the detail.</summary>
    private static ProblemHttpResult Refused(DomainError error) =>
        TypedResults.Problem(error.Message, statusCode: UploadStatusOf(error), title: error.Code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored attachment {AttachmentId} for meeting {MeetingId}: {ContentType}, {Length} bytes")]
    private static partial void LogUploaded(ILogger logger, string attachmentId, string meetingId, string contentType, long length);
}

public sealed record UploadResult(string Id, string ContentType, long Length);
