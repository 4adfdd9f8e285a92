using LiveSession.Domain.Meetings;

namespace LiveSession.Moderator.Setup;

/// <summary>The fields of a meeting's plan as a form edits them; times are entered in Vietnam time.</summary>
public sealed class MeetingPlanModel
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public string Title { get; set; } = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân";
    public MeetingKind Kind { get; set; } = MeetingKind.Periodic;
    public MeetingForm Form { get; set; } = MeetingForm.Hybrid;
    public string Venue { get; set; } = "Hội trường UBND xã";
    public DateTime Start { get; set; }
    public string ChairName { get; set; } = "";
    public string? ChairTitle { get; set; }
    public string SecretaryName { get; set; } = "";
    public string? SecretaryTitle { get; set; }
    public DateOnly? NoticeDate { get; set; }

    public DateTimeOffset ScheduledStart => new(DateTime.SpecifyKind(Start, DateTimeKind.Unspecified), VietnamOffset);

    /// <summary>A new plan, starting at 08:00 tomorrow (Vietnam time) by the given clock.</summary>
    public static MeetingPlanModel ForNewMeeting(TimeProvider clock) => new()
    {
        Start = clock.GetUtcNow().ToOffset(VietnamOffset).Date.AddDays(1).AddHours(8),
    };

    public static MeetingPlanModel From(MeetingInfo info) => new()
    {
        Title = info.Title,
        Kind = info.Kind,
        Form = info.Form,
        Venue = info.Venue,
        Start = info.ScheduledStart.ToOffset(VietnamOffset).DateTime,
        ChairName = info.ChairName,
        ChairTitle = info.ChairTitle,
        SecretaryName = info.SecretaryName,
        SecretaryTitle = info.SecretaryTitle,
        NoticeDate = info.NoticeDate,
    };

    public CreateMeeting ToCreate() =>
        new(Title, Kind, Form, Venue, ScheduledStart, ChairName, SecretaryName, NoticeDate: NoticeDate, ChairTitle: ChairTitle, SecretaryTitle: SecretaryTitle);

    public UpdateMeetingInfo ToUpdate() => new(Title, Kind, Form, Venue, ScheduledStart, ChairName, SecretaryName, NoticeDate, ChairTitle, SecretaryTitle);
}
