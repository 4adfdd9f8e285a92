using System.Runtime.InteropServices;
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
        app.MapGet($"{TurnAudio.Path}/{{file}}", GetAsync).RequireRoleLink();
        return app;
    }

    /// <summary>"{turnId}.ogg" (Opus, compressed) or "{turnId}.wav".</summary>
    public static async Task<IResult> GetAsync(
        string file, HttpContext http, MeetingService meetings, TurnRecordings recordings, CancellationToken cancellationToken)
    {
        var (meeting, problem) = await RoleLinkEndpoints.OpenAsync(
            http, meetings, Listeners, "Chỉ thư ký, chủ trì và ban tổ chức nghe lại được lời phát biểu.");
        if (meeting is not var (grant, state)) return problem!;
        var extension = System.IO.Path.GetExtension(file);
        var turnId = System.IO.Path.GetFileNameWithoutExtension(file);
        if (extension is not (".ogg" or ".wav")) return Problem(404, "Chỉ có bản ghi .ogg hoặc .wav.");
        if (state.FindTurn(turnId) is null) return Problem(404, "Không tìm thấy lượt phát biểu này.");
        if (await recordings.ReadAsync(grant.MeetingId, turnId, cancellationToken) is not { Length: > 0 } pcm)
            return Problem(404, "Lượt phát biểu này chưa có bản ghi âm.");
        http.Response.Headers.CacheControl = "no-store";
        return extension == ".ogg"
            ? Results.File(OggOpusWriter.Encode(MemoryMarshal.Cast<byte, short>(pcm)), "audio/ogg", $"{grant.MeetingId}-{turnId}.ogg", enableRangeProcessing: true)
            : Results.File(AudioFormat.ToWav(pcm), "audio/wav", $"{grant.MeetingId}-{turnId}.wav", enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string detail) => RoleLinkEndpoints.Problem(status, detail);
}
