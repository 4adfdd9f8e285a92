using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Client.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveSession.Hub.Meetings;

public static class MeetingsApi
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/meetings");
        api.MapPost("/", CreateAsync).Requires(Operation.CreateMeeting);
        api.MapGet("/{meetingId}/links", LinksAsync).Requires(Operation.ReadRoleLinks);
        api.MapPost("/{meetingId}/links/{role}/rotate", RotateAsync).Requires(Operation.RotateRoleLinks);
        api.MapPost("/demo", CreateDemoAsync).Requires(Operation.CreateMeeting);
        return app;
    }

    /// <summary>Creates a meeting from its plan (the <see cref="CreateMeeting"/> command's fields) and returns the links for every role.</summary>
    public static async Task<Results<Created<MeetingLinks>, ProblemHttpResult>> CreateAsync(
        CreateMeeting plan, HttpContext http, MeetingAdministration administration)
    {
        var created = await administration.CreateTrustedAsync(plan, Office(http)!, BaseUrl(http));
        return created.Links is { } links
            ? TypedResults.Created($"/api/meetings/{links.MeetingId}/links", links)
            : TypedResults.Problem(created.ErrorMessage, statusCode: 400, title: created.ErrorCode);
    }

    /// <summary>Creates a sample meeting and lists its links as plain text lines "role: link" (for scripts and people).</summary>
    public static async Task<IResult> CreateDemoAsync(HttpContext http, MeetingAdministration administration, TimeProvider clock)
    {
        var today = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var plan = new CreateMeeting(
            $"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm {today.Year}", MeetingKind.Periodic, MeetingForm.Hybrid,
            "Hội trường UBND xã An Hưng", new DateTimeOffset(today.Date.AddHours(8), today.Offset),
            "Nguyễn Văn An", "Trần Thị Bình", ChairTitle: "Chủ tịch UBND xã An Hưng", SecretaryTitle: "Công chức Văn phòng – Thống kê");
        var created = await CreateAsync(plan, http, administration);
        if (created.Result is not Created<MeetingLinks> { Value: { } links }) return created.Result;
        var lines = links.Links.Select(l => $"{l.Key}: {l.Value}").Append($"transcriber-token: {links.TranscriberToken}");
        return TypedResults.Text(string.Join('\n', lines) + "\n");
    }

    /// <summary>
    /// The current links (after any rotation): the office (admin key) all of them, a meeting's chair or organizer link those
    /// it shares (<see cref="Permissions.SharedBy"/>), and only for its own meeting.
    /// </summary>
    public static async Task<Results<Ok<MeetingLinks>, NotFound>> LinksAsync(
        string meetingId, HttpContext http, MeetingService meetings, MeetingAdministration administration)
    {
        var grant = GrantClaims.ToGrant(http.User);
        if (meetingId.Length > 64 || (grant is not null && grant.MeetingId != meetingId)
            || await meetings.LoadFreshAsync(meetingId) is not { } state
            || (grant is null && Office(http)?.Owns(state.Office) != true)) return TypedResults.NotFound();
        return TypedResults.Ok(administration.BuildLinks(meetingId, state, BaseUrl(http), grant is null ? Holder.Office : Permissions.Of(grant.Role)));
    }

    /// <summary>
    /// Rotates one role's link ("chair", "secretary"…): the chair with its link, or the office with its admin key (its way
    /// back in when the chair's link was lost or stolen). Answers the caller's links, the rotated one new.
    /// </summary>
    public static async Task<Results<Ok<MeetingLinks>, NotFound, ProblemHttpResult>> RotateAsync(
        string meetingId, string role, HttpContext http, MeetingAdministration administration)
    {
        var grant = GrantClaims.ToGrant(http.User);
        if (meetingId.Length > 64 || (grant is not null && grant.MeetingId != meetingId)) return TypedResults.NotFound();
        if (!Enum.TryParse<Role>(role, ignoreCase: true, out var rotated) || !Enum.IsDefined(rotated) || !role.All(char.IsLetter))
            return TypedResults.Problem("Vai trò không hợp lệ.", statusCode: 400, title: "invalid");
        var (links, error) = await administration.RotateAsync(meetingId, rotated, grant, grant is null ? Office(http) : null, BaseUrl(http));
        if (error is { Code: "not_found" }) return TypedResults.NotFound();
        return links is not null ? TypedResults.Ok(links) : TypedResults.Problem(error!.Message, statusCode: 400, title: error.Code);
    }

    /// <summary>The office of the request's admin key (the gate has let a key through when there is no link).</summary>
    public static OfficeGrant? Office(HttpContext http) =>
        http.RequestServices.GetRequiredService<OfficeKeys>().Of(http.Request.Headers[AdminKeyHeader].ToString());

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
