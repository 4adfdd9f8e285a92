using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveSession.Hub.Live;

/// <summary>
/// The one hub of a live meeting. A client's role link decides what it may do; every command goes
/// through <see cref="MeetingService"/>, and every refusal comes back as a <see cref="CommandResult"/>.
/// </summary>
[Authorize(AuthenticationSchemes = RoleLinkAuthenticationHandler.SchemeName)]
public sealed partial class MeetingHub(MeetingService meetings, RoleLinkTokens tokens, TimeProvider clock, ILogger<MeetingHub> logger) : Microsoft.AspNetCore.SignalR.Hub
{
    public const int MaxCommandChars = 8 * 1024;
    private const string GrantKey = "grant";

    private RoleGrant Caller
    {
        get => (RoleGrant)(Context.Items[GrantKey] ??= GrantClaims.ToGrant(Context.User)!);
        set => Context.Items[GrantKey] = value;
    }

    public async Task<JoinResult> Join()
    {
        // Join the group before reading the snapshot, so no change falls between the snapshot and the stream.
        var group = MeetingBroadcaster.Group(Caller.MeetingId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var state = await meetings.LoadFreshAsync(Caller.MeetingId);
        if (state is null || Caller.Generation < state.LinkGeneration(Caller.Role))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
            throw new HubException(state is null ? "Không tìm thấy hội nghị của liên kết này." : MeetingService.Revoked.Message);
        }

        string? personalToken = null;
        if (Caller is { Role: Role.Participant, ParticipantId: null })
        {
            // A participant's public link is shared; each device gets its own identity to keep.
            Caller = Caller with { ParticipantId = $"p{Guid.NewGuid():N}"[..17] };
            personalToken = tokens.Issue(Caller);
        }
        LogJoined(Caller.MeetingId, Caller.Role, Context.ConnectionId);
        return new JoinResult(state, Caller.Role, Caller.ParticipantId, personalToken, clock.GetUtcNow());
    }

    public async Task<CommandResult> Execute(JsonElement command, long? expectedVersion = null)
    {
        if (command.ValueKind == JsonValueKind.Object && command.GetRawText().Length > MaxCommandChars)
            return Refuse(DomainError.Invalid($"Lệnh quá lớn (tối đa {MaxCommandChars} ký tự)."), "oversized");
        if (DomainJson.ParseCommand(command, out var error) is not { } parsed)
            return Refuse(error!, "malformed");
        if (Caller is { Role: Role.Participant, ParticipantId: null })
            return Refuse(new DomainError("not_joined", "Hãy tham gia hội nghị trước."), parsed.GetType().Name);
        return await meetings.ExecuteAsync(Caller, parsed, expectedVersion);
    }

    public Task<CatchUpResult> CatchUp(long afterVersion) =>
        afterVersion < 0
            ? throw new HubException("Phiên bản không hợp lệ.")
            : meetings.CatchUpAsync(Caller.MeetingId, afterVersion);

    private CommandResult Refuse(DomainError error, string what)
    {
        LogRefusedInput(what, Caller.MeetingId, Caller.Role, error.Code);
        return CommandResult.Refused(error, -1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} joined meeting {MeetingId} as {Role}")]
    private partial void LogJoined(string meetingId, Role role, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Input} input on meeting {MeetingId} from {Role}: {ErrorCode}")]
    private partial void LogRefusedInput(string input, string meetingId, Role role, string errorCode);
}
