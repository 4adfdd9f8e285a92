using System.Collections.Immutable;

namespace LiveSession.Domain.Meetings;

/// <summary>The checks shared by creating a meeting and correcting its plan.</summary>
internal static class MeetingPlan
{
    public static DomainError? Check(
        string title, MeetingKind kind, MeetingForm form, string venue, DateTimeOffset scheduledStart,
        string chairName, string secretaryName, DateOnly? noticeDate, string? chairTitle, string? secretaryTitle, out MeetingInfo info)
    {
        info = null!;
        if (Text.Required(title, "Tên hội nghị", Text.TitleMax, out var normalizedTitle) is { } e1) return e1;
        if (Text.Required(venue, "Địa điểm", Text.TitleMax, out var normalizedVenue) is { } e2) return e2;
        if (Text.Required(chairName, "Người chủ trì", Text.NameMax, out var chair) is { } e3) return e3;
        if (Text.Optional(secretaryName, "Thư ký", Text.NameMax, out var secretary) is { } e4) return e4;
        if (Text.Optional(chairTitle, "Chức vụ người chủ trì", Text.ShortMax, out var chairJob) is { } e5) return e5;
        if (Text.Optional(secretaryTitle, "Chức vụ thư ký", Text.ShortMax, out var secretaryJob) is { } e6) return e6;
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(form))
            return DomainError.Invalid("Loại hoặc hình thức hội nghị không hợp lệ.");
        info = new MeetingInfo(normalizedTitle, kind, form, normalizedVenue, scheduledStart.ToUniversalTime(), chair, secretary ?? "", noticeDate, chairJob, secretaryJob);
        return noticeDate > info.Day ? DomainError.Invalid("Ngày thông báo công khai phải trước ngày hội nghị.") : null;
    }
}

/// <summary>Corrects the plan of a meeting (title, kind, form, venue, time, chair, secretary) before it closes.</summary>
public sealed record UpdateMeetingInfo(
    string Title,
    MeetingKind Kind,
    MeetingForm Form,
    string Venue,
    DateTimeOffset ScheduledStart,
    string ChairName,
    string SecretaryName,
    DateOnly? NoticeDate = null,
    string? ChairTitle = null,
    string? SecretaryTitle = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (MeetingPlan.Check(Title, Kind, Form, Venue, ScheduledStart, ChairName, SecretaryName, NoticeDate, ChairTitle, SecretaryTitle, out var info) is { } error)
            return error;
        return info == state.Info ? DomainError.State("Thông tin hội nghị không thay đổi.") : new MeetingInfoUpdated(info);
    }
}

public sealed record MeetingInfoUpdated(MeetingInfo Info) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Info = Info };
}

/// <summary>Sets the meeting's list of thôn / tổ dân phố (one name each, duplicates dropped, order kept).</summary>
public sealed record SetLocalities(IReadOnlyList<string> Names) : MeetingCommand
{
    public const int MaxLocalities = 200;

    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        var names = new List<string>();
        foreach (var name in Names ?? [])
        {
            if (Text.Optional(name, "Tên thôn/tổ dân phố", Text.ShortMax, out var normalized) is { } error) return error;
            if (normalized is not null && !names.Contains(normalized, StringComparer.CurrentCultureIgnoreCase)) names.Add(normalized);
        }
        if (names.Count > MaxLocalities)
            return DomainError.Invalid($"Tối đa {MaxLocalities} thôn/tổ dân phố.");
        return names.SequenceEqual(state.Localities)
            ? DomainError.State("Danh sách thôn/tổ dân phố không thay đổi.")
            : new LocalitiesSet([.. names]);
    }
}

public sealed record LocalitiesSet(ImmutableList<string> Names) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Localities = Names };
}
