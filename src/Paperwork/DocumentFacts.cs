using System.Globalization;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;

namespace LiveSession.Paperwork;

/// <summary>Vietnam time (UTC+7, no daylight saving) and the way administrative documents write dates.</summary>
internal static class VietnamTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Containers without tzdata: Vietnam has had a fixed UTC+7 since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "Giờ Việt Nam", "Giờ Việt Nam");
        }
    }

    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(Local(at));

    /// <summary>"ngày 05 tháng 3 năm 2025": NĐ 30 pads days below 10 and the months 1 and 2 with a zero.</summary>
    public static string LongDate(DateOnly day) =>
        $"ngày {day.Day:00} tháng {(day.Month <= 2 ? day.Month.ToString("00", CultureInfo.InvariantCulture) : day.Month.ToString(CultureInfo.InvariantCulture))} năm {day.Year}";

    public static string ShortDate(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"08 giờ 30 phút, ngày 15 tháng 3 năm 2025".</summary>
    public static string Moment(DateTimeOffset at)
    {
        var local = Local(at);
        return $"{local.Hour:00} giờ {local.Minute:00} phút, {LongDate(DateOnly.FromDateTime(local))}";
    }
}

/// <summary>
/// What both documents say about the meeting, with the placeholders an office clerk fills in by hand
/// where the paperwork details are not set yet.
/// </summary>
internal sealed class DocumentFacts : IIssuer
{
    public const string Blank = "……";

    public DocumentFacts(DocumentContext context)
    {
        var state = context.State;
        Info = state.Info ?? throw new InvalidOperationException($"Meeting {state.Id} has not been created.");
        State = state;
        var details = state.Paperwork;
        Level = details is null ? "xã" : LevelOf(details.IssuingBody);
        IssuingBody = details?.IssuingBody ?? $"Ủy ban nhân dân {Level} {Blank}";
        SuperiorBody = details?.SuperiorBody;
        PlaceName = details?.PlaceName ?? Blank;
        ChairTitle = details?.ChairTitle ?? Info.ChairTitle ?? $"Chủ tịch UBND {Level}";
        Recipients = details?.Recipients ?? [];
        MeetingDay = VietnamTime.Day(state.ClosedAt ?? state.StartedAt ?? Info.ScheduledStart);
        Holidays = context.Holidays;
        // The notice is dated the day it is drafted, never before the meeting.
        NoticeDay = context.NoticeIssuedOn ?? (context.Today < MeetingDay ? MeetingDay : context.Today);
    }

    public MeetingState State { get; }
    public MeetingInfo Info { get; }
    /// <summary>xã, phường or thị trấn, from the issuing body's name.</summary>
    public string Level { get; }
    public string IssuingBody { get; }
    public string? SuperiorBody { get; }
    public string PlaceName { get; }
    public string ChairTitle { get; }
    public IReadOnlyList<string> Recipients { get; }
    public DateOnly MeetingDay { get; }
    public DateOnly NoticeDay { get; }
    public IReadOnlySet<DateOnly> Holidays { get; }

    public DateOnly NoticeDueDate => WorkingCalendar.AddWorkingDays(MeetingDay, PetitionRules.WrittenAnswerWorkingDays, Holidays);
    public DateOnly WrittenAnswerDueDate => WorkingCalendar.AddWorkingDays(NoticeDay, PetitionRules.WrittenAnswerWorkingDays, Holidays);

    /// <summary>The meeting's name as a title: "Hội nghị …" once, whether or not the plan's title starts with it.</summary>
    public string MeetingName =>
        Info.Title.StartsWith("Hội nghị", StringComparison.OrdinalIgnoreCase) ? Info.Title
        : Info.Title.Length > 1 && char.IsLower(Info.Title[1]) ? $"Hội nghị {char.ToLowerInvariant(Info.Title[0])}{Info.Title[1..]}"
        : $"Hội nghị {Info.Title}";

    /// <summary>The chair's title with the body it heads: "Chủ tịch Ủy ban nhân dân xã An Hưng".</summary>
    public string ChairTitleInFull => InFull(ChairTitle, IssuingBody);

    /// <summary>A chair's title with the body it heads, unless the title names it already ("Chủ tịch UBND xã").</summary>
    public static string InFull(string chairTitle, string issuingBody) =>
        chairTitle.Contains("UBND", StringComparison.OrdinalIgnoreCase) || chairTitle.Contains("Ủy ban", StringComparison.OrdinalIgnoreCase)
            ? chairTitle
            : $"{chairTitle} {issuingBody}";

    /// <summary>The chair's name where a signature or "đồng chí …" needs it.</summary>
    public string ChairName => PersonName(Info.ChairName);

    /// <summary>"Nguyễn Văn Chủ – Chủ tịch Ủy ban nhân dân xã An Hưng".</summary>
    public string Chair => $"{ChairName} – {ChairTitleInFull}";

    public string SecretaryName => PersonName(Info.SecretaryName);

    /// <summary>The secretary's name, and their title when the plan gives one.</summary>
    public string Secretary => Info.SecretaryTitle is { } title ? $"{SecretaryName} – {title}" : SecretaryName;

    public string FormName => Info.Form switch
    {
        MeetingForm.InPerson => "trực tiếp",
        MeetingForm.Online => "trực tuyến",
        _ => "trực tiếp kết hợp trực tuyến",
    };

    /// <summary>The Mặt trận Tổ quốc committee of the same level, which monitors the follow-up.</summary>
    public string FrontCommittee => FrontCommitteeOf(Level, PlaceName);

    public static string FrontCommitteeOf(string level, string placeName) => $"Ủy ban MTTQ Việt Nam {level} {placeName}";

    /// <summary>xã, phường, thị trấn or đặc khu, from the issuing body's name.</summary>
    public static string LevelOf(string body) =>
        body.Contains("phường", StringComparison.OrdinalIgnoreCase) ? "phường"
        : body.Contains("thị trấn", StringComparison.OrdinalIgnoreCase) ? "thị trấn"
        : body.Contains("đặc khu", StringComparison.OrdinalIgnoreCase) ? "đặc khu"
        : "xã";

    public static string Upper(string text) => text.ToUpperInvariant();

    private static readonly string[] JobTitles = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Chuyên viên", "Công chức", "Văn phòng"];

    /// <summary>
    /// Plans made before names and titles came apart often hold a title where the name belongs ("Chủ tịch UBND xã"):
    /// a signature gets the clerk's blank to fill in by hand rather than a title.
    /// </summary>
    private static string PersonName(string name) =>
        string.IsNullOrWhiteSpace(name) || JobTitles.Any(t => name.Equals(t, StringComparison.OrdinalIgnoreCase) || name.StartsWith(t + " ", StringComparison.OrdinalIgnoreCase))
            ? Blank
            : name;
}
