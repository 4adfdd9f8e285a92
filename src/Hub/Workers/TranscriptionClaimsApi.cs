using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Workers;

/// <summary>
/// The transcription workers' only endpoint (<see cref="TranscriptionClaims.Path"/>): with the worker key they renew, release
/// and claim meetings (<see cref="TranscriberLeases"/>) and get the transcriber tokens of those they win — nothing more.
/// </summary>
public static class TranscriptionClaimsApi
{
    private const int MaxIdLength = 64;

    public static IEndpointRouteBuilder MapTranscriptionClaims(this IEndpointRouteBuilder app)
    {
        app.MapPost(TranscriptionClaims.Path, ClaimAsync).Requires(Operation.ClaimMeetingsToTranscribe);
        return app;
    }

    /// <summary>The worker key opens it (the gate checks it): nothing else it could do.</summary>
    public static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> ClaimAsync(ClaimRequest request, TranscriberLeases leases)
    {
        if (Invalid(request) is { } reason) return TypedResults.Problem(reason, statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok(await leases.ClaimAsync(request));
    }

    private static string? Invalid(ClaimRequest request) =>
        !IsId(request.Worker) ? $"worker: 1 to {MaxIdLength} letters, digits, '-', '_' or '.'"
        : request.Keep is null || request.Release is null ? "keep and release are required"
        : request.Keep.Count > TranscriptionClaims.MaxMeetings || request.Release.Count > TranscriptionClaims.MaxMeetings
            ? $"at most {TranscriptionClaims.MaxMeetings} meetings in keep and in release"
        : !request.Keep.Concat(request.Release).All(IsId) ? "a meeting id is malformed"
        : request.Want is < 0 or > TranscriptionClaims.MaxMeetings ? $"want: 0 to {TranscriptionClaims.MaxMeetings}"
        : null;

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
