using LiveSession.Domain.Minutes;

using LiveSession.Domain.FollowUp;

namespace LiveSession.Records;

/// <summary>A closed meeting as archived from Redis: its plan, its final state (JSON) and how many events it had.</summary>
public sealed class MeetingRecord
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Kind { get; set; }
    public required string Form { get; set; }
    public required string Venue { get; set; }
    public DateTimeOffset ScheduledStart { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long Version { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset ArchivedAt { get; set; }
    /// <summary>What the audit kept beside the events while the meeting was live (JSON list): refused commands and accesses to personal data.</summary>
    public string? RefusalsJson { get; set; }
    /// <summary>The office the meeting belongs to (<see cref="LiveSession.Domain.Access.OfficeGrant.Id"/>); null for the installation's own.</summary>
    public string? OfficeId { get; set; }
    public List<EventRecord> Events { get; set; } = [];
    public List<PetitionRecord> Petitions { get; set; } = [];
}

/// <summary>One event of a meeting's log, in version order, as the domain's JSON.</summary>
public sealed class EventRecord
{
    public required string MeetingId { get; set; }
    public long Version { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Json { get; set; }
}

/// <summary>A kiến nghị from a meeting, followed up to closure after it.</summary>
public sealed class PetitionRecord
{
    public required string MeetingId { get; set; }
    /// <summary>The office of its meeting: what the office's list, its units and its MTTQ are filtered by.</summary>
    public string? OfficeId { get; set; }
    public required string PetitionId { get; set; }
    public required string Summary { get; set; }
    public string? Field { get; set; }
    public required string CitizenName { get; set; }
    public string? Locality { get; set; }
    public PetitionResolution Resolution { get; set; }
    public string? ResponsibleUnit { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? Answer { get; set; }
    public FollowUpStatus Status { get; set; }
    /// <summary>When the office ended its follow-up (<see cref="CloseFollowUp"/>); null while it is followed.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The "tn…" number it had among the kiến nghị collected before the meeting, if it came from there.</summary>
    public string? PreMeetingNumber { get; set; }
    /// <summary>For an item without a deadline: its written answer is due 5 working days after the notice (see <see cref="FollowedPetition.AnswerDue"/>).</summary>
    public DateOnly? AnswerDue { get; set; }
    /// <summary>For an item passed up: the higher level's answer, once the office received it.</summary>
    public string? HigherLevelAnswer { get; set; }
    /// <summary>For a kiến nghị received outside any meeting (đối thoại gián tiếp): the day it came in.</summary>
    public DateOnly? ReceivedOn { get; set; }
    public List<FollowUpEntry> History { get; set; } = [];

    /// <summary>The row as the domain's projection record (what documents read).</summary>
    public FollowedPetition ToFollowed() => new(PetitionId, Summary, Field, CitizenName, Locality, Resolution, ResponsibleUnit, Deadline, Answer, Status,
        PreMeetingNumber, History.Count > 0 || ClosedAt is not null || ReceivedOn is not null, ClosedAt, AnswerDue, HigherLevelAnswer, ReceivedOn);

    /// <summary>The day the unit must have answered by: the deadline, else the written answer's due day.</summary>
    public DateOnly? DueDate => Deadline ?? AnswerDue;

    /// <summary>Past its due date and still not answered or passed up (quá hạn).</summary>
    public bool IsOverdueOn(DateOnly today) => ToFollowed().IsOverdueOn(today);
}

/// <summary>One step of a kiến nghị's follow-up: who moved it to which status, with what answer or note, when.</summary>
public sealed class FollowUpEntry
{
    public long Id { get; set; }
    public required string MeetingId { get; set; }
    public required string PetitionId { get; set; }
    public FollowUpStatus Status { get; set; }
    public string? Note { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A kiến nghị collected before a meeting, with the answer its unit prepares to be read at the meeting.
/// Kept apart from <see cref="PetitionRecord"/>: the meeting may not be archived yet.
/// </summary>
public sealed class PreMeetingPetitionRecord
{
    public required string MeetingId { get; set; }
    /// <summary>The office of its meeting (see <see cref="PetitionRecord.OfficeId"/>).</summary>
    public string? OfficeId { get; set; }
    /// <summary>"tn1", "tn2"… in the order they were entered.</summary>
    public required string Number { get; set; }
    public required string CitizenName { get; set; }
    public string? Locality { get; set; }
    public required string Summary { get; set; }
    public string? Field { get; set; }
    public PetitionSource Source { get; set; }
    public string? Collector { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string PreparingUnit { get; set; }
    public string? PreparedAnswer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    /// <summary>When the item and its answer were taken into the live meeting's kiến nghị (the meeting owns that; this repeats it).</summary>
    public DateTimeOffset? TakenIntoMeetingAt { get; set; }
    /// <summary>The meeting's kiến nghị it became ("k3").</summary>
    public string? TakenAs { get; set; }

    /// <summary>The row as the domain's projection record (what documents read).</summary>
    public PreMeetingItem ToItem() => new(Number, CitizenName, Locality, Summary, Field, Source, Collector, ReceivedOn, PreparingUnit, EnteredAt,
        PreparedAnswer, AnsweredBy, AnsweredAt, TakenIntoMeetingAt, TakenAs);
}

/// <summary>
/// One event of a meeting's kiến nghị dossier (<see cref="PetitionDossier"/>), in version order: the dossier is their fold,
/// the kiến nghị tables above are their projection. (MeetingId, Version) is the key, so that of two writers that decided on
/// the same version only one is stored.
/// </summary>
public sealed class FollowUpEventRecord
{
    public required string MeetingId { get; set; }
    public long Version { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who caused it, as "Holder: label" ("Unit: Công an xã"); null for the baseline taken over from older records.</summary>
    public string? By { get; set; }
    public required string Json { get; set; }
}
