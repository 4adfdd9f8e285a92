using LiveSession.Client;
using LiveSession.Domain.Floor;
using Microsoft.Extensions.Options;

namespace LiveSession.Transcription;

/// <summary>
/// Connects to the meeting as the transcriber and follows who has the floor, which is what
/// transcribed segments will be attributed to.
/// </summary>
public sealed partial class MeetingFollower(IOptions<TranscriptionOptions> options, ILogger<MeetingFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!Uri.TryCreate(settings.HubUrl, UriKind.Absolute, out var hubUrl) || string.IsNullOrWhiteSpace(settings.Token))
            throw new InvalidOperationException(
                $"Set {TranscriptionOptions.Section}:HubUrl (an absolute URL) and {TranscriptionOptions.Section}:Token (the meeting's transcriber token).");

        await using var meeting = new MeetingConnection(hubUrl, settings.Token);
        meeting.Changed += _ =>
        {
            if (meeting.State?.CurrentTurn is { } turn) LogFloor(turn.Id, turn.SpeakerName, turn.AgendaItemId);
            return Task.CompletedTask;
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await meeting.StartAsync(stoppingToken);
                break;
            }
            catch (HttpRequestException ex)
            {
                LogRetry(hubUrl, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        LogJoined(meeting.State!.Id, meeting.State.Info?.Title, meeting.State.Version);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcriber joined meeting {MeetingId} ({Title}) at version {Version}")]
    private partial void LogJoined(string meetingId, string? title, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Floor: turn {TurnId} {Speaker} in agenda step {AgendaItemId}")]
    private partial void LogFloor(string turnId, string speaker, string? agendaItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {HubUrl} not reachable ({Reason}); retrying")]
    private partial void LogRetry(Uri hubUrl, string reason);
}
