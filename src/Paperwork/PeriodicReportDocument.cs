using System.Globalization;
using DocumentFormat.OpenXml;
using LiveSession.Records;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The 6-month or yearly report to HĐND and the level above (NĐ 30 layout): meetings held by kind,
/// kiến nghị by field, how they were resolved, and the satisfaction survey; the same figures as the CSV.
/// </summary>
public static class PeriodicReportDocument
{
    public const string Symbol = "BC-UBND";

    public static byte[] Build(PeriodicReport report, Issuer issuer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(issuer);
        return Package(Content(report, issuer, today));
    }

    /// <summary>"6 tháng đầu năm 2025", "năm 2025", or the dates of any other period.</summary>
    public static string PeriodName(DateOnly from, DateOnly to)
    {
        if (from.Year == to.Year && from is { Month: 1, Day: 1 })
        {
            if (to is { Month: 6, Day: 30 }) return $"6 tháng đầu năm {from.Year}";
            if (to is { Month: 12, Day: 31 }) return $"năm {from.Year}";
        }
        if (from.Year == to.Year && from is { Month: 7, Day: 1 } && to is { Month: 12, Day: 31 }) return $"6 tháng cuối năm {from.Year}";
        return $"từ ngày {VietnamTime.ShortDate(from)} đến ngày {VietnamTime.ShortDate(to)}";
    }

    /// <summary>The resolution figures with their share of all kiến nghị, as the report's table shows them.</summary>
    public static IReadOnlyList<(string Result, int Count)> Results(PeriodicReport report) =>
    [
        ("Trả lời trực tiếp tại hội nghị", report.AnsweredOnTheSpot),
        ("Trả lời, giải quyết sau hội nghị", report.AnsweredLater),
        ("Chuyển cấp trên giải quyết", report.Escalated),
        ("Quá hạn, chưa giải quyết", report.Overdue),
        ("Đang giải quyết, còn trong hạn", report.StillOpen),
    ];

    private static IEnumerable<OpenXmlElement> Content(PeriodicReport report, Issuer issuer, DateOnly today)
    {
        var period = PeriodName(report.From, report.To);
        yield return OfficialLayout.Header(issuer, Symbol, today);
        foreach (var e in OfficialLayout.Title("BÁO CÁO", $"Kết quả tổ chức hội nghị đối thoại và giải quyết kiến nghị của Nhân dân {period}")) yield return e;
        yield return Para(Layout.Body,
            $"{issuer.IssuingBody} báo cáo kết quả tổ chức hội nghị đối thoại với Nhân dân và giải quyết các kiến nghị {period} (từ ngày {VietnamTime.ShortDate(report.From)} đến ngày {VietnamTime.ShortDate(report.To)}) như sau:");

        yield return OfficialLayout.Heading("I. KẾT QUẢ TỔ CHỨC HỘI NGHỊ");
        yield return Para(Layout.Body, report.Meetings == 0
            ? "Trong kỳ không tổ chức hội nghị đối thoại nào."
            : $"Trong kỳ đã tổ chức {report.Meetings} hội nghị đối thoại ({string.Join("; ", report.MeetingsByKind.Select(k => $"{k.Key.ToLowerInvariant()}: {k.Value}"))}).");
        if (report.Meetings > 0)
            yield return Ruled([800, 5554, 3000], ["STT", "Loại hội nghị", "Số hội nghị"],
                [.. report.MeetingsByKind.Select((k, i) => (IReadOnlyList<string>)[$"{i + 1}", k.Key, $"{k.Value}"]), ["", "Tổng cộng", $"{report.Meetings}"]]);

        yield return OfficialLayout.Heading("II. KIẾN NGHỊ CỦA NHÂN DÂN THEO LĨNH VỰC");
        yield return Para(Layout.Body, $"Tổng số kiến nghị đã tiếp nhận: {report.Petitions}.");
        if (report.Petitions > 0)
            yield return Ruled([800, 5554, 3000], ["STT", "Lĩnh vực", "Số kiến nghị"],
                [.. report.PetitionsByField.Select((f, i) => (IReadOnlyList<string>)[$"{i + 1}", f.Key, $"{f.Value}"]), ["", "Tổng cộng", $"{report.Petitions}"]]);

        yield return OfficialLayout.Heading("III. KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ");
        yield return Ruled([800, 4554, 2000, 2000], ["STT", "Kết quả", "Số kiến nghị", "Tỷ lệ (%)"],
            Results(report).Select((r, i) => (IReadOnlyList<string>)[$"{i + 1}", r.Result, $"{r.Count}", Percent(r.Count, report.Petitions)]));

        yield return OfficialLayout.Heading("IV. MỨC ĐỘ HÀI LÒNG CỦA NHÂN DÂN");
        yield return Para(Layout.Body, report.SurveyAnswers == 0
            ? "Trong kỳ không có phiếu lấy ý kiến hài lòng."
            : $"Số phiếu lấy ý kiến: {report.SurveyAnswers}; điểm hài lòng trung bình: {Decimal(report.AverageSatisfaction ?? 0)}/5.");

        yield return OfficialLayout.Heading("V. ĐỐI THOẠI GIÁN TIẾP");
        yield return Para(Layout.Body, report.IndirectReceived == 0
            ? "Trong kỳ không tiếp nhận kiến nghị nào ngoài hội nghị."
            : $"Tiếp nhận {report.IndirectReceived} kiến nghị ngoài hội nghị (qua thư, thư điện tử, Ủy ban MTTQ); đã trả lời bằng văn bản {report.IndirectAnswered}.");

        yield return Para(Layout.Body with { KeepNext = true, Before = 120 }, $"Trên đây là báo cáo {period} của {issuer.IssuingBody}./.");
        // Seed 000: reported before the HĐND of the same level, and sent to the UBND above through its office.
        var council = issuer.IssuingBody.Replace("Ủy ban nhân dân", "Hội đồng nhân dân", StringComparison.OrdinalIgnoreCase);
        yield return OfficialLayout.RecipientsAndSignature(
            [$"Thường trực {council}", $"{issuer.SuperiorBody ?? "Ủy ban nhân dân cấp trên"} (qua Văn phòng)", "Ủy ban MTTQ Việt Nam cùng cấp"], issuer.SignerTitle, issuer.SignerName);
    }

    /// <summary>One decimal with the Vietnamese decimal comma ("66,7"), whatever the server's culture.</summary>
    private static string Decimal(double value) => SurveyText.OneDecimal(value);

    private static string Percent(int count, int total) => total == 0 ? "–" : Decimal(100.0 * count / total);
}
