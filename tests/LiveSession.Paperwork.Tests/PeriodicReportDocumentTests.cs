using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Records;

namespace LiveSession.Paperwork.Tests;

public class PeriodicReportDocumentTests
{
    private static readonly PeriodicReport Report = new(
        new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30),
        new Dictionary<string, int> { ["Chuyên đề"] = 1, ["Định kỳ"] = 2 },
        new Dictionary<string, int> { ["Đất đai"] = 3, ["Giao thông"] = 2, ["Môi trường"] = 1 },
        AnsweredOnTheSpot: 2, AnsweredLater: 1, Escalated: 1, Overdue: 1, StillOpen: 1, SurveyAnswers: 4, AverageSatisfaction: 4.25);

    private static readonly Issuer AnHung = new("Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch", "Nguyễn Văn Chủ");

    [Theory]
    [InlineData(2025, 1, 1, 2025, 6, 30, "6 tháng đầu năm 2025")]
    [InlineData(2025, 7, 1, 2025, 12, 31, "6 tháng cuối năm 2025")]
    [InlineData(2025, 1, 1, 2025, 12, 31, "năm 2025")]
    [InlineData(2025, 3, 1, 2025, 5, 31, "từ ngày 01/03/2025 đến ngày 31/05/2025")]
    public void The_period_is_named_as_reports_name_it(int y1, int m1, int d1, int y2, int m2, int d2, string name) =>
        Assert.Equal(name, PeriodicReportDocument.PeriodName(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));

    [Fact]
    public void The_report_has_the_ND30_header_and_every_figure_of_the_csv()
    {
        var docx = new Docx(PeriodicReportDocument.Build(Report, AnHung, new DateOnly(2025, 7, 3)));

        var header = docx.Tables[0].Elements<TableRow>().ToList();
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Docx.Cells(header[0])[1]);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", Docx.Cells(header[0])[1]);
        Assert.Equal(["Số: ……/BC-UBND", "An Hưng, ngày 03 tháng 7 năm 2025"], Docx.Cells(header[1]));
        Assert.True(Docx.AllBold(docx.Paragraph("BÁO CÁO")));
        Assert.Contains("Kết quả tổ chức hội nghị đối thoại và giải quyết kiến nghị của Nhân dân 6 tháng đầu năm 2025", docx.Paragraphs);
        Assert.Contains("Trong kỳ đã tổ chức 3 hội nghị đối thoại (chuyên đề: 1; định kỳ: 2).", docx.Paragraphs);
        Assert.Contains("Tổng số kiến nghị đã tiếp nhận: 6.", docx.Paragraphs);

        var results = docx.Tables[3].Elements<TableRow>().Skip(1).Select(Docx.Cells).ToList();
        Assert.Equal(
            [["1", "Trả lời trực tiếp tại hội nghị", "2", "33,3"], ["2", "Trả lời, giải quyết sau hội nghị", "1", "16,7"], ["3", "Chuyển cấp trên giải quyết", "1", "16,7"],
             ["4", "Quá hạn, chưa giải quyết", "1", "16,7"], ["5", "Đang giải quyết, còn trong hạn", "1", "16,7"]],
            results);
        Assert.Equal(["", "Tổng cộng", "6"], Docx.Cells(docx.Tables[2].Elements<TableRow>().Last()));
        Assert.Contains("Số phiếu lấy ý kiến: 4; điểm hài lòng trung bình: 4,3/5.", docx.Paragraphs);
        Assert.Contains("Nơi nhận:", docx.Paragraphs);
        Assert.Contains("- Thường trực Hội đồng nhân dân xã An Hưng;", docx.Paragraphs);
        Assert.Contains("- Ủy ban nhân dân cấp trên (qua Văn phòng);", docx.Paragraphs);
        Assert.Contains("Nguyễn Văn Chủ", docx.Paragraphs);
    }
}
