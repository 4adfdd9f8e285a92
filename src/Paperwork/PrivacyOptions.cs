namespace LiveSession.Paperwork;

/// <summary>
/// How the office handles citizens' personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15), bound from the "Privacy"
/// section: the notice shown where data is collected (the phone page and the registration desk) and how long each kind
/// of data is kept (<see cref="Retention"/>, "Privacy:Retention").
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The notice, one paragraph per line, in the office's own words; unset = <see cref="DefaultNotice"/>. "{recordings}",
    /// "{photos}" and "{phones}" are replaced by the retention periods, so the notice never disagrees with them.
    /// </summary>
    public string[]? Notice { get; set; }

    /// <summary>How long each kind of data is kept; the retention job enforces it daily.</summary>
    public RetentionOptions Retention { get; set; } = new();

    public static IReadOnlyList<string> DefaultNotice { get; } =
    [
        "Khi ông/bà đăng ký phát biểu hoặc gửi câu hỏi, Ủy ban nhân dân xã thu thập: họ và tên, thôn/tổ dân phố, số điện thoại (nếu ông/bà cho và đồng ý), giọng nói khi phát biểu (nếu ông/bà đồng ý ghi âm) và ảnh gửi kèm câu hỏi.",
        "Mục đích: điều hành hội nghị đối thoại, lập biên bản và thông báo kết luận, trả lời và theo dõi giải quyết kiến nghị.",
        "Họ tên, thôn/tổ dân phố và nội dung phát biểu được ghi vào biên bản. Số điện thoại chỉ bàn đăng ký và văn phòng Ủy ban nhân dân xã được xem, để gọi lại khi cần.",
        "Thời hạn lưu: bản ghi âm được xóa sau {recordings} và ảnh sau {photos} kể từ khi hội nghị được lưu trữ; số điện thoại được xóa sau {phones} kể từ khi kiến nghị được giải quyết xong. Biên bản và thông báo kết luận là văn bản công, được lưu theo quy định về lưu trữ.",
        "Ông/bà có quyền xem, yêu cầu sửa hoặc xóa dữ liệu của mình (trừ nội dung trong văn bản đã ký): liên hệ văn phòng Ủy ban nhân dân xã (bộ phận một cửa).",
    ];

    /// <summary>The notice as shown, with the retention periods put in.</summary>
    public IReadOnlyList<string> NoticeParagraphs() =>
        [.. (Notice is { Length: > 0 } own ? own : DefaultNotice).Select(p => p
            .Replace("{recordings}", Days(Retention.TurnRecordings), StringComparison.Ordinal)
            .Replace("{photos}", Days(Retention.Photos), StringComparison.Ordinal)
            .Replace("{phones}", Days(Retention.PhoneNumbers), StringComparison.Ordinal))];

    /// <summary>"90 ngày".</summary>
    public static string Days(TimeSpan period) => $"{(int)Math.Ceiling(period.TotalDays)} ngày";
}

/// <summary>
/// How long each kind of personal data is kept, bound from "Privacy:Retention". Counted from the meeting's archive, except
/// the phone numbers, counted from when the last of the meeting's kiến nghị was closed (<c>CloseFollowUp</c>); a meeting
/// with no kiến nghị counts them from its archive. What the signed biên bản and thông báo kết luận contain is never removed.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Turn recordings (audio/{meeting}) are deleted this long after the meeting is archived.</summary>
    public TimeSpan TurnRecordings { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Photos attached to written questions (attachments/{meeting}) are deleted this long after the archive.</summary>
    public TimeSpan Photos { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Callback phone numbers are erased from every store this long after the meeting's follow-up is closed.</summary>
    public TimeSpan PhoneNumbers { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The live copy of an archived meeting in Redis (state, events, audit streams, audio feed) is deleted this long after
    /// the archive; the records database keeps the meeting.
    /// </summary>
    public TimeSpan LiveCopy { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromDays(1);
}
