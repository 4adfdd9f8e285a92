using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Minutes;
using LiveSession.Transcription.Attribution;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace LiveSession.Transcription;

/// <summary>Runs one <see cref="MeetingFollower"/> per configured meeting.</summary>
public sealed partial class TranscriptionService(
    IOptions<TranscriptionOptions> options, TranscriptionEngine engine, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!Uri.TryCreate(settings.HubUrl, UriKind.Absolute, out var hubUrl) || settings.AllMeetings().Count == 0)
            throw new InvalidOperationException(
                $"Set {TranscriptionOptions.Section}:HubUrl (an absolute URL) and {TranscriptionOptions.Section}:Token (the meeting's transcriber token) " +
                $"or {TranscriptionOptions.Section}:Meetings.");
        // Load the model now, so a missing model or library is reported at start-up (naming the option).
        _ = engine.IsReady;
        var logger = loggers.CreateLogger<MeetingFollower>();
        return Task.WhenAll(settings.AllMeetings().Select(m =>
            new MeetingFollower(hubUrl, m, settings, engine, clock, logger).RunAsync(stoppingToken)));
    }
}

/// <summary>
/// Connects to one meeting as the transcriber, follows who has the floor, and — when the meeting has
/// audio and the engine is ready — transcribes it and sends final text per turn.
/// </summary>
public sealed partial class MeetingFollower(
    Uri hubUrl, MeetingOptions meetingOptions, TranscriptionOptions settings, TranscriptionEngine engine, TimeProvider clock, ILogger<MeetingFollower> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await using var meeting = new MeetingConnection(hubUrl, meetingOptions.Token);
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
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
        LogJoined(meeting.State!.Id, meeting.State.Info?.Title, meeting.State.Version);

        if (meetingOptions.ReplayFile is { Length: > 0 } file && engine.IsReady)
        {
            var origin = meetingOptions.ReplayStartedAt ?? clock.GetUtcNow();
            LogReplay(meeting.State.Id, file, origin);
            var vadOptions = new VadOptions();
            using var vad = engine.CreateVad();
            using var processor = engine.CreateProcessor();
            var pipeline = new TranscriptPipeline(
                new FileReplaySource(file, origin, meetingOptions.ReplayPaced, clock),
                new UtteranceSegmenter(vad, vadOptions),
                (samples, ct) => processor.Process(samples, ct),
                new HubTranscriptSink(meeting, clock, logger),
                logger,
                settings.QueueCapacity);
            pipeline.Finalized += s => LogFinal(s.Sequence, s.TurnId, s.Start, s.Text);
            try
            {
                await pipeline.RunAsync(stoppingToken);
                LogReplayDone(meeting.State.Id, file);
            }
            catch (Exception ex) when (ex is IOException or WaveFormatException or UnauthorizedAccessException)
            {
                LogAudioFailed(meeting.State.Id, file, ex.Message);
            }
        }
        else if (meetingOptions.ReplayFile is { Length: > 0 })
        {
            LogNoEngine(meeting.State.Id, engine.Error);
        }
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcriber joined meeting {MeetingId} ({Title}) at version {Version}")]
    private partial void LogJoined(string meetingId, string? title, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Floor: turn {TurnId} {Speaker} in agenda step {AgendaItemId}")]
    private partial void LogFloor(string turnId, string speaker, string? agendaItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {HubUrl} not reachable ({Reason}); retrying")]
    private partial void LogRetry(Uri hubUrl, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: replaying {File} as audio spoken from {Origin}")]
    private partial void LogReplay(string meetingId, string file, DateTimeOffset origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: replay of {File} finished")]
    private partial void LogReplayDone(string meetingId, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meeting {MeetingId}: the audio {File} cannot be read: {Reason}")]
    private partial void LogAudioFailed(string meetingId, string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meeting {MeetingId}: audio is configured but transcription is unavailable: {Reason}")]
    private partial void LogNoEngine(string meetingId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Final {Sequence} for turn {TurnId} at {Start}: {Text}")]
    private partial void LogFinal(int sequence, string? turnId, DateTimeOffset start, string text);
}

/// <summary>
/// Sends final text to the hub as <see cref="AddTranscriptSegment"/>, retrying through hub restarts, and shows
/// it as a caption on the hall screen and the phones (best effort: a lost caption is not a lost word).
/// </summary>
internal sealed partial class HubTranscriptSink(MeetingConnection meeting, TimeProvider clock, ILogger logger) : ITranscriptSink
{
    public IReadOnlyList<FloorSpan> Floor => FloorSpan.FromTurns(meeting.State?.Turns ?? []);

    public bool AlreadySent(int sequence) =>
        meeting.State?.Minutes.Values.Any(m => m.Machine.Any(s => s.Sequence == sequence)) ?? false;

    public async Task SendAsync(string turnId, int sequence, string text, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (meeting.ConnectionState != HubConnectionState.Connected) throw new InvalidOperationException("not connected");
                var result = await meeting.ExecuteAsync(new AddTranscriptSegment(turnId, sequence, text), cancellationToken: cancellationToken);
                if (!result.Ok) LogRefused(turnId, sequence, result.ErrorMessage);
                else await ShowCaptionAsync(turnId, text, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSendRetry(turnId, sequence, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    private async Task ShowCaptionAsync(string turnId, string text, CancellationToken cancellationToken)
    {
        var line = new CaptionLine(turnId, text.Length <= CaptionLine.TextMax ? text : text[^CaptionLine.TextMax..], Final: true, clock.GetUtcNow());
        try
        {
            await meeting.PublishCaptionAsync(line, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCaptionLost(turnId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Caption for turn {TurnId} not shown: {Reason}")]
    private partial void LogCaptionLost(string turnId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub refused segment {Sequence} of turn {TurnId}: {Reason}")]
    private partial void LogRefused(string turnId, int sequence, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment {Sequence} of turn {TurnId} not delivered yet ({Reason}); retrying")]
    private partial void LogSendRetry(string turnId, int sequence, string reason);
}
