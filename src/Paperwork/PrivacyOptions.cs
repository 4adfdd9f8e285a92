namespace LiveSession.Paperwork;

/// <summary>
/// How the office handles citizens' personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15), bound from the "Privacy"
/// section: the notice shown where data is collected (the phone page and the registration desk) and how long each kind
/// of data is kept after the meeting is archived.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The notice, one paragraph per line, in the office's own words; unset = <see cref="DefaultNotice"/>. "{recordings}",
    /// "{photos}" and "{phones}" are replaced by the retention periods below, so the notice never disagrees with them.
    /// </summary>
    public string[]? Notice { get; set; }

    /// <summary>Turn recordings are deleted this long after the meeting is archived.</summary>
    public TimeSpan RecordingRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Photos attached to written questions are deleted this long after the meeting is archived.</summary>
    public TimeSpan PhotoRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Phone numbers are erased this long after every kiến nghị of the meeting is closed (or the meeting archived without any).</summary>
    public TimeSpan PhoneRetentionAfterClosed { get; set; } = TimeSpan.FromDays(30);

    public static IReadOnlyList<string> DefaultNotice { get; } =
    [
        "Khi ông/bà đăng ký phát biểu hoặc gửi câu hỏi, Ủy ban nhân dân xã thu thập: họ và tên, thôn/tổ dân phố, số điện thoại (nếu ông/bà cho và đồng ý), giọng nói khi phát biểu (nếu ông/bà đồng ý ghi âm) và ảnh gửi kèm câu hỏi.",
        "Mục đích: điều hành hội nghị đối thoại, lập biên bản và thông báo kết luận, trả lời và theo dõi giải quyết kiến nghị.",
        "Họ tên, thôn/tổ dân phố và nội dung phát biểu được ghi vào biên bản. Số điện thoại chỉ bàn đăng ký và văn phòng Ủy ban nhân dân xã được xem, để gọi lại khi cần.",
        // The periods ({recordings}, {photos}, {phones}) go into the notice only once the retention job enforces them.
        "Thời hạn lưu: bản ghi âm, ảnh và số điện thoại được lưu để theo dõi giải quyết kiến nghị, theo thời hạn do văn phòng Ủy ban nhân dân xã quy định. Biên bản và thông báo kết luận là văn bản công, được lưu theo quy định về lưu trữ.",
        "Ông/bà có quyền xem, yêu cầu sửa hoặc xóa dữ liệu của mình (trừ nội dung trong văn bản đã ký): liên hệ văn phòng Ủy ban nhân dân xã (bộ phận một cửa).",
    ];

    /// <summary>The notice as shown, with the retention periods put in.</summary>
    public IReadOnlyList<string> NoticeParagraphs() =>
        [.. (Notice is { Length: > 0 } own ? own : DefaultNotice).Select(p => p
            .Replace("{recordings}", Days(RecordingRetention))
            .Replace("{photos}", Days(PhotoRetention))
            .Replace("{phones}", Days(PhoneRetentionAfterClosed)))];

    private static string Days(TimeSpan period) => $"{(int)Math.Ceiling(period.TotalDays)} ngày";
}
