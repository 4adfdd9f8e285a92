using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.FollowUp;

/// <summary>The sets of holders follow-up commands are open to, and the checks they share.</summary>
public static class FollowUpRules
{
    /// <summary>Who collects kiến nghị before the meeting and takes them into it: the office, and on the setup page the chair and the organizer.</summary>
    public static readonly IReadOnlySet<Holder> Collectors = new HashSet<Holder> { Holder.Office, Holder.Chair, Holder.Organizer };
    public static readonly IReadOnlySet<Holder> Units = new HashSet<Holder> { Holder.Unit };
    public static readonly IReadOnlySet<Holder> Office = new HashSet<Holder> { Holder.Office };
    /// <summary>Who moves a kiến nghị on after the meeting: its unit (its own only) and the office.</summary>
    public static readonly IReadOnlySet<Holder> Followers = new HashSet<Holder> { Holder.Office, Holder.Unit };

    public const int NoteMax = 10_000;
    public const int ReasonMax = 1000;

    public static DomainError Forbidden(Holder holder) =>
        new("forbidden", $"Vai trò {HolderNames.Vietnamese(holder)} không được phép thực hiện thao tác này.");

    /// <summary>A unit acts only on the items given to it; the office on every one.</summary>
    internal static DomainError? CheckOwnUnit(FollowUpActor actor, string? unit) =>
        actor.Holder == Holder.Unit && actor.Unit != unit ? new DomainError("forbidden", "Kiến nghị này không giao cho đơn vị của bạn.") : null;

    internal static DomainError? FindPreMeeting(PetitionDossier dossier, string? number, out PreMeetingItem item)
    {
        item = dossier.FindPreMeeting(number)!;
        return item is null ? DomainError.NotFound("kiến nghị", number ?? "") : null;
    }

    internal static DomainError? FindFollowed(PetitionDossier dossier, string? petitionId, out FollowedPetition item)
    {
        item = dossier.FindFollowed(petitionId)!;
        return item is null ? DomainError.NotFound("kiến nghị", petitionId ?? "") : null;
    }

    /// <summary>An item still to be worked on: not closed, not answered nor passed up.</summary>
    internal static DomainError? CheckUnresolved(FollowedPetition item) =>
        item.ClosedAt is not null ? Closed
        : item.IsResolved ? DomainError.State("Kiến nghị đã được giải quyết xong.")
        : null;

    internal static DomainError Closed { get; } = DomainError.State("Kiến nghị đã kết thúc theo dõi, không thay đổi được nữa.");

    /// <summary>The live meeting a command needs (its plan, its kiến nghị).</summary>
    internal static DomainError? RequireMeeting(PetitionDossier dossier, FollowUpContext context, out MeetingState meeting)
    {
        meeting = context.Meeting!;
        return meeting is { Exists: true } ? null : DomainError.NotFound("hội nghị", dossier.MeetingId);
    }

    /// <summary>Whether a pre-meeting item is in the meeting: recorded here, or already in the meeting's kiến nghị (the meeting owns it).</summary>
    public static bool IsTaken(PreMeetingItem item, MeetingState? meeting) =>
        item.TakenAt is not null || (meeting is not null && Minutes.PetitionRules.FromPreMeeting(meeting, item.Number) is not null);
}
