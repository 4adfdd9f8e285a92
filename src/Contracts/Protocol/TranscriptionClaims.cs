namespace LiveSession.Client.Protocol;

/// <summary>
/// How transcription workers share the running meetings: each worker calls <see cref="Path"/> every third of the lease
/// with its worker key (<see cref="KeyHeader"/>). A meeting is held by one worker at a time through a lease the hub keeps
/// in Redis; a worker that stops calling loses its meetings when their leases run out, and another worker claims them.
/// </summary>
public static class TranscriptionClaims
{
    public const string Path = "/api/transcription/claims";
    public const string KeyHeader = "X-Worker-Key";
    /// <summary>Most meeting ids one request may name in each list, and most meetings it may ask for.</summary>
    public const int MaxMeetings = 100;
}

/// <summary>
/// One worker's call: the meetings it follows and keeps (their leases are renewed), those it gives up (released at once),
/// and how many more it can take (<paramref name="Want"/>; 0 only renews).
/// </summary>
/// <param name="Worker">The worker's own id, unique per process: the lease holder.</param>
public sealed record ClaimRequest(string Worker, IReadOnlyList<string> Keep, IReadOnlyList<string> Release, int Want);

/// <summary>
/// The hub's answer: which of the kept meetings the worker still holds (a meeting not listed has ended or its lease was
/// lost: stop following it), the meetings newly given to it with their transcriber tokens, and the lease length.
/// </summary>
public sealed record ClaimResponse(IReadOnlyList<string> Kept, IReadOnlyList<MeetingClaim> Claimed, TimeSpan Lease);

/// <summary>A running meeting a worker won the lease of, and the transcriber token to follow it with.</summary>
public sealed record MeetingClaim(string MeetingId, string Token);
