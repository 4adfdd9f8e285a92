using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Minutes;
using LiveSession.Transcription.Attribution;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace LiveSession.Transcription;

/// <summary>
/// Runs one <see cref="MeetingFollower"/> per configured meeting and, with a worker key, serves the running meetings
/// it claims from the hub (<see cref="MeetingClaims"/>).
/// </summary>
public sealed partial class TranscriptionService(
    IOptions<TranscriptionOptions> options, TranscriptionEngine engine, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var claiming = !string.IsNullOrWhiteSpace(settings.WorkerKey);
        if (!Uri.TryCreate(settings.HubUrl, UriKind.Absolute, out var hubUrl) || (settings.AllMeetings().Count == 0 && !claiming))
            throw new InvalidOperationException(
                $"Set {TranscriptionOptions.Section}:HubUrl (an absolute URL) and {TranscriptionOptions.Section}:WorkerKey (the hub's worker key, " +
                $"to serve every running meeting) or {TranscriptionOptions.Section}:Token (one meeting's transcriber token) or {TranscriptionOptions.Section}:Meetings.");
        // Load the model now, so a missing model or library is reported at start-up (naming the option);
        // the worker then stays up, idle, rather than restarting in a loop (the secretary sees no status from it).
        if (!engine.IsReady)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
            return;
        }
        var logger = loggers.CreateLogger<MeetingFollower>();
        var runs = settings.AllMeetings()
            .Select(m => new MeetingFollower(hubUrl, m, settings, EngineDecoder(engine), clock, logger).RunAsync(stoppingToken)).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (claiming) runs.Add(new MeetingClaims(hubUrl, settings, http, EngineDecoder(engine), clock, loggers).RunAsync(stoppingToken));
        await Task.WhenAll(runs);
    }

    /// <summary>Each meeting gets its own whisper processor and VAD: one decoder queue per meeting.</summary>
    private static Func<MeetingDecoder> EngineDecoder(TranscriptionEngine engine) => () =>
    {
        var processor = engine.CreateProcessor();
        var vad = engine.CreateVad();
        return new MeetingDecoder(samples => vad.DetectSpeech(samples, new VadOptions()), (samples, ct) => processor.Process(samples, ct), () => { processor.Dispose(); vad.Dispose(); });
    };
}

/// <summary>What transcribes one meeting: a VAD and a recogniser (whisper in the worker; scripted in tests).</summary>
public sealed class MeetingDecoder(
    Func<float[], IReadOnlyList<SpeechSpan>> detectSpeech,
    Func<float[], CancellationToken, IReadOnlyList<SegmentData>> recognize,
    Action? dispose = null) : IDisposable
{
    public Func<float[], IReadOnlyList<SpeechSpan>> DetectSpeech { get; } = detectSpeech;
    public Func<float[], CancellationToken, IReadOnlyList<SegmentData>> Recognize { get; } = recognize;
    public void Dispose() => dispose?.Invoke();
}

/// <summary>
/// Connects to one meeting as the transcriber and transcribes its speech: the hub's live audio feed
/// (the hall microphone and online speakers), or a recording to replay. Final text goes to the minutes
/// draft per turn, partial and final captions to the hall screen and the phones, and every few seconds
/// the chair and the secretary are told whether transcription keeps up.
/// </summary>
public sealed partial class MeetingFollower(
    Uri hubUrl, MeetingOptions meetingOptions, TranscriptionOptions settings, Func<MeetingDecoder> decoders, TimeProvider clock, ILogger<MeetingFollower> logger)
{
    /// <summary>How far back a restarted worker catches up (the hub keeps about five minutes of audio).</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(4);

    private string? _lastTurn;

    /// <summary>Follows the meeting until stopped, or until the chair revokes the transcriber link it holds.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // A revoked link ends the run like a stop: a worker that claimed the meeting then claims it again with a fresh token.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        stoppingToken = running.Token;
        await using var meeting = new MeetingConnection(hubUrl, meetingOptions.Token);
        meeting.ConnectionChanged += () =>
        {
            // Not awaited: this runs on the connection's receive loop, which what the cancellation stops may wait for.
            if (meeting.Revoked is not null) _ = running.CancelAsync();
            return Task.CompletedTask;
        };
        meeting.Changed += _ =>
        {
            if (meeting.State?.CurrentTurn is { } turn && turn.Id != _lastTurn)
            {
                _lastTurn = turn.Id;
                LogFloor(turn.Id, turn.SpeakerName, turn.AgendaItemId);
            }
            return Task.CompletedTask;
        };
        await ConnectAsync(meeting, stoppingToken);
        LogJoined(meeting.State!.Id, meeting.State.Info?.Title, meeting.State.Version);

        var sink = new HubTranscriptSink(meeting, clock, logger);
        var (source, what) = await SourceAsync(meeting, sink, stoppingToken);
        using var decoder = decoders();
        var pipeline = new TranscriptPipeline(
            source,
            new UtteranceSegmenter(decoder.DetectSpeech, new VadOptions()),
            decoder.Recognize,
            sink,
            logger,
            settings.QueueCapacity,
            partials: settings.PartialCaptions ? PartialOptions.Default : PartialOptions.None);
        pipeline.Finalized += s => LogFinal(s.Sequence, s.TurnId, s.Start, s.Text);
        pipeline.BehindChanged += status => _ = ReportAsync(meeting, status, stoppingToken);
        using var heartbeat = new PeriodicTimer(TranscriberStatus.Interval, clock);
        var reporting = ReportEveryAsync(heartbeat, meeting, pipeline, stoppingToken);
        try
        {
            LogListening(meeting.State.Id, what, source.Origin);
            await pipeline.RunAsync(stoppingToken);
            LogSourceDone(meeting.State.Id, what);
        }
        catch (Exception ex) when (ex is IOException or WaveFormatException or UnauthorizedAccessException)
        {
            LogAudioFailed(meeting.State.Id, what, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await reporting;
        if (meeting.Revoked is { } reason) LogRevoked(meeting.State.Id, reason);
    }

    private async Task ConnectAsync(MeetingConnection meeting, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await meeting.StartAsync(stoppingToken);
                return;
            }
            catch (HttpRequestException ex)
            {
                LogRetry(hubUrl, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// A recording when one is configured; otherwise the hub's live audio on the meeting's clock (from its
    /// start), resuming after the last final text already in the minutes — or at most <see cref="CatchUpLimit"/> ago.
    /// "Ago" is by the hub's clock, on which the audio is stamped: the worker's own clock may be set differently
    /// (another machine), and by that one the limit could fall after all the meeting's audio, which the worker
    /// would then never hear.
    /// </summary>
    private async Task<(IAudioSource Source, string What)> SourceAsync(MeetingConnection meeting, HubTranscriptSink sink, CancellationToken stoppingToken)
    {
        if (meetingOptions.ReplayFile is { Length: > 0 } file)
            return (new FileReplaySource(file, meetingOptions.ReplayStartedAt ?? clock.GetUtcNow(), meetingOptions.ReplayPaced, clock), file);
        while (meeting.State?.StartedAt is null)
            await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
        var origin = meeting.State.StartedAt.Value;
        var resume = origin + TimeSpan.FromMilliseconds(sink.ResumeSequence);
        var earliest = meeting.ServerNow - CatchUpLimit;
        return (new HubAudioSource(meeting, origin, resume > earliest ? resume : earliest, clock, logger), "live audio");
    }

    private async Task ReportEveryAsync(PeriodicTimer timer, MeetingConnection meeting, TranscriptPipeline pipeline, CancellationToken stoppingToken)
    {
        try
        {
            do await ReportAsync(meeting, pipeline.Status, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportAsync(MeetingConnection meeting, PipelineStatus status, CancellationToken stoppingToken)
    {
        if (meeting.ConnectionState != HubConnectionState.Connected) return;
        try
        {
            await meeting.PublishTranscriberStatusAsync(
                new TranscriberStatus(status.Behind, Math.Round(status.BacklogSeconds, 1), status.SkippedPartials, clock.GetUtcNow()), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStatusLost(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcriber joined meeting {MeetingId} ({Title}) at version {Version}")]
    private partial void LogJoined(string meetingId, string? title, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Floor: turn {TurnId} {Speaker} in agenda step {AgendaItemId}")]
    private partial void LogFloor(string turnId, string speaker, string? agendaItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {HubUrl} not reachable ({Reason}); retrying")]
    private partial void LogRetry(Uri hubUrl, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: transcribing {What}, audio clock from {Origin}")]
    private partial void LogListening(string meetingId, string what, DateTimeOffset origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: {What} finished")]
    private partial void LogSourceDone(string meetingId, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meeting {MeetingId}: the audio {What} cannot be read: {Reason}")]
    private partial void LogAudioFailed(string meetingId, string what, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: the transcriber link was revoked ({Reason}); stopped following it")]
    private partial void LogRevoked(string meetingId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Final {Sequence} for turn {TurnId} at {Start}: {Text}")]
    private partial void LogFinal(int sequence, string? turnId, DateTimeOffset start, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status not sent: {Reason}")]
    private partial void LogStatusLost(string reason);
}

/// <summary>
/// Sends final text to the hub as <see cref="AddTranscriptSegment"/>, retrying through hub restarts, and shows
/// captions on the hall screen and the phones (best effort: a lost caption is not a lost word).
/// </summary>
public sealed partial class HubTranscriptSink(MeetingConnection meeting, TimeProvider clock, ILogger logger) : ITranscriptSink
{
    public IReadOnlyList<FloorSpan> Floor => FloorSpan.FromTurns(meeting.State?.Turns ?? []);

    private IEnumerable<TranscriptSegment> Sent => meeting.State?.Minutes.Values.SelectMany(m => m.Machine) ?? [];

    /// <summary>Where the audio already transcribed ends (ms on the meeting's audio clock).</summary>
    public int ResumeSequence => Sent.Select(s => s.EndSequence ?? s.Sequence + 1).DefaultIfEmpty(0).Max();

    /// <summary>An utterance starting before the end of what was transcribed (or with a sequence already sent) is done.</summary>
    public bool AlreadySent(int sequence) => sequence < ResumeSequence || Sent.Any(s => s.Sequence == sequence);

    public async Task SendAsync(string turnId, int sequence, int endSequence, string text, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (meeting.ConnectionState != HubConnectionState.Connected) throw new InvalidOperationException("not connected");
                var result = await meeting.ExecuteAsync(new AddTranscriptSegment(turnId, sequence, text, endSequence), cancellationToken: cancellationToken);
                if (!result.Ok) LogRefused(turnId, sequence, result.ErrorMessage);
                else await ShowCaptionAsync(turnId, text, final: true, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSendRetry(turnId, sequence, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    public Task ShowPartialAsync(string? turnId, string text, CancellationToken cancellationToken) =>
        ShowCaptionAsync(turnId, text, final: false, cancellationToken);

    private async Task ShowCaptionAsync(string? turnId, string text, bool final, CancellationToken cancellationToken)
    {
        // A long partial shows its newest words: that is what the hall is hearing now.
        var line = new CaptionLine(turnId, text.Length <= CaptionLine.TextMax ? text : text[^CaptionLine.TextMax..], final, clock.GetUtcNow());
        try
        {
            if (meeting.ConnectionState == HubConnectionState.Connected) await meeting.PublishCaptionAsync(line, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCaptionLost(turnId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Caption for turn {TurnId} not shown: {Reason}")]
    private partial void LogCaptionLost(string? turnId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub refused segment {Sequence} of turn {TurnId}: {Reason}")]
    private partial void LogRefused(string turnId, int sequence, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment {Sequence} of turn {TurnId} not delivered yet ({Reason}); retrying")]
    private partial void LogSendRetry(string turnId, int sequence, string reason);
}
