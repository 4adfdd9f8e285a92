using System.Net;
using System.Security.Cryptography;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Meetings;

/// <summary>The secret links of a new meeting, by role, plus the transcriber's bare token.</summary>
public sealed record MeetingLinks(string MeetingId, IReadOnlyDictionary<string, string> Links, string TranscriberToken);

public static class MeetingsApi
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/meetings");
        api.MapPost("/", CreateAsync);
        api.MapGet("/{meetingId}/links", LinksAsync);
        api.MapPost("/demo", CreateDemoAsync);
        return app;
    }

    /// <summary>Creates a meeting from its plan (the <see cref="CreateMeeting"/> command's fields) and returns the links for every role.</summary>
    public static async Task<Results<Created<MeetingLinks>, ProblemHttpResult, UnauthorizedHttpResult>> CreateAsync(
        CreateMeeting plan, HttpContext http, MeetingService meetings, RoleLinkTokens tokens, IOptions<LiveSessionOptions> options,
        ILogger<MeetingLinks> logger)
    {
        if (!IsAdmin(http, options.Value))
        {
            logger.LogWarning("Refused meeting creation without a valid admin key from {RemoteIp}", http.Connection.RemoteIpAddress);
            return TypedResults.Unauthorized();
        }
        var meetingId = NewMeetingId();
        var result = await meetings.ExecuteAsync(new RoleGrant(meetingId, Role.Organizer, 0), plan);
        if (!result.Ok)
            return TypedResults.Problem(result.ErrorMessage, statusCode: 400, title: result.ErrorCode);
        var links = BuildLinks(meetingId, MeetingState.Empty(meetingId), BaseUrl(http, options.Value), tokens);
        return TypedResults.Created($"/api/meetings/{meetingId}/links", links);
    }

    /// <summary>Creates a sample meeting and lists its links as plain text lines "role: link" (for scripts and people).</summary>
    public static async Task<IResult> CreateDemoAsync(
        HttpContext http, MeetingService meetings, RoleLinkTokens tokens, IOptions<LiveSessionOptions> options, ILogger<MeetingLinks> logger)
    {
        var vietnam = TimeSpan.FromHours(7);
        var plan = new CreateMeeting(
            "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026", MeetingKind.Periodic, MeetingForm.Hybrid,
            "Hội trường UBND xã An Hưng", new DateTimeOffset(DateTime.UtcNow.Date.AddHours(1), TimeSpan.Zero).ToOffset(vietnam),
            "Nguyễn Văn An", "Trần Thị Bình");
        var created = await CreateAsync(plan, http, meetings, tokens, options, logger);
        if (created.Result is not Created<MeetingLinks> { Value: { } links }) return created.Result;
        var lines = links.Links.Select(l => $"{l.Key}: {l.Value}").Append($"transcriber-token: {links.TranscriberToken}");
        return TypedResults.Text(string.Join('\n', lines) + "\n");
    }

    /// <summary>The current links (after any rotation) for the admin.</summary>
    public static async Task<Results<Ok<MeetingLinks>, NotFound, UnauthorizedHttpResult>> LinksAsync(
        string meetingId, HttpContext http, MeetingService meetings, RoleLinkTokens tokens, IOptions<LiveSessionOptions> options)
    {
        if (!IsAdmin(http, options.Value)) return TypedResults.Unauthorized();
        if (meetingId.Length > 64 || await meetings.LoadFreshAsync(meetingId) is not { } state) return TypedResults.NotFound();
        return TypedResults.Ok(BuildLinks(meetingId, state, BaseUrl(http, options.Value), tokens));
    }

    private static MeetingLinks BuildLinks(string meetingId, MeetingState state, string baseUrl, RoleLinkTokens tokens)
    {
        string Token(Role role) => tokens.Issue(new RoleGrant(meetingId, role, state.LinkGeneration(role)));
        var links = RoleLinks.Pages.Keys.ToDictionary(r => r.ToString().ToLowerInvariant(), r => RoleLinks.Link(baseUrl, r, Token(r))!);
        return new MeetingLinks(meetingId, links, Token(Role.Transcriber));
    }

    private static bool IsAdmin(HttpContext http, LiveSessionOptions options)
    {
        if (options.AdminKey.Length == 0)
            return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        var given = http.Request.Headers[AdminKeyHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(options.AdminKey));
    }

    private static string BaseUrl(HttpContext http, LiveSessionOptions options) =>
        options.PublicBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}";

    private static string NewMeetingId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
