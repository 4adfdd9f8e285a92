using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Access;

/// <summary>
/// Who holds a way in: a meeting role's link, the office (the admin key), a responsible unit's link, the Ủy ban MTTQ's
/// read-only follow-up link, or anyone at all (no link).
/// </summary>
public enum Holder
{
    Chair, Secretary, Organizer, Screen, Participant, Transcriber, Microphone,
    /// <summary>Văn phòng HĐND-UBND: the commune's office, by the admin key.</summary>
    Office,
    /// <summary>A responsible unit (phòng, ban, công chức) answering its own kiến nghị.</summary>
    Unit,
    /// <summary>Ủy ban MTTQ: oversees the follow-up of the conclusions, reads everything, changes nothing.</summary>
    Overseer,
    /// <summary>A transcription worker service, by the worker key: claims running meetings to transcribe.</summary>
    Worker,
    /// <summary>No link at all: the public pages a QR code or a link leads to.</summary>
    Anyone,
}

/// <summary>
/// Everything a caller can ask of the host outside a meeting command. Every hub method, HTTP endpoint and routable page
/// declares one (<see cref="RequiresAttribute"/>); meeting commands carry their own roles and are one operation here
/// (<see cref="RunMeetingCommands"/>), the domain deciding each.
/// </summary>
public enum Operation
{
    /// <summary>Open a public page or short link, ask for the host's health.</summary>
    OpenPublicPage,
    /// <summary>Join the live meeting and receive what the role sees.</summary>
    FollowMeeting,
    /// <summary>Catch up on the meeting's events (the roles that see the whole state).</summary>
    CatchUpEvents,
    /// <summary>Ask for a fresh public or personal view (the roles that see views).</summary>
    RefreshView,
    /// <summary>Send meeting commands; the domain decides each by the command's own roles.</summary>
    RunMeetingCommands,
    PublishCaptions,
    ReportTranscriberStatus,
    /// <summary>Receive the meeting's speech (the transcription worker).</summary>
    ReceiveMeetingAudio,
    /// <summary>Send a microphone's audio (the hall microphone; an online participant while on the floor).</summary>
    SpeakIntoMicrophone,
    /// <summary>Play online speakers' voices through the hall's loudspeakers.</summary>
    PlayOnlineVoices,
    /// <summary>Listen to the hall on one's phone: the meeting's speech, live (a participant).</summary>
    ListenToHall,
    UploadPhoto,
    /// <summary>See a question's photo (a participant only their own).</summary>
    ViewPhoto,
    /// <summary>Listen again to a turn's recording.</summary>
    ListenToRecordings,
    /// <summary>Download the biên bản, the conclusion notice and the dossier.</summary>
    DownloadMinutes,
    /// <summary>Download the plan, the invitation list and the pre-meeting report.</summary>
    DownloadPreparation,
    OpenChairConsole,
    OpenSecretaryWorkspace,
    OpenRegistrationDesk,
    OpenHallScreen,
    /// <summary>The meeting's setup page: plan, agenda, officials, the pre-meeting kiến nghị and the links one shares.</summary>
    OpenMeetingSetup,
    /// <summary>See the role links (each holder only those it shares, <see cref="Permissions.SharedBy"/>).</summary>
    ReadRoleLinks,
    RotateRoleLinks,
    CreateMeeting,
    /// <summary>The office's follow-up of every kiến nghị: assign, deadlines, unit links, reports.</summary>
    ManageFollowUp,
    /// <summary>A unit answers its own kiến nghị.</summary>
    AnswerAsUnit,
    /// <summary>Read every kiến nghị, its status, deadline and answer; change nothing.</summary>
    OverseeFollowUp,
    /// <summary>Read who did what in a meeting, refusals included.</summary>
    ReadAudit,
    /// <summary>Claim running meetings to transcribe (a lease each), renew and release them.</summary>
    ClaimMeetingsToTranscribe,
    /// <summary>Read the live figures an operator watches (connections, commands, commit latency, transcription backlog, Redis memory).</summary>
    WatchOperations,
    /// <summary>Answer a citizen's request about their data: find, export, correct or delete it; the record of processing.</summary>
    AnswerPersonalDataRequests,
}

/// <summary>The operation a hub method, endpoint or page performs; one per way in, checked by the one gate.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Delegate, Inherited = false)]
public sealed class RequiresAttribute(Operation operation) : Attribute
{
    public Operation Operation { get; } = operation;
}

/// <summary>The one table of who may do what outside meeting commands (which carry their own roles).</summary>
public static class Permissions
{
    private static readonly Holder[] WholeState = [Holder.Chair, Holder.Secretary, Holder.Organizer, Holder.Transcriber];
    private static readonly Holder[] MeetingRoles =
        [Holder.Chair, Holder.Secretary, Holder.Organizer, Holder.Screen, Holder.Participant, Holder.Transcriber, Holder.Microphone];

    public static IReadOnlyDictionary<Operation, IReadOnlySet<Holder>> Table { get; } = new Dictionary<Operation, Holder[]>
    {
        [Operation.OpenPublicPage] = [Holder.Anyone],
        [Operation.FollowMeeting] = MeetingRoles,
        [Operation.CatchUpEvents] = WholeState,
        [Operation.RefreshView] = [Holder.Screen, Holder.Participant, Holder.Microphone],
        [Operation.RunMeetingCommands] = [Holder.Chair, Holder.Secretary, Holder.Organizer, Holder.Participant, Holder.Transcriber],
        [Operation.PublishCaptions] = [Holder.Transcriber],
        [Operation.ReportTranscriberStatus] = [Holder.Transcriber],
        [Operation.ReceiveMeetingAudio] = [Holder.Transcriber],
        [Operation.SpeakIntoMicrophone] = [Holder.Microphone, Holder.Participant],
        [Operation.PlayOnlineVoices] = [Holder.Screen],
        [Operation.ListenToHall] = [Holder.Participant],
        [Operation.UploadPhoto] = [Holder.Participant, Holder.Organizer],
        [Operation.ViewPhoto] = [Holder.Chair, Holder.Secretary, Holder.Organizer, Holder.Participant],
        [Operation.ListenToRecordings] = [Holder.Chair, Holder.Secretary, Holder.Organizer],
        [Operation.DownloadMinutes] = [Holder.Chair, Holder.Secretary],
        [Operation.DownloadPreparation] = [Holder.Chair, Holder.Secretary, Holder.Organizer],
        [Operation.OpenChairConsole] = [Holder.Chair],
        [Operation.OpenSecretaryWorkspace] = [Holder.Secretary, Holder.Chair],
        [Operation.OpenRegistrationDesk] = [Holder.Organizer, Holder.Chair],
        [Operation.OpenHallScreen] = [Holder.Screen],
        [Operation.OpenMeetingSetup] = [Holder.Chair, Holder.Organizer],
        [Operation.ReadRoleLinks] = [Holder.Chair, Holder.Organizer, Holder.Office],
        [Operation.RotateRoleLinks] = [Holder.Chair, Holder.Office],
        [Operation.CreateMeeting] = [Holder.Office],
        [Operation.ManageFollowUp] = [Holder.Office],
        [Operation.AnswerAsUnit] = [Holder.Unit],
        [Operation.OverseeFollowUp] = [Holder.Overseer, Holder.Office],
        [Operation.ReadAudit] = [Holder.Chair, Holder.Office],
        [Operation.ClaimMeetingsToTranscribe] = [Holder.Worker],
        [Operation.WatchOperations] = [Holder.Office],
        [Operation.AnswerPersonalDataRequests] = [Holder.Office],
    }.ToDictionary(e => e.Key, e => (IReadOnlySet<Holder>)e.Value.ToHashSet());

    /// <summary>Operations that hand out citizens' personal data (voices, photos, documents naming them): every use is in the audit.</summary>
    public static IReadOnlySet<Operation> ReadsPersonalData { get; } = new HashSet<Operation>
        { Operation.ListenToRecordings, Operation.ViewPhoto, Operation.DownloadMinutes, Operation.DownloadPreparation, Operation.AnswerPersonalDataRequests };

    public static bool Allows(Holder holder, Operation operation) =>
        Table.TryGetValue(operation, out var holders) && (holders.Contains(holder) || holders.Contains(Holder.Anyone));

    public static Holder Of(Role role) => role switch
    {
        Role.Chair => Holder.Chair,
        Role.Secretary => Holder.Secretary,
        Role.Organizer => Holder.Organizer,
        Role.Screen => Holder.Screen,
        Role.Participant => Holder.Participant,
        Role.Transcriber => Holder.Transcriber,
        Role.Microphone => Holder.Microphone,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The refusal of <paramref name="operation"/> for a meeting role, or null when it may.</summary>
    public static DomainError? Check(Role role, Operation operation) =>
        Allows(Of(role), operation) ? null : DomainError.Forbidden(role);

    /// <summary>
    /// The role links a holder sees and shares: the chair and the office all of them; the organizer only those it hands
    /// out (registration desk, hall screen, participants, hall microphone), never the chair's or the secretary's, nor the
    /// worker's token; everyone else none.
    /// </summary>
    public static IReadOnlySet<Role> SharedBy(Holder holder) => holder switch
    {
        Holder.Chair or Holder.Office => AllRoles,
        Holder.Organizer => OrganizerShares,
        _ => NoRoles,
    };

    private static readonly IReadOnlySet<Role> AllRoles = Enum.GetValues<Role>().ToHashSet();
    private static readonly IReadOnlySet<Role> OrganizerShares = new HashSet<Role> { Role.Organizer, Role.Screen, Role.Participant, Role.Microphone };
    private static readonly IReadOnlySet<Role> NoRoles = new HashSet<Role>();

    /// <summary>The role × operation table as Markdown, as the README shows it.</summary>
    public static string MarkdownTable()
    {
        var holders = Enum.GetValues<Holder>();
        var lines = new List<string>
        {
            "| Operation | " + string.Join(" | ", holders) + " |",
            "|---|" + string.Concat(holders.Select(_ => ":-:|")),
        };
        foreach (var (operation, allowed) in Table.OrderBy(e => e.Key))
            lines.Add($"| {operation} | " + string.Join(" | ", holders.Select(h => allowed.Contains(h) ? "✓" : "")) + " |");
        return string.Join('\n', lines) + '\n';
    }
}

public static class HolderNames
{
    /// <summary>A holder as user messages name it: a meeting role by <see cref="RoleNames"/>, the others by their office.</summary>
    public static string Vietnamese(Holder holder) => holder switch
    {
        Holder.Chair => RoleNames.Vietnamese(Role.Chair),
        Holder.Secretary => RoleNames.Vietnamese(Role.Secretary),
        Holder.Organizer => RoleNames.Vietnamese(Role.Organizer),
        Holder.Screen => RoleNames.Vietnamese(Role.Screen),
        Holder.Participant => RoleNames.Vietnamese(Role.Participant),
        Holder.Transcriber => RoleNames.Vietnamese(Role.Transcriber),
        Holder.Microphone => RoleNames.Vietnamese(Role.Microphone),
        Holder.Office => "Văn phòng HĐND-UBND",
        Holder.Unit => "đơn vị giải quyết",
        Holder.Overseer => "Ủy ban MTTQ",
        Holder.Worker => "dịch vụ ghi lời",
        Holder.Anyone => "người không có liên kết",
        _ => holder.ToString(),
    };
}
