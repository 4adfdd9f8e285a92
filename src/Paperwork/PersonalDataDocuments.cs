using DocumentFormat.OpenXml;
using LiveSession.Domain.Access;
using LiveSession.Records;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>One kind of personal data the product processes, as the record of processing lists it.</summary>
/// <param name="Readers">The operations of <see cref="Permissions.Table"/> that show it; who holds them has access.</param>
public sealed record PersonalDataKind(string Name, string Purpose, string Stored, string Retention, IReadOnlyList<Operation> Readers)
{
    /// <summary>Who has access, by the permission table: the holders of any of <see cref="Readers"/>.</summary>
    public IReadOnlyList<string> Holders => [.. Readers.SelectMany(o => Permissions.Table[o]).Distinct().Order().Select(HolderNames.Vietnamese)];
}

/// <summary>
/// The documents of the personal data (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP): the record of processing made from
/// the configuration (kinds, purposes, where kept, how long, who has access), and a person's export.
/// </summary>
public static class PersonalDataDocuments
{
    /// <summary>The kinds of personal data, with the periods of "Privacy:Retention".</summary>
    public static IReadOnlyList<PersonalDataKind> Kinds(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Retention;
        const string Meeting = "Redis (trạng thái và sự kiện của hội nghị) và cơ sở dữ liệu hồ sơ (hội nghị đã lưu trữ)";
        return
        [
            new("Họ và tên, thôn/tổ dân phố của người phát biểu, người hỏi, người kiến nghị",
                "Điều hành hội nghị đối thoại, lập biên bản và thông báo kết luận, theo dõi giải quyết kiến nghị", Meeting + "; hồ sơ kiến nghị",
                $"Trong biên bản và thông báo kết luận đã ký: theo quy định về lưu trữ; bản sao trên Redis: {PrivacyOptions.Days(r.LiveCopy)} kể từ khi hội nghị được lưu trữ; phần còn lại: đến khi người dân yêu cầu xóa",
                [Operation.CatchUpEvents, Operation.DownloadMinutes, Operation.ManageFollowUp, Operation.AnswerAsUnit, Operation.OverseeFollowUp]),
            new("Số điện thoại (khi người dân đồng ý để được gọi lại)", "Gọi lại để trả lời, theo dõi giải quyết kiến nghị", Meeting,
                $"{PrivacyOptions.Days(r.PhoneNumbers)} kể từ khi kết thúc theo dõi kiến nghị của hội nghị",
                [Operation.OpenRegistrationDesk, Operation.AnswerPersonalDataRequests]),
            new("Giọng nói (bản ghi âm lượt phát biểu, khi người phát biểu đồng ý)", "Thư ký nghe lại để hoàn thiện biên bản",
                "Tệp trên máy chủ (thư mục dữ liệu/audio)", $"{PrivacyOptions.Days(r.TurnRecordings)} kể từ khi hội nghị được lưu trữ",
                [Operation.ListenToRecordings]),
            new("Ảnh gửi kèm câu hỏi", "Làm rõ nội dung câu hỏi, kiến nghị", "Tệp trên máy chủ (thư mục dữ liệu/attachments)",
                $"{PrivacyOptions.Days(r.Photos)} kể từ khi hội nghị được lưu trữ", [Operation.ViewPhoto]),
            new("Nhật ký thao tác và truy cập dữ liệu cá nhân", "Biết ai đã xem, nghe, tải dữ liệu nào; phát hiện và xử lý vi phạm",
                Meeting, $"Theo hội nghị; bản sao trên Redis: {PrivacyOptions.Days(r.LiveCopy)} kể từ khi hội nghị được lưu trữ", [Operation.ReadAudit]),
        ];
    }

    /// <summary>The record of processing (hồ sơ ghi nhận hoạt động xử lý dữ liệu cá nhân), dated <paramref name="today"/>.</summary>
    public static byte[] RecordOfProcessing(PrivacyOptions options, DateOnly today)
    {
        var kinds = Kinds(options);
        var content = new List<OpenXmlElement>();
        content.AddRange(OfficialLayout.Title("HỒ SƠ GHI NHẬN HOẠT ĐỘNG XỬ LÝ DỮ LIỆU CÁ NHÂN", "Phần mềm điều hành hội nghị đối thoại với Nhân dân"));
        content.Add(Para(Layout.Body, $"Lập ngày {VietnamTime.LongDate(today)}, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP, làm cơ sở cho đánh giá tác động xử lý dữ liệu cá nhân."));
        content.Add(Para(Layout.Body, "Bên kiểm soát và xử lý dữ liệu: Ủy ban nhân dân xã (Văn phòng HĐND-UBND). Người dân được thông báo trước khi đăng ký phát biểu hoặc gửi câu hỏi; số điện thoại và ghi âm giọng nói chỉ được thu thập khi người dân đồng ý."));
        content.Add(OfficialLayout.Heading("I. CÁC LOẠI DỮ LIỆU, MỤC ĐÍCH, NƠI LƯU, THỜI HẠN LƯU VÀ NGƯỜI ĐƯỢC TRUY CẬP"));
        content.Add(Ruled([500, 1900, 1900, 1500, 1900, 1654],
            ["STT", "Loại dữ liệu", "Mục đích", "Nơi lưu", "Thời hạn lưu", "Người được truy cập"],
            kinds.Select((k, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), k.Name, k.Purpose, k.Stored, k.Retention, string.Join(", ", k.Holders)]),
            size: 11));
        content.Add(OfficialLayout.Heading("II. BẢO ĐẢM AN TOÀN VÀ QUYỀN CỦA NGƯỜI DÂN"));
        foreach (var line in new[]
                 {
                     "Việc xóa theo thời hạn được thực hiện tự động hằng ngày trên mọi nơi lưu; mỗi lần chạy được ghi vào nhật ký của văn phòng. Bản sao lưu cũ hết hiệu lực theo vòng sao lưu.",
                     "Người dân được yêu cầu xem, nhận bản sao, sửa hoặc xóa dữ liệu của mình tại văn phòng; nội dung trong biên bản và thông báo kết luận đã ký là văn bản công, được giữ nguyên. Mỗi yêu cầu và kết quả được ghi vào nhật ký.",
                     "Khi phát hiện vi phạm dữ liệu cá nhân, văn phòng thông báo cho cơ quan chuyên trách bảo vệ dữ liệu cá nhân (Bộ Công an) trong vòng 72 giờ.",
                 })
            content.Add(Para(Layout.Body, line));
        return Package(content);
    }

    /// <summary>A person's export: every entry found about them, store by store, readable on paper.</summary>
    public static byte[] Export(PersonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = new List<OpenXmlElement>();
        content.AddRange(OfficialLayout.Title("DỮ LIỆU CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ", $"Theo yêu cầu của {report.Query.Name ?? "người dân"}"));
        content.Add(Para(Layout.Body, $"Tra cứu theo họ tên: {report.Query.Name ?? "(không)"}; số điện thoại: {report.Query.Phone ?? "(không)"}; lúc {VietnamTime.Moment(report.At)}. Tìm thấy {report.Findings.Count} mục."));
        content.Add(Ruled([500, 1800, 1500, 1700, 1200, 2654],
            ["STT", "Hội nghị", "Loại", "Họ tên, thôn/TDP", "Số điện thoại", "Nội dung"],
            report.Findings.Select((f, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{f.Meeting} ({StoreName(f.Store)})", f.Kind,
                f.Locality is { } l ? $"{f.Name}, {l}" : f.Name ?? "", f.Phone ?? "",
                (f.Text ?? "") + (f.Files.Count > 0 ? $" [tệp: {string.Join(", ", f.Files)}]" : "") + (f.InSignedDocument ? " (có trong văn bản đã ký)" : "")]),
            size: 11));
        return Package(content);
    }

    public static string StoreName(string store) => store switch
    {
        "records" => "hồ sơ đã lưu trữ",
        "live" => "dữ liệu trực tiếp",
        "follow-up" => "theo dõi kiến nghị",
        "pre-meeting" => "kiến nghị trước hội nghị",
        _ => store,
    };
}
