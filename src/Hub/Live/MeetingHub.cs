using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using LiveSession.Domain.Views;

namespace LiveSession.Hub.Live;

/// <summary>
/// The one hub of a live meeting. A client's role link decides what it may do and what it is sent:
/// the chair, secretary, organizer and worker follow the whole state; the hall screen and participants
/// follow views (<see cref="PublicView"/>, <see cref="PersonalView"/>). Every command goes through
/// <see cref="MeetingService"/>, and every refusal comes back as a <see cref="CommandResult"/>.
/// </summary>
[Authorize(AuthenticationSchemes = RoleLinkAuthenticationHandler.SchemeName)]
public sealed partial class MeetingHub(
    MeetingService meetings,
    RoleLinkTokens tokens,
    LinkRules links,
    Audit.AuditTrail audit,
    RateLimits limits,
    JoinLinks joinLinks,
    CaptionStore captions,
    MeetingBroadcaster broadcaster,
    Attachments attachments,
    Audio.MeetingAudio audio,
    Audio.HallListeners hallListeners,
    OwnPageHub ownPages,
    Workers.TranscriberStatuses transcriberStatuses,
    IOptions<LiveSessionOptions> options,
    IOptions<LiveSession.Paperwork.PrivacyOptions> privacy,
    TimeProvider clock,
    ILogger<MeetingHub> logger) : Microsoft.AspNetCore.SignalR.Hub
{
    public const int MaxCommandChars = 8 * 1024;
    /// <summary>A participant acting before the hub gave them their own identity (on Join).</summary>
    public static DomainError NotJoined { get; } = new("not_joined", "Hãy tham gia hội nghị trước.");

    private RoleGrant Caller
    {
        get => GrantClaims.Of(Context)!;
        set => GrantClaims.Keep(Context, value);
    }

    private bool SeesWholeState => HubContract.SeesWholeState(Caller.Role);

    [Requires(Operation.FollowMeeting)]
    public async Task<HubAnswer<JoinResult>> Join()
    {
        // A client joins once per connection (again only after reconnecting, on a new connection): a loop of joins is refused.
        if (limits.CheckJoin(Context.ConnectionId, Address) is { } tooFast) return Refuse<HubAnswer<JoinResult>>(tooFast, "join");
        if (Caller.ParticipantId is { } returning && limits.IsPutOut(Caller.MeetingId, returning))
            return Refuse<HubAnswer<JoinResult>>(RateLimits.PutOut, "join");

        // A participant's public link is shared; each device gets its own identity to keep, within a budget per address and meeting.
        var newIdentity = false;
        if (Caller is { Role: Role.Participant, ParticipantId: null } && limits.TryTakeIdentity(Caller.MeetingId, Address))
        {
            Caller = Caller with { ParticipantId = $"p{Guid.NewGuid():N}"[..17] };
            newIdentity = true;
        }
        // Join the groups before reading the state, so no change falls between the snapshot and the stream.
        var groups = new List<string> { SeesWholeState ? MeetingBroadcaster.Group(Caller.MeetingId) : MeetingBroadcaster.PublicGroup(Caller.MeetingId) };
        if (!SeesWholeState && Caller.ParticipantId is { } participantId)
            groups.Add(MeetingBroadcaster.ParticipantGroup(Caller.MeetingId, participantId));
        foreach (var group in groups) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var state = await meetings.CurrentAsync(Caller.MeetingId);
        if (links.Check(Caller, state) is { } refused)
        {
            foreach (var group in groups) await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
            return Refuse<HubAnswer<JoinResult>>(refused, "join");
        }

        var personalToken = newIdentity ? tokens.Issue(Caller) : null;
        LogJoined(Caller.MeetingId, Caller.Role, Context.ConnectionId);
        if (SeesWholeState)
            return HubAnswer.Of(new JoinResult(state!, Caller.Role, Caller.ParticipantId, personalToken, clock.GetUtcNow(),
                Transcriber: await transcriberStatuses.LastAsync(Caller.MeetingId)));
        var snapshot = await SnapshotAsync(state!);
        var notice = Caller is { Role: Role.Participant, ParticipantId: null } ? RateLimits.FollowOnly.Message : null;
        return HubAnswer.Of(
            new JoinResult(null, Caller.Role, Caller.ParticipantId, personalToken, clock.GetUtcNow(), snapshot, snapshot.JoinLink, notice));
    }

    /// <summary>A fresh view, for the hall screen and participants that suspect they missed something.</summary>
    [Requires(Operation.RefreshView)]
    public async Task<HubAnswer<ViewSnapshot>> RefreshView()
    {
        if (!limits.TryTake($"refresh:{Context.ConnectionId}", RateLimits.ViewRefreshes))
            return Refuse<HubAnswer<ViewSnapshot>>(RateLimits.TooFast, "refresh");
        var state = await meetings.CurrentAsync(Caller.MeetingId);
        if (links.Check(Caller, state) is { } refused) return Refuse<HubAnswer<ViewSnapshot>>(refused, "refresh");
        return HubAnswer.Of(await SnapshotAsync(state!));
    }

    [Requires(Operation.RunMeetingCommands)]
    public async Task<CommandResult> Execute(JsonElement command, long? expectedVersion = null)
    {
        if (Caller.Role != Role.Participant) return await DecideAsync(command, expectedVersion);
        // A participant pays for every command, refused or not, from their own bucket and their address's; one who
        // keeps being refused is disconnected and put out for a while. The meeting's bucket only protects the host.
        var client = Caller.ParticipantId ?? Context.ConnectionId;
        if (limits.IsPutOut(Caller.MeetingId, client)) return PutOut();
        var result = limits.CheckClientCommand(Caller.MeetingId, client, Address) is { } tooFast
            ? Refuse(tooFast, "command")
            : await DecideAsync(command, expectedVersion);
        // Busy is the host's state, not the client's fault.
        if (!result.Ok && result.ErrorCode != RateLimits.Busy.Code && limits.RecordRefusal(Caller.MeetingId, client))
        {
            LogPutOut(Caller.MeetingId, client);
            return PutOut();
        }
        return result;
    }

    private async Task<CommandResult> DecideAsync(JsonElement command, long? expectedVersion)
    {
        if (command.ValueKind == JsonValueKind.Object && command.GetRawText().Length > MaxCommandChars)
            return Refuse(DomainError.Invalid($"Nội dung gửi quá lớn (tối đa {MaxCommandChars} ký tự)."), "oversized");
        if (DomainJson.ParseCommand(command, out var error) is not { } parsed)
            return Refuse(error!, "malformed");
        if (Caller.Role == Role.Participant)
        {
            if (Caller.ParticipantId is null)
                return Refuse(RateLimits.FollowOnly, parsed.GetType().Name);
            // What a participant may not do at all is refused here, cheaply and without waiting for the meeting.
            if (!parsed.AllowedRoles.Contains(Role.Participant))
                return Refuse(DomainError.Forbidden(Role.Participant), parsed.GetType().Name);
            if (limits.CheckMeetingCommand(Caller.MeetingId) is { } busy)
                return Refuse(busy, parsed.GetType().Name);
        }
        if (parsed is SubmitQuestion { AttachmentId: { Length: > 0 } attachmentId } && parsed.AllowedRoles.Contains(Caller.Role))
        {
            // A question may carry only a photo uploaded to this meeting, and a participant's only their own.
            var found = await attachments.FindAsync(Caller.MeetingId, attachmentId);
            if (found is null || (Caller.Role == Role.Participant && found.ParticipantId != Caller.ParticipantId))
                return Refuse(new DomainError("attachment_not_found", "Không tìm thấy ảnh đính kèm; hãy gửi lại ảnh."), nameof(SubmitQuestion));
        }
        return await meetings.ExecuteAsync(Caller, parsed, expectedVersion, Caller.Role == Role.Participant ? Origin : null);
    }

    private CommandResult PutOut()
    {
        Context.Abort();
        return CommandResult.Refused(RateLimits.PutOut, -1);
    }

    [Requires(Operation.CatchUpEvents)]
    public async Task<HubAnswer<CatchUpResult>> CatchUp(long afterVersion) =>
        afterVersion < 0 ? Refuse<HubAnswer<CatchUpResult>>(DomainError.Invalid("Phiên bản không hợp lệ."), "catch-up")
        : HubAnswer.Of(await meetings.CatchUpAsync(Caller.MeetingId, afterVersion));

    /// <summary>The transcription worker sends a caption line; the hall screen and participants get it.</summary>
    [Requires(Operation.PublishCaptions)]
    public async Task<CommandResult> PublishCaption(CaptionLine line)
    {
        if (Text.RequiredMultiline(line?.Text, "Phụ đề", CaptionLine.TextMax, out var text) is { } invalid)
            return Refuse(invalid, "caption");
        var clean = line! with { Text = text.Replace('\n', ' '), At = clock.GetUtcNow() };
        await captions.AddAsync(Caller.MeetingId, clean);
        await broadcaster.PublishCaptionAsync(Caller.MeetingId, clean);
        return CommandResult.Accepted(-1);
    }

    /// <summary>
    /// A microphone's audio: the hall microphone page always, an online participant while they have the
    /// floor. Returns when the stream ends; a refused block (not one's turn any more…) ends it with the reason.
    /// </summary>
    [Requires(Operation.SpeakIntoMicrophone)]
    public Task<CommandResult> UploadAudio(IAsyncEnumerable<AudioUpload> blocks) =>
        Caller is { Role: Role.Participant, ParticipantId: null }
            ? Task.FromResult(Refuse(NotJoined, "audio"))
            : audio.ReceiveAsync(Caller, Context.ConnectionId, blocks, Context.ConnectionAborted);

    /// <summary>
    /// The worker's audio: the meeting's speech from a time on (Unix ms), then live. A stream has no answer to carry a
    /// refusal: a refused one completes with a <see cref="StreamRefusal"/>.
    /// </summary>
    [Requires(Operation.ReceiveMeetingAudio)]
    public IAsyncEnumerable<AudioPacket> AudioFeed(long fromUnixMs, CancellationToken cancellationToken) =>
        fromUnixMs < 0 ? throw RefuseStream(DomainError.Invalid("Thời điểm không hợp lệ."), "audio-feed")
        : audio.FeedAsync(Caller.MeetingId, fromUnixMs, cancellationToken);

    /// <summary>The hall screen plays online speakers' voices through the hall's loudspeakers.</summary>
    [Requires(Operation.PlayOnlineVoices)]
    public async Task<CommandResult> ListenAudio()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Audio.MeetingAudio.ListenGroup(Caller.MeetingId));
        return CommandResult.Accepted(-1);
    }

    /// <summary>
    /// A participant listens to the hall (the meeting's speech in Opus, <see cref="HubContract.HallAudio"/>). A connection
    /// listens once (asking again changes nothing), within the meeting's and its address's caps; a revoked link listens to
    /// nothing, and its connection is cut with the others.
    /// </summary>
    [Requires(Operation.ListenToHall)]
    public async Task<CommandResult> ListenHall()
    {
        if (!limits.TryTake($"hall:{Context.ConnectionId}", RateLimits.HallListens)) return Refuse(RateLimits.TooFast, "listen-hall");
        var state = await meetings.CurrentAsync(Caller.MeetingId);
        if (links.Check(Caller, state) is { } refused) return Refuse(refused, "listen-hall");
        if (await hallListeners.AddAsync(Caller.MeetingId, Context.ConnectionId, Address) is { } full) return Refuse(full, "listen-hall");
        return CommandResult.Accepted(-1);
    }

    [Requires(Operation.ListenToHall)]
    public async Task<CommandResult> StopListeningHall()
    {
        if (!limits.TryTake($"hall:{Context.ConnectionId}", RateLimits.HallListens)) return Refuse(RateLimits.TooFast, "listen-hall");
        await hallListeners.RemoveAsync(Context.ConnectionId);
        return CommandResult.Accepted(-1);
    }

    /// <summary>The worker says whether it keeps up; the chair and the secretary see it.</summary>
    [Requires(Operation.ReportTranscriberStatus)]
    public async Task<CommandResult> PublishTranscriberStatus(TranscriberStatus status)
    {
        if (status is null || !double.IsFinite(status.BacklogSeconds) || status.BacklogSeconds is < 0 or > 86_400 || status.SkippedPartials < 0)
            return Refuse(DomainError.Invalid("Trạng thái máy ghi lời không hợp lệ."), "transcriber-status");
        var stamped = status with { At = clock.GetUtcNow() };
        await transcriberStatuses.RememberAsync(Caller.MeetingId, stamped);
        await broadcaster.PublishTranscriberStatusAsync(Caller.MeetingId, stamped);
        return CommandResult.Accepted(-1);
    }

    private async Task<ViewSnapshot> SnapshotAsync(MeetingState state) => new(
        broadcaster.PublicViewOf(state),
        Caller.ParticipantId is { } p ? PersonalView.Of(state, p) : null,
        CaptionLine.Collapse(await captions.RecentAsync(Caller.MeetingId), Client.MeetingConnection.KeptCaptions),
        clock.GetUtcNow(),
        state.Localities,
        Caller.Role == Role.Screen ? await JoinLinkAsync(state) : null,
        Fields.Of(state),
        Caller.Role == Role.Participant ? privacy.Value.NoticeParagraphs() : null);

    private async Task<string> JoinLinkAsync(MeetingState state)
    {
        var code = await joinLinks.CodeForAsync(state.Id, state.LinkGeneration(Role.Participant));
        var request = Context.GetHttpContext()?.Request;
        var root = options.Value.PublicBaseUrl ?? (request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}");
        return $"{root.TrimEnd('/')}/j/{code}";
    }

    /// <summary>The caller's address bucket name; none for the host's own pages.</summary>
    /// <summary>
    /// The caller's network as the meeting stores it: a hash, never the address itself. None for loopback: behind a
    /// local proxy that was not configured as trusted, every client would share one origin and be held to its cap.
    /// </summary>
    private string? Origin =>
        Context.GetHttpContext()?.Connection.RemoteIpAddress is { } ip && !System.Net.IPAddress.IsLoopback(ip) && Address is { } address
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Caller.MeetingId}|{address}")))[..16]
            : null;

    private string? Address =>
        Context.GetHttpContext() is { } http ? RateLimits.AddressKey(http.Connection.RemoteIpAddress, ownPages.IsOwn(http)) : null;

    /// <summary>A refused stream: the one hub error the hub throws (see <see cref="StreamRefusal"/>).</summary>
    private HubException RefuseStream(DomainError error, string what)
    {
        Refuse(error, what);
        return new HubException(StreamRefusal.Text(error));
    }

    private CommandResult Refuse(DomainError error, string what) => Refuse<CommandResult>(error, what);

    /// <summary>The refusal as <typeparamref name="TReply"/>, logged (and kept in the audit, but for a flood).</summary>
    private TReply Refuse<TReply>(DomainError error, string what) where TReply : IHubReply<TReply>
    {
        // A flood is refused cheaply: not one warning line (nor one audit entry) per refused message.
        if (error.Code == RateLimits.TooFast.Code || error.Code == RateLimits.Busy.Code) LogRateLimited(what, Caller.MeetingId, Caller.ParticipantId);
        else
        {
            LogRefusedInput(what, Caller.MeetingId, Caller.Role, error.Code);
            audit.Refused(Caller, what, error);
        }
        return TReply.Refused(error);
    }

    // Debug: phones come and go by the thousand (and an attacker's by the thousand a minute).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} joined meeting {MeetingId} as {Role}")]
    private partial void LogJoined(string meetingId, Role role, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Put out participant {Client} of meeting {MeetingId} for a while: refused too often")]
    private partial void LogPutOut(string meetingId, string client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate-limited {Input} on meeting {MeetingId} from participant {ParticipantId}")]
    private partial void LogRateLimited(string input, string meetingId, string? participantId);

    // Debug, as a refused command: bad input from the public is answered and audited, not a line in the journal each.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Input} input on meeting {MeetingId} from {Role}: {ErrorCode}")]
    private partial void LogRefusedInput(string input, string meetingId, Role role, string errorCode);
}
