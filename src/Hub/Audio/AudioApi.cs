using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;

namespace LiveSession.Hub.Audio;

/// <summary>A turn's recorded speech for the secretary, the chair and the organizer, by their role link ("?t=").</summary>
public static class AudioApi
{
    private static readonly Role[] Listeners = [Role.Secretary, Role.Chair, Role.Organizer];

    public static IEndpointRouteBuilder MapAudioApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{TurnAudio.Path}/{{file}}", GetAsync).RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(RoleLinkAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return app;
    }

    /// <summary>"{turnId}.ogg" (Opus, compressed) or "{turnId}.wav".</summary>
    public static async Task<IResult> GetAsync(
        string file, HttpContext http, MeetingService meetings, TurnRecordings recordings, CancellationToken cancellationToken)
    {
        if (GrantClaims.ToGrant(http.User) is not { } grant || !Listeners.Contains(grant.Role))
            return Problem(403, "Chỉ thư ký, chủ trì và ban tổ chức nghe lại được lời phát biểu.");
        var extension = System.IO.Path.GetExtension(file);
        var turnId = System.IO.Path.GetFileNameWithoutExtension(file);
        if (extension is not (".ogg" or ".wav")) return Problem(404, "Chỉ có bản ghi .ogg hoặc .wav.");
        if (await meetings.LoadFreshAsync(grant.MeetingId) is not { } state) return Problem(404, "Không tìm thấy hội nghị.");
        if (grant.Generation < state.LinkGeneration(grant.Role)) return Problem(403, MeetingService.Revoked.Message);
        if (state.FindTurn(turnId) is null) return Problem(404, "Không tìm thấy lượt phát biểu này.");
        if (await recordings.ReadAsync(grant.MeetingId, turnId, cancellationToken) is not { Length: > 0 } samples)
            return Problem(404, "Lượt phát biểu này chưa có bản ghi âm.");
        http.Response.Headers.CacheControl = "no-store";
        return extension == ".ogg"
            ? Results.File(OggOpusWriter.Encode(samples), "audio/ogg", $"{grant.MeetingId}-{turnId}.ogg", enableRangeProcessing: true)
            : Results.File(AudioFormat.ToWav(System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan())), "audio/wav", $"{grant.MeetingId}-{turnId}.wav", enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);
}
