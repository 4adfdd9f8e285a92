namespace LiveSession.Domain.Agenda;

/// <summary>One step of the agenda (trình tự), with planned minutes and the times it actually ran.</summary>
public sealed record AgendaItem(string Id, string Title, int PlannedMinutes, DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null)
{
    public bool IsDone => EndedAt is not null;
}

/// <summary>The default trình tự of a dialogue conference (DOMAIN.md), editable per meeting.</summary>
public static class AgendaTemplate
{
    public const int MaxItems = 40;

    public static IReadOnlyList<(string Title, int PlannedMinutes)> Default { get; } =
    [
        ("Ổn định tổ chức; tuyên bố lý do; giới thiệu đại biểu, thành phần, chương trình, nội quy", 10),
        ("Giới thiệu chủ trì; cử thư ký ghi biên bản; phân công tổng hợp ý kiến; đăng ký phát biểu", 5),
        ("Chủ trì thông báo mục đích, yêu cầu, nội dung hội nghị", 5),
        ("Báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh", 20),
        ("Báo cáo trả lời các kiến nghị đã thu thập trước hội nghị", 20),
        ("Nhân dân phát biểu ý kiến", 90),
        ("Chủ trì trả lời hoặc giao bộ phận liên quan giải trình", 40),
        ("Chủ trì kết luận hội nghị", 15),
        ("Phiếu lấy ý kiến hài lòng", 10),
    ];
}
