using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Minutes;
using LiveSession.Testing;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

/// <summary>The follow-up's công văn: the unit's written answer to a citizen and the commune's proposal to the level above.</summary>
public class FollowUpLettersTests
{
    private static readonly DocumentContext Context = M.Played().Context(today: new DateOnly(2025, 3, 24));

    private static readonly FollowedPetition Pollution = new("k3", M.PollutionPetition, "Môi trường", "Lê Văn Cường", "Tổ dân phố 3",
        PetitionResolution.WrittenAnswer, M.PollutionUnit, null, "Đã kiểm tra cơ sở chăn nuôi ngày 20/3/2025.\nYêu cầu chủ cơ sở xây hầm biogas trước ngày 30/4/2025.",
        FollowUpStatus.Answered, AnswerDue: new DateOnly(2025, 3, 24));

    private static readonly FollowedPetition Highway = new("k5", "Đề nghị nâng cấp đoạn quốc lộ qua Thôn Đông", "Giao thông", "Nguyễn Văn An", "Thôn Đông",
        PetitionResolution.Escalated, "Ủy ban nhân dân huyện Yên Lạc", null, null, FollowUpStatus.Escalated);

    public static TheoryData<string> Letters => new() { "answer", "proposal" };

    private static byte[] Build(string letter) =>
        letter == "answer" ? FollowUpLetters.WrittenAnswer(Context, Pollution, new DateOnly(2025, 3, 17)) : FollowUpLetters.Proposal(Context, Highway);

    [Fact]
    public void The_units_answer_is_its_own_cong_van_to_the_chair_the_citizen_and_the_MTTQ_citing_the_notice()
    {
        var docx = new Docx(Build("answer"));
        var header = docx.Tables[0].Elements<TableRow>().ToList();
        Assert.Contains("ỦY BAN NHÂN DÂN XÃ AN HƯNG", Docx.Cells(header[0])[0]);
        Assert.Contains(M.PollutionUnit.ToUpperInvariant(), Docx.Cells(header[0])[0]);
        Assert.Contains("V/v trả lời kiến nghị của ông/bà Lê Văn Cường (Tổ dân phố 3)", Docx.Cells(header[1])[0]);
        Assert.Equal("An Hưng, ngày 24 tháng 3 năm 2025", Docx.Cells(header[1])[1]);

        var p = docx.Paragraphs;
        var to = docx.IndexOf("Kính gửi:");
        Assert.Equal(["- Chủ tịch Ủy ban nhân dân xã An Hưng;", "- ông/bà Lê Văn Cường (Tổ dân phố 3);", "- Ban Thường trực Ủy ban MTTQ Việt Nam xã An Hưng;"],
            p.Skip(to + 1).Take(3));
        Assert.Contains(p, l => l.StartsWith("Thực hiện Thông báo số ……/TB-UBND ngày 17/03/2025 của Chủ tịch Ủy ban nhân dân xã An Hưng", StringComparison.Ordinal));
        Assert.Contains($"Nội dung kiến nghị: {M.PollutionPetition}.", p);
        Assert.Contains("Trả lời: Đã kiểm tra cơ sở chăn nuôi ngày 20/3/2025.", p);
        Assert.Contains("Yêu cầu chủ cơ sở xây hầm biogas trước ngày 30/4/2025.", p);
        Assert.Contains("THỦ TRƯỞNG ĐƠN VỊ", p);
        Assert.Contains("- Như trên;", p);
    }

    [Fact]
    public void The_proposal_asks_the_level_above_to_settle_and_answer_signed_for_the_committee()
    {
        var docx = new Docx(Build("proposal"));
        var header = docx.Tables[0].Elements<TableRow>().ToList();
        Assert.Equal(["Số: ……/UBND-VP", "An Hưng, ngày 24 tháng 3 năm 2025"], [Docx.Cells(header[1])[0].Split('\n')[0], Docx.Cells(header[1])[1]]);
        Assert.Contains("V/v đề xuất giải quyết kiến nghị của công dân", Docx.Cells(header[1])[0]);
        var p = docx.Paragraphs;
        Assert.Contains("Kính gửi: Ủy ban nhân dân huyện Yên Lạc", p);
        Assert.Contains(p, l => l.Contains("ông/bà Nguyễn Văn An (Thôn Đông) kiến nghị: Đề nghị nâng cấp đoạn quốc lộ qua Thôn Đông.", StringComparison.Ordinal));
        Assert.Contains(p, l => l.StartsWith("Nội dung kiến nghị trên vượt quá thẩm quyền giải quyết của Ủy ban nhân dân xã An Hưng.", StringComparison.Ordinal));
        Assert.Contains("TM. ỦY BAN NHÂN DÂN", p);
        Assert.Contains("Nguyễn Văn Chủ", p);
        Assert.Contains("- Ủy ban MTTQ Việt Nam xã An Hưng;", p);
    }

    [Theory, MemberData(nameof(Letters))]
    public void The_letter_is_valid_for_Word(string letter)
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(Build(letter)), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory, MemberData(nameof(Letters))]
    public async Task LibreOffice_renders_the_letter_on_one_page_with_its_header_and_signature(string letter)
    {
        var docx = Build(letter);
        var pdf = (await PdfRenderingTests.LibreOffice().ConvertAsync(docx))!;
        Assert.Equal(1, Poppler.Pages(pdf));
        var text = string.Join(' ', Poppler.Text(pdf).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Kính gửi", text);
        Assert.Contains(letter == "answer" ? "THỦ TRƯỞNG ĐƠN VỊ" : "Nguyễn Văn Chủ", text);
        await PdfRenderingTests.KeepAsync($"follow-up-{letter}", docx, pdf);
    }

    [Fact]
    public void The_radio_announcement_counts_how_the_kien_nghi_stand_and_names_no_one()
    {
        var meeting = M.Played();
        var followed = new[] { Pollution with { PetitionId = "k3" } };
        var text = PublicationList.Announcement(meeting.Context(), followed);
        Assert.StartsWith($"Ủy ban nhân dân xã An Hưng thông báo kết quả giải quyết kiến nghị của Nhân dân tại {M.Title} ngày 15/03/2025.", text);
        Assert.Contains("Hội nghị đã tiếp nhận 6 kiến nghị: 2 kiến nghị được trả lời ngay tại hội nghị; 1 kiến nghị đã được giải quyết, trả lời bằng văn bản sau hội nghị; "
            + "3 kiến nghị đang được giải quyết; 0 kiến nghị đã đề xuất cấp trên giải quyết.", text);
        foreach (var person in meeting.State.Petitions.Select(p => p.CitizenName)) Assert.DoesNotContain(person, text);
    }

    [Fact]
    public async Task The_report_of_the_meetings_results_goes_to_the_level_above_with_the_figures_and_what_is_proposed_upward()
    {
        var meeting = M.Played();
        meeting.Do(new LiveSession.Domain.Minutes.SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", "Ủy ban nhân dân huyện Yên Lạc", "An Hưng", "Chủ tịch", []), LiveSession.Domain.Meetings.Actor.Secretary);
        var context = meeting.Context(today: new DateOnly(2025, 3, 24));
        var docx = new Docx(MeetingResultsReport.Build(context, [Pollution]));
        var p = docx.Paragraphs;
        Assert.Equal(["- Thường trực Hội đồng nhân dân huyện Yên Lạc;", "- Ủy ban nhân dân huyện Yên Lạc;", "- Chủ tịch Ủy ban nhân dân huyện Yên Lạc;",
            "- Tổ trưởng Tổ đại biểu Hội đồng nhân dân huyện Yên Lạc trên địa bàn xã An Hưng;"], p.Skip(docx.IndexOf("Kính gửi:") + 1).Take(4));
        Assert.Contains(p, l => l.StartsWith("Hội nghị tiếp nhận 6 ý kiến, kiến nghị của Nhân dân, trong đó: trả lời trực tiếp tại hội nghị 2; giao bộ phận chuyên môn giải quyết có thời hạn 1; trả lời bằng văn bản 3;", StringComparison.Ordinal));
        Assert.Contains("Đến ngày 24/03/2025: đã giải quyết, trả lời sau hội nghị 1 kiến nghị; quá hạn chưa giải quyết 0 kiến nghị.", p);
        Assert.Contains("Không có kiến nghị vượt thẩm quyền cần đề xuất cấp trên.", p);
        var pdf = (await PdfRenderingTests.LibreOffice().ConvertAsync(MeetingResultsReport.Build(context, [Pollution])))!;
        Assert.Contains("BÁO CÁO", Poppler.Text(pdf));
        await PdfRenderingTests.KeepAsync("bao-cao-ket-qua-hoi-nghi", MeetingResultsReport.Build(context, [Pollution]), pdf);
    }
}
