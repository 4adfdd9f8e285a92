using System.Runtime.CompilerServices;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Live;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Store;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;

namespace LiveSession.Hub.Audio;

/// <summary>
/// Where microphone audio goes once it reaches a host. Each block is placed on the hub's clock
/// (<see cref="AudioClock"/>), judged by <see cref="MicrophoneRules"/> at the time it was spoken, then:
/// the meeting's speech is appended to a capped Redis stream the worker reads (any host may take the
/// microphone, any host may serve the worker), kept with its turn (<see cref="TurnRecordings"/>) and sent to the
/// phones that listen to the hall (<see cref="HallBroadcast"/>); an online speaker's voice is also sent to the hall
/// screens to play.
/// </summary>
public sealed partial class MeetingAudio(
    MeetingService meetings,
    IConnectionMultiplexer redis,
    TurnRecordings recordings,
    HallBroadcast hall,
    Access.LinkRules links,
    IHubContext<MeetingHub> hub,
    TimeProvider clock,
    ILogger<MeetingAudio> logger)
{
    /// <summary>About five minutes of 0.1 s blocks: what a restarted worker may still catch up on.</summary>
    public const int StreamLength = 3_000;
    private static readonly TimeSpan FloorRefresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HallMicrophoneLease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FeedPoll = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static DomainError BadBlock { get; } = DomainError.Invalid(
        $"Khối âm thanh không hợp lệ (cần PCM 16 bit, 16 kHz, một kênh, tối đa {AudioFormat.MaxBlockBytes} byte).");
    public static DomainError HallMicrophoneTaken { get; } = new("microphone_taken",
        "Một máy khác đang là micro hội trường. Hãy tắt micro ở máy đó trước.");
    public static DomainError TooFast { get; } = new("audio_too_fast",
        $"Âm thanh gửi đến nhanh hơn lời nói thật (quá {AudioPace.MaxSpeed.ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))} lần thời gian thực): micro đã dừng.");
    public DomainError RecordingFull => new("recording_full",
        $"Lượt phát biểu này đã ghi âm đủ {Duration(recordings.MaxLength)}, tối đa cho một lượt: micro đã dừng.");

    private static string Duration(TimeSpan length) =>
        length.TotalMinutes >= 1 ? $"{Math.Round(length.TotalMinutes, 1)} phút" : $"{Math.Round(length.TotalSeconds)} giây";

    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>Hall screens that play online speakers' voices.</summary>
    public static string ListenGroup(string meetingId) => $"audio:{meetingId}";

    /// <summary>
    /// Takes one microphone stream until it ends or a block is refused. A refusal is told to the microphone at once
    /// (<see cref="HubContract.AudioStopped"/>) and answered when the client has completed its stream: ending the
    /// invocation under a client still pushing blocks makes SignalR drop the whole connection.
    /// </summary>
    public async Task<CommandResult> ReceiveAsync(
        RoleGrant caller, string connectionId, IAsyncEnumerable<AudioUpload> blocks, CancellationToken cancellationToken)
    {
        var source = caller.Role == Role.Microphone ? AudioSourceKind.Hall : AudioSourceKind.Online;
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var stream = blocks.GetAsyncEnumerator(drain.Token);
        var taken = new StrongBox<long>();
        try
        {
            if (await TakeAsync(caller, connectionId, source, stream, taken, cancellationToken) is not { } refusal)
                return CommandResult.Accepted(-1);
            LogRefused(caller.MeetingId, caller.Role, refusal.Code);
            var refused = CommandResult.Refused(refusal, -1);
            await hub.Clients.Client(connectionId).SendAsync(HubContract.AudioStopped, refused, cancellationToken);
            await DrainAsync(stream, drain);
            return refused;
        }
        catch (RedisException ex)
        {
            LogStoreUnavailable(ex, caller.MeetingId);
            return CommandResult.Refused(MeetingService.StoreUnavailable, -1);
        }
        finally
        {
            if (source == AudioSourceKind.Hall) await ReleaseHallMicrophoneAsync(new MeetingKeys(caller.MeetingId), connectionId);
            LogEnded(caller.MeetingId, source, taken.Value);
        }
    }

    /// <summary>Routes blocks until the stream ends (null) or one is refused (the reason).</summary>
    private async Task<DomainError?> TakeAsync(
        RoleGrant caller, string connectionId, AudioSourceKind source, IAsyncEnumerator<AudioUpload> stream, StrongBox<long> taken,
        CancellationToken cancellationToken)
    {
        var actor = new Actor(caller.Role, caller.ParticipantId);
        var keys = new MeetingKeys(caller.MeetingId);
        var audioClock = new AudioClock();
        var pace = new AudioPace(clock);
        MeetingState? state = null;
        var stateAt = DateTimeOffset.MinValue;
        string? recording = null; // the turn this stream's last block was recorded to
        while (await stream.MoveNextAsync())
        {
            if (stream.Current?.Pcm is not { Length: > 0 and <= AudioFormat.MaxBlockBytes } pcm || pcm.Length % AudioFormat.BytesPerSample != 0)
                return BadBlock;
            if (!pace.Take(AudioFormat.DurationOf(pcm.Length))) return TooFast;
            var now = clock.GetUtcNow();
            var spokenAt = audioClock.Stamp(now, AudioFormat.DurationOf(pcm.Length));
            if (now - stateAt >= FloorRefresh)
            {
                state = state is null ? await meetings.LoadFreshAsync(caller.MeetingId) : await meetings.RefreshAsync(state);
                stateAt = now;
                if (links.Check(caller, state) is { } refused) return refused;
                if (source == AudioSourceKind.Hall && !await HoldHallMicrophoneAsync(keys, connectionId)) return HallMicrophoneTaken;
            }
            var (route, error) = MicrophoneRules.Route(state!, actor, spokenAt);
            if (route is null) return error;

            var packet = new AudioPacket(spokenAt.ToUnixTimeMilliseconds(), source, pcm);
            var recordTo = route is { Transcribe: true, Record: true } ? route.TurnId : null;
            if (recordTo is null) recording = null;
            if (route.Transcribe)
            {
                if (recordTo is { } turnId)
                {
                    if (turnId != recording) await recordings.MarkAsync(caller.MeetingId, turnId, spokenAt, cancellationToken);
                    recording = turnId;
                    if (!await recordings.AppendAsync(caller.MeetingId, turnId, pcm, cancellationToken)) return RecordingFull;
                }
                // To the worker's stream and, as the hall hears it, to the phones that listen: both on their way at once.
                var toWorker = _db.StreamAddAsync(keys.Audio,
                    [new("at", packet.At), new("src", (int)source), new("pcm", pcm)],
                    maxLength: StreamLength, useApproximateMaxLength: true);
                await hall.SendAsync(caller.MeetingId, packet.At, pcm, cancellationToken);
                await toWorker;
            }
            if (route.PlayInHall)
                await hub.Clients.Group(ListenGroup(caller.MeetingId)).SendAsync(HubContract.Audio, packet, cancellationToken);
            if (taken.Value++ == 0) LogStarted(caller.MeetingId, source, caller.ParticipantId);
        }
        return null;
    }

    /// <summary>
    /// Discards what a stopped microphone still sends until it completes its stream. A client that does not stop within
    /// <see cref="StopGrace"/> is left to SignalR, which closes its connection.
    /// </summary>
    private static async Task DrainAsync(IAsyncEnumerator<AudioUpload> stream, CancellationTokenSource drain)
    {
        drain.CancelAfter(StopGrace);
        try
        {
            while (await stream.MoveNextAsync()) { }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// The meeting's speech from <paramref name="fromUnixMs"/> on (as far back as the stream still holds),
    /// then live as it arrives, until cancelled.
    /// </summary>
    public async IAsyncEnumerable<AudioPacket> FeedAsync(string meetingId, long fromUnixMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = new MeetingKeys(meetingId).Audio;
        // Entry ids are Redis arrival times: start a little before, and skip blocks spoken before the time asked.
        RedisValue after = $"{Math.Max(0, fromUnixMs - 10_000)}-0";
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await _db.StreamReadAsync(key, after, count: 200);
            foreach (var entry in entries)
            {
                after = entry.Id;
                if (Parse(entry) is { } packet && packet.At >= fromUnixMs) yield return packet;
            }
            if (entries.Length == 0) await Task.Delay(FeedPoll, clock, cancellationToken);
        }
    }

    private static AudioPacket? Parse(StreamEntry entry)
    {
        var at = entry["at"];
        var source = entry["src"];
        var pcm = entry["pcm"];
        return at.TryParse(out long time) && source.TryParse(out int kind) && !pcm.IsNull
            ? new AudioPacket(time, (AudioSourceKind)kind, (byte[])pcm!)
            : null;
    }

    private async Task<bool> HoldHallMicrophoneAsync(MeetingKeys keys, string connectionId)
    {
        if (await _db.StringSetAsync(keys.HallMicrophone, connectionId, HallMicrophoneLease, When.NotExists)) return true;
        // Ours already: renew the lease (a page that stops sending loses it after a few seconds).
        var holder = await _db.StringGetAsync(keys.HallMicrophone);
        return holder == connectionId && await _db.KeyExpireAsync(keys.HallMicrophone, HallMicrophoneLease);
    }

    private async Task ReleaseHallMicrophoneAsync(MeetingKeys keys, string connectionId)
    {
        try
        {
            if (await _db.StringGetAsync(keys.HallMicrophone) == connectionId) await _db.KeyDeleteAsync(keys.HallMicrophone);
        }
        catch (RedisException)
        {
            // The lease runs out by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: {Source} microphone streaming (participant {ParticipantId})")]
    private partial void LogStarted(string meetingId, AudioSourceKind source, string? participantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: {Source} microphone stream ended after {Blocks} blocks")]
    private partial void LogEnded(string meetingId, AudioSourceKind source, long blocks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: audio from {Role} refused: {ErrorCode}")]
    private partial void LogRefused(string meetingId, Role role, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meeting {MeetingId}: Redis unavailable, microphone stream ended")]
    private partial void LogStoreUnavailable(Exception exception, string meetingId);
}
