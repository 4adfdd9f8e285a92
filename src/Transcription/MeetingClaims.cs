using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;

namespace LiveSession.Transcription;

/// <summary>
/// Serves every running meeting its share allows. Every third of the lease it asks the hub, with the worker key, to renew
/// the meetings it follows and to give it more up to <see cref="TranscriptionOptions.Capacity"/>
/// (<see cref="TranscriptionClaims"/>); it follows each meeting it is given with a <see cref="MeetingFollower"/>, and stops
/// following one the hub no longer gives it (the meeting ended, or the lease went to another worker). On stop it releases
/// its meetings, so another worker takes them at once rather than after the lease.
/// </summary>
public sealed partial class MeetingClaims(
    Uri hubUrl, TranscriptionOptions settings, HttpClient http, Func<MeetingDecoder> decoders, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>How often to ask before the hub has said how long its leases are (and while it does not answer).</summary>
    private static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Following> _following = new();
    private readonly Uri _claimsUrl = ClaimsUrl(hubUrl);
    private readonly ILogger _logger = loggers.CreateLogger<MeetingClaims>();

    private sealed record Following(CancellationTokenSource Stop, Task Run);

    /// <summary>This worker's lease holder id: unique per process.</summary>
    public string Id { get; } = NewId();

    /// <summary>The meetings this worker follows now.</summary>
    public IReadOnlyCollection<string> Meetings => _following.Keys.ToArray();

    private static string NewId()
    {
        var host = new string([.. Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.').Take(32)]);
        return $"{host}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
    }

    /// <summary>Where the hub of <paramref name="hubUrl"/> answers the workers (beside its SignalR path).</summary>
    public static Uri ClaimsUrl(Uri hubUrl)
    {
        var hub = hubUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return hub.EndsWith(HubContract.Path, StringComparison.Ordinal)
            ? new Uri(hub[..^HubContract.Path.Length] + TranscriptionClaims.Path)
            : new Uri(hubUrl, TranscriptionClaims.Path);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(Id, _claimsUrl, settings.Capacity);
        var release = new List<string>();
        var interval = FirstInterval;
        var heldUntil = DateTimeOffset.MinValue;
        try
        {
            while (true)
            {
                foreach (var (meetingId, following) in _following.Where(f => f.Value.Run.IsCompleted).ToArray())
                {
                    // A follower ends by itself when its link was revoked or it failed: the meeting is given back, and may come
                    // again at once with a fresh token.
                    LogFollowerEnded(meetingId, following.Run.Exception?.GetBaseException().Message);
                    await StopAsync(meetingId);
                    release.Add(meetingId);
                }
                var asked = clock.GetUtcNow();
                var answer = await AskAsync(new ClaimRequest(Id, [.. _following.Keys], [.. release], Math.Max(0, settings.Capacity - _following.Count)), stoppingToken);
                if (answer is not null)
                {
                    release.Clear();
                    heldUntil = asked + answer.Lease;
                    interval = answer.Lease / 3;
                    foreach (var meetingId in _following.Keys.Except(answer.Kept).ToArray())
                    {
                        LogLost(meetingId);
                        await StopAsync(meetingId);
                    }
                    foreach (var claim in answer.Claimed) Follow(claim, stoppingToken);
                }
                else if (clock.GetUtcNow() > heldUntil && !_following.IsEmpty)
                {
                    // Not renewed for a whole lease: another worker may hold these meetings by now, and one follower is enough.
                    LogExpired(_following.Count);
                    foreach (var meetingId in _following.Keys.ToArray()) await StopAsync(meetingId);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        var held = _following.Keys.ToArray();
        foreach (var meetingId in held) await StopAsync(meetingId);
        if (held.Length == 0) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (await AskAsync(new ClaimRequest(Id, [], held, 0), timeout.Token) is not null) LogReleased(held.Length);
        }
        catch (OperationCanceledException)
        {
            LogUnreachable(_claimsUrl, "no answer to the release");
        }
    }

    private void Follow(MeetingClaim claim, CancellationToken stoppingToken)
    {
        if (_following.ContainsKey(claim.MeetingId)) return;
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var follower = new MeetingFollower(hubUrl, new MeetingOptions { Token = claim.Token }, settings, decoders, clock, loggers.CreateLogger<MeetingFollower>());
        _following[claim.MeetingId] = new Following(stop, Task.Run(() => follower.RunAsync(stop.Token), CancellationToken.None));
        LogClaimed(claim.MeetingId);
    }

    private async Task StopAsync(string meetingId)
    {
        if (!_following.TryRemove(meetingId, out var following)) return;
        await following.Stop.CancelAsync();
        try
        {
            await following.Run;
        }
        catch (Exception ex) when (ex is OperationCanceledException || following.Run.IsFaulted)
        {
        }
        following.Stop.Dispose();
    }

    private async Task<ClaimResponse?> AskAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _claimsUrl) { Content = JsonContent.Create(request, options: DomainJson.Options) };
            message.Headers.Add(TranscriptionClaims.KeyHeader, settings.WorkerKey);
            using var response = await http.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(_claimsUrl, (int)response.StatusCode);
                return null;
            }
            return await response.Content.ReadFromJsonAsync<ClaimResponse>(DomainJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(_claimsUrl, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} serving up to {Capacity} meetings claimed at {ClaimsUrl}")]
    private partial void LogStarted(string worker, Uri claimsUrl, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed meeting {MeetingId}: following it")]
    private partial void LogClaimed(string meetingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} no longer ours (ended, or its lease went to another worker): stopped following it")]
    private partial void LogLost(string meetingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following meeting {MeetingId} ended by itself ({Reason}); giving it back")]
    private partial void LogFollowerEnded(string meetingId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leases of {Count} meetings not renewed in time: stopped following them")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} meetings on stop")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The hub at {ClaimsUrl} refused the claim with status {Status} (a wrong Transcription:WorkerKey answers 401); retrying")]
    private partial void LogRefused(Uri claimsUrl, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub at {ClaimsUrl} is not reachable ({Reason}); retrying")]
    private partial void LogUnreachable(Uri claimsUrl, string reason);
}
