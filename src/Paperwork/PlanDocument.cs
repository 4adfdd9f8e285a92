using LiveSession.Domain.FollowUp;
using DocumentFormat.OpenXml;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The kế hoạch of a meeting with its phân công, as it stands in the system: time, venue and form, the
/// composition by quota, the agenda, who answers which field, and who prepares the answers to the
/// kiến nghị collected beforehand.
/// </summary>
public static class PlanDocument
{
    public const string Symbol = "KH-UBND";

    public static byte[] Build(DocumentContext context, IReadOnlyList<PreMeetingItem> preMeeting)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(preMeeting);
        return Package(Content(new DocumentFacts(context), preMeeting, context.Holidays));
    }

    private static IEnumerable<OpenXmlElement> Content(DocumentFacts facts, IReadOnlyList<PreMeetingItem> preMeeting, IReadOnlySet<DateOnly> holidays)
    {
        var state = facts.State;
        var info = facts.Info;
        var planDay = info.NoticeDate ?? VietnamTime.Day(info.ScheduledStart);
        yield return OfficialLayout.Header(facts, Symbol, planDay < facts.MeetingDay ? planDay : facts.MeetingDay);
        foreach (var e in OfficialLayout.Title("KẾ HOẠCH", $"Tổ chức {facts.MeetingName}")) yield return e;

        yield return OfficialLayout.Heading("I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC");
        yield return Para(Layout.Body, $"1. Thời gian: {VietnamTime.Moment(info.ScheduledStart)}.");
        yield return Para(Layout.Body, $"2. Địa điểm: {info.Venue}.");
        yield return Para(Layout.Body, $"3. Hình thức: {facts.FormName}; loại hội nghị: {KindName(info.Kind)}.");
        yield return Para(Layout.Body, info.Kind == MeetingKind.AdHoc
            ? "4. Thông báo công khai: hội nghị đột xuất, không áp dụng thời hạn thông báo trước."
            : $"4. Thông báo công khai trên hệ thống truyền thanh và cổng thông tin điện tử: {(info.NoticeDate is { } notice ? $"ngày {VietnamTime.ShortDate(notice)}" : DocumentFacts.Blank)} "
              + $"(chậm nhất ngày {VietnamTime.ShortDate(PublicNotice.LatestDate(info.Day, holidays))}, {PublicNotice.WorkingDaysAhead} ngày làm việc trước hội nghị).");

        yield return OfficialLayout.Heading("II. THÀNH PHẦN");
        yield return Para(Layout.Body, $"1. Chủ trì: đồng chí {facts.ChairName}, {facts.ChairTitleInFull}.");
        yield return Para(Layout.Body, $"2. Thư ký: {facts.Secretary}.");
        var lines = state.Composition?.Lines(state.Localities) ?? [];
        yield return Para(Layout.Body, state.Composition is null
            ? "3. Nhân dân và các cơ quan, đoàn thể: chưa xác định số lượng."
            : $"3. Nhân dân và các cơ quan, đoàn thể: {lines.Sum(q => q.Count)} người (mỗi thôn, tổ dân phố {state.Composition.PerLocality} người, trừ khi ghi khác), cụ thể:");
        if (lines.Count > 0)
            yield return Ruled([800, 5554, 3000], ["STT", "Thôn, tổ dân phố / cơ quan, đoàn thể", "Số người"],
                lines.Select((q, i) => (IReadOnlyList<string>)[$"{i + 1}", q.Group, $"{q.Count}"]));

        yield return OfficialLayout.Heading("III. CHƯƠNG TRÌNH HỘI NGHỊ");
        foreach (var (item, i) in state.Agenda.Select((a, i) => (a, i + 1)))
            yield return Para(Layout.Body, $"{i}. {item.Title} ({item.PlannedMinutes} phút).");

        yield return OfficialLayout.Heading("IV. PHÂN CÔNG NHIỆM VỤ");
        yield return Para(Layout.Body, "1. Cán bộ trả lời, giải trình tại hội nghị:");
        yield return Ruled([800, 3000, 3354, 2200], ["STT", "Họ và tên", "Chức vụ", "Lĩnh vực"],
            state.Officials.Select((o, i) => (IReadOnlyList<string>)[$"{i + 1}", o.Name.Length > 0 ? o.Name : DocumentFacts.Blank, o.Title, o.Field ?? ""]));
        var cutoff = PreMeetingPetitions.Cutoff(state);
        yield return Para(Layout.Body with { Before = 120 },
            $"2. Thu thập kiến nghị trước hội nghị (trưởng thôn, tổ dân phố; Ủy ban MTTQ; các đoàn thể): hạn cuối ngày {VietnamTime.ShortDate(cutoff)}. Các đơn vị chuẩn bị nội dung trả lời:");
        var units = preMeeting.GroupBy(p => p.PreparingUnit).ToList();
        if (units.Count == 0)
            yield return Para(Layout.Body, new Span("Chưa có kiến nghị gửi trước hội nghị.", Italic: true));
        else
            yield return Ruled([800, 5554, 3000], ["STT", "Đơn vị chuẩn bị trả lời", "Số kiến nghị (đã trả lời)"],
                units.Select((u, i) => (IReadOnlyList<string>)[$"{i + 1}", u.Key, $"{u.Count()} ({u.Count(p => p.PreparedAnswer is not null)})"]));
        yield return Para(Layout.Body with { Before = 120 },
            $"3. Văn phòng HĐND-UBND: chuẩn bị hội trường, gửi giấy mời theo danh sách khách mời, tổng hợp kiến nghị, ghi biên bản; dự thảo thông báo kết luận trong {PetitionRules.WrittenAnswerWorkingDays} ngày làm việc sau hội nghị.");

        yield return OfficialLayout.RecipientsAndSignature([facts.FrontCommittee, .. facts.Recipients], facts.ChairTitle, facts.ChairName);
    }

    internal static string KindName(MeetingKind kind) => kind switch
    {
        MeetingKind.Periodic => "định kỳ",
        MeetingKind.Thematic => "chuyên đề",
        _ => "đột xuất",
    };
}
