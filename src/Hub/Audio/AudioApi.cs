using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Files;
using LiveSession.Hub.Meetings;

namespace LiveSession.Hub.Audio;

/// <summary>A turn's recorded speech for the secretary, the chair and the organizer, by their role link ("?t=").</summary>
public static class AudioApi
{
    public static IEndpointRouteBuilder MapAudioApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{TurnAudio.Path}/{{file}}", GetAsync).Requires(Operation.ListenToRecordings);
        return app;
    }

    /// <summary>"{turnId}.ogg" (Opus, compressed) or "{turnId}.wav"; "?from=12.5" starts it that many seconds in (a moment the secretary clicked in its text).</summary>
    public static async Task<IResult> GetAsync(
        string file, HttpContext http, MeetingService meetings, TurnRecordings recordings, CancellationToken cancellationToken)
    {
        var (meeting, problem) = await AccessGateEndpoints.OpenAsync(http, meetings);
        if (meeting is not var (grant, state)) return problem!;
        var extension = System.IO.Path.GetExtension(file);
        var turnId = System.IO.Path.GetFileNameWithoutExtension(file);
        if (extension is not (".ogg" or ".wav")) return Problem(404, "Chỉ có bản ghi .ogg hoặc .wav.");
        if (state.FindTurn(turnId) is null) return Problem(404, "Không tìm thấy lượt phát biểu này.");
        if (StartOf(http.Request.Query["from"]) is not { } from) return Problem(400, "Thời điểm bắt đầu nghe (from) phải là số giây từ 0 trở lên.");
        var name = $"{grant.MeetingId}-{turnId}{extension}";
        if (extension == ".wav")
        {
            var (opened, refusal) = Open(recordings, grant.MeetingId, turnId, from, http);
            if (opened is not { } recording) return refusal;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentLength = 44 + recording.Length;
            return Results.Stream(async output =>
            {
                using (recording)
                {
                    await output.WriteAsync(AudioFormat.WavHeader(recording.Length), cancellationToken);
                    await CopyAsync(recording.Pcm, recording.Length, output, cancellationToken);
                }
            }, "audio/wav", name);
        }

        // Encoding costs a core while it runs: a few at a time per host, the rest are asked to come back.
        if (!await Encoders.WaitAsync(TimeSpan.Zero, cancellationToken))
            return Problem(503, "Máy chủ đang nén các bản ghi khác; hãy thử lại sau ít giây.");
        var (encoded, notEncoded) = Open(recordings, grant.MeetingId, turnId, from, http);
        if (encoded is not { } ogg)
        {
            Encoders.Release();
            return notEncoded;
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(async output =>
        {
            try
            {
                using (ogg) await OggOpusWriter.EncodeAsync(ogg.Pcm, ogg.Length, output, cancellationToken);
            }
            finally
            {
                Encoders.Release();
            }
        }, "audio/ogg", name);
    }

    private static readonly SemaphoreSlim Encoders = new(2, 2);

    /// <summary>The turn's recording from <paramref name="from"/> on, or why there is none to play (not recorded, or it cannot be decrypted).</summary>
    private static (TurnRecordings.Recording? Recording, IResult Refusal) Open(
        TurnRecordings recordings, string meetingId, string turnId, TimeSpan from, HttpContext http)
    {
        try
        {
            if (recordings.Open(meetingId, turnId) is not { } recording) return (null, NotRecorded);
            var skip = Math.Min(recording.Length, (long)(from.TotalSeconds * AudioFormat.SampleRate) * AudioFormat.BytesPerSample);
            recording.Pcm.Position = skip;
            return (recording with { Length = recording.Length - skip }, NotRecorded);
        }
        catch (FileTamperedException e)
        {
            return (null, UnreadableFile.Refuse(http, e));
        }
    }

    /// <summary>Seconds into the recording, none meaning its start; null when not a number of seconds from 0 up to a day.</summary>
    private static TimeSpan? StartOf(Microsoft.Extensions.Primitives.StringValues from) =>
        from.Count == 0 ? TimeSpan.Zero
        : from.Count == 1 && double.TryParse(from[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
          && seconds is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds) : null;

    private static IResult NotRecorded => Problem(404, "Lượt phát biểu này chưa có bản ghi âm.");

    private static async Task CopyAsync(Stream from, long length, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        for (var left = length; left > 0;)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0) break;
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }
    }

    private static IResult Problem(int status, string detail) => AccessGateEndpoints.Problem(status, detail);
}
