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

    /// <summary>The commune as the office's latest meeting names it (what /office gives the register's letters).</summary>
    private static readonly Issuer AnHung = Issuer.From(M.Played().State);

    /// <summary>Đối thoại gián tiếp: a kiến nghị that came in by e-mail on 5 March 2025, outside any meeting, answered by its unit.</summary>
    private static readonly FollowedPetition ByEmail = new("g1", IndirectPetition, "Văn hóa", "Hoàng Văn Em", "Thôn Bắc",
        PetitionResolution.WrittenAnswer, IndirectUnit, new DateOnly(2025, 3, 31), IndirectAnswer, FollowUpStatus.Answered,
        Started: true, ReceivedOn: new DateOnly(2025, 3, 5), Source: PetitionSource.Email);

    internal const string IndirectPetition = "Đề nghị hỗ trợ kinh phí sửa mái nhà văn hóa thôn Bắc bị dột";
    internal const string IndirectUnit = "Công chức Văn hóa – Xã hội";
    internal const string IndirectAnswer = "Ủy ban nhân dân xã hỗ trợ 20 triệu đồng để sửa mái nhà văn hóa trong quý II/2025.";

    public static TheoryData<string> Letters => new() { "answer", "proposal", "indirect-answer", "indirect-proposal" };

    private static byte[] Build(string letter) => letter switch
    {
        "answer" => FollowUpLetters.WrittenAnswer(Context, Pollution, new DateOnly(2025, 3, 17)),
        "proposal" => FollowUpLetters.Proposal(Context, Highway),
        "indirect-answer" => FollowUpLetters.WrittenAnswer(AnHung, ByEmail, new DateOnly(2025, 3, 24)),
        _ => FollowUpLetters.Proposal(AnHung with { SuperiorBody = "Ủy ban nhân dân huyện Yên Lạc" },
            ByEmail with { Status = FollowUpStatus.Escalated, Answer = null, Source = PetitionSource.FatherlandFront }, new DateOnly(2025, 3, 24)),
    };

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

    [Fact]
    public void The_answer_to_a_kien_nghi_received_by_email_cites_how_and_when_it_came_in_and_no_meeting()
    {
        var docx = new Docx(Build("indirect-answer"));
        var header = docx.Tables[0].Elements<TableRow>().ToList();
        Assert.Contains("ỦY BAN NHÂN DÂN XÃ AN HƯNG", Docx.Cells(header[0])[0]);
        Assert.Contains(IndirectUnit.ToUpperInvariant(), Docx.Cells(header[0])[0]);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Docx.Cells(header[0])[1]);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", Docx.Cells(header[0])[1]);
        Assert.Equal(["Số: ……/…", "V/v trả lời kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc)"], Docx.Cells(header[1])[0].Split('\n'));
        Assert.Equal("An Hưng, ngày 24 tháng 3 năm 2025", Docx.Cells(header[1])[1]);

        var p = docx.Paragraphs;
        var to = docx.IndexOf("Kính gửi:");
        Assert.Equal(["- Chủ tịch Ủy ban nhân dân xã An Hưng;", "- ông/bà Hoàng Văn Em (Thôn Bắc);", "- Ban Thường trực Ủy ban MTTQ Việt Nam xã An Hưng;"],
            p.Skip(to + 1).Take(3));
        Assert.Contains("Ngày 05/03/2025, Ủy ban nhân dân xã An Hưng nhận được thư điện tử của ông/bà Hoàng Văn Em (Thôn Bắc). "
            + $"Ủy ban nhân dân xã An Hưng đã giao {IndirectUnit} xem xét, giải quyết. {IndirectUnit} trả lời như sau:", p);
        Assert.Contains($"Nội dung kiến nghị: {IndirectPetition}.", p);
        Assert.Contains($"Trả lời: {IndirectAnswer}", p);
        Assert.Contains($"{IndirectUnit} trả lời để ông/bà Hoàng Văn Em (Thôn Bắc) được biết; đồng thời báo cáo Chủ tịch Ủy ban nhân dân xã An Hưng và gửi Ủy ban MTTQ Việt Nam xã An Hưng để giám sát theo quy định./.", p);
        Assert.Equal(["Nơi nhận:", "- Như trên;", "- Lưu: VT."], p.Skip(docx.IndexOf("Nơi nhận:")).Take(3));
        Assert.Contains("THỦ TRƯỞNG ĐƠN VỊ", p);
        // Received by e-mail, not at a meeting: nothing of a meeting's letter is left in it.
        Assert.DoesNotContain("hội nghị", docx.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Thông báo", docx.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PetitionSource.Email, "nhận được thư điện tử của ông/bà Hoàng Văn Em (Thôn Bắc).")]
    [InlineData(PetitionSource.Direct, "nhận được đơn, thư của ông/bà Hoàng Văn Em (Thôn Bắc) gửi trực tiếp.")]
    [InlineData(PetitionSource.FatherlandFront, "nhận được kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc) do Ủy ban MTTQ Việt Nam xã An Hưng chuyển đến.")]
    [InlineData(PetitionSource.MassOrganisation, "nhận được kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc) do đoàn thể chuyển đến.")]
    [InlineData(PetitionSource.VillageHead, "nhận được kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc) do trưởng thôn, tổ trưởng tổ dân phố chuyển đến.")]
    public void The_indirect_answer_says_how_the_kien_nghi_came_in(PetitionSource source, string received)
    {
        var p = new Docx(FollowUpLetters.WrittenAnswer(AnHung, ByEmail with { Source = source, ReceivedOn = new DateOnly(2025, 2, 28) }, new DateOnly(2025, 3, 24))).Paragraphs;
        Assert.Contains(p, l => l.StartsWith($"Ngày 28/02/2025, Ủy ban nhân dân xã An Hưng {received}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_indirect_kien_nghi_passed_up_is_proposed_citing_how_it_came_in_signed_for_the_committee()
    {
        var docx = new Docx(Build("indirect-proposal"));
        var p = docx.Paragraphs;
        Assert.Contains("V/v đề xuất giải quyết kiến nghị của công dân", Docx.Cells(docx.Tables[0].Elements<TableRow>().ToList()[1])[0]);
        Assert.Contains("Kính gửi: Ủy ban nhân dân huyện Yên Lạc", p); // the level above the commune, not the unit that passed it up
        Assert.DoesNotContain(IndirectUnit, docx.Text, StringComparison.Ordinal);
        Assert.Contains($"Ngày 05/03/2025, Ủy ban nhân dân xã An Hưng nhận được kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc) do Ủy ban MTTQ Việt Nam xã An Hưng chuyển đến, nội dung: {IndirectPetition}.", p);
        Assert.Contains("TM. ỦY BAN NHÂN DÂN", p);
        Assert.Contains(M.Chair, p);
        Assert.DoesNotContain("hội nghị", docx.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_kien_nghi_raised_at_a_meeting_has_no_indirect_answer() =>
        Assert.Throws<ArgumentException>(() => FollowUpLetters.WrittenAnswer(AnHung, Pollution, new DateOnly(2025, 3, 24)));

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
        Assert.Contains(letter.EndsWith("answer", StringComparison.Ordinal) ? "THỦ TRƯỞNG ĐƠN VỊ" : "Nguyễn Văn Chủ", text);
        if (letter == "indirect-answer")
        {
            Assert.Contains("V/v trả lời kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc)", text);
            Assert.Contains("Ngày 05/03/2025, Ủy ban nhân dân xã An Hưng nhận được thư điện tử", text);
            Assert.Contains("Nơi nhận:", text);
            Assert.DoesNotContain("\uFFFD", text);
        }
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
