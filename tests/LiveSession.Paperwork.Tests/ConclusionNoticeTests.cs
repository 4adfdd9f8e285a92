using DocumentFormat.OpenXml.Wordprocessing;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

public class ConclusionNoticeTests
{
    private static readonly Docx Notice = AdministrativeFormatTests.Build("notice");

    [Fact]
    public void Number_date_of_drafting_title_and_subject()
    {
        var numberRow = Docx.Cells(Notice.Tables[0].Elements<TableRow>().ElementAt(1));
        Assert.Equal(["Số: ……/TB-UBND", "An Hưng, ngày 17 tháng 3 năm 2025"], numberRow);
        Assert.True(Docx.AllBold(Notice.Paragraph("THÔNG BÁO")));
        Assert.True(Docx.AllBold(Notice.Paragraph($"Kết luận của Chủ tịch Ủy ban nhân dân xã An Hưng tại {M.Title}")));
    }

    [Fact]
    public void Introduction_names_the_date_venue_chair_and_attendance()
    {
        Assert.Contains("Ngày 15 tháng 3 năm 2025, tại Hội trường UBND xã An Hưng, đồng chí Nguyễn Văn Chủ, Chủ tịch Ủy ban nhân dân xã An Hưng đã chủ trì "
            + $"{M.Title} (hình thức trực tiếp kết hợp trực tuyến). Tham dự hội nghị có 115 người (Đại biểu, cán bộ, công chức: 18; Khách mời: 12; "
            + "Nhân dân Thôn Đông: 45; Nhân dân Thôn Tây: 40).", Notice.Paragraphs);
    }

    [Fact]
    public void Every_kien_nghi_with_its_answer_or_unit_and_deadline_grouped_by_resolution()
    {
        var p = Notice.Paragraphs;
        var answered = Notice.IndexOf("I. CÁC KIẾN NGHỊ ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ");
        Assert.Equal("1. Nguyễn Văn An (Thôn Đông) kiến nghị: Đề nghị bê tông hóa tuyến đường liên thôn Đông – Tây (lĩnh vực: Giao thông).", p[answered + 1]);
        Assert.Equal($"Trả lời (Lê Thị Hoa, Phó Chủ tịch UBND xã): {M.RoadAnswer}", p[answered + 2]);
        Assert.Equal($"2. Phạm Thị Dung (Thôn Nam, gửi trước hội nghị) kiến nghị: {M.CollectedPetition} (lĩnh vực: Chính sách).", p[answered + 3]);
        Assert.Equal($"Trả lời: {M.CollectedAnswer}", p[answered + 4]);

        var assigned = Notice.IndexOf("II. CÁC KIẾN NGHỊ GIAO ĐƠN VỊ GIẢI QUYẾT");
        Assert.StartsWith("1. Trần Thị Bình (Thôn Tây) kiến nghị: Đề nghị sớm cấp giấy chứng nhận", p[assigned + 1]);
        Assert.Equal($"Trả lời (Vũ Văn Hải, Công chức Địa chính – Xây dựng): {M.HaiCorrected}", p[assigned + 2]);
        Assert.Equal("Kết luận: Giao Công chức Địa chính – Xây dựng giải quyết, thời hạn hoàn thành: 30/04/2025.", p[assigned + 3]);

        // A written answer is due 5 working days after the notice: Monday 17 → Monday 24 March 2025.
        var written = Notice.IndexOf("III. CÁC KIẾN NGHỊ TRẢ LỜI BẰNG VĂN BẢN");
        Assert.Equal("1. Lê Văn Cường (Tổ dân phố 3) kiến nghị: Đề nghị xử lý tình trạng ô nhiễm từ cơ sở chăn nuôi tại Tổ dân phố 3 (lĩnh vực: Môi trường).", p[written + 1]);
        Assert.Equal("Kết luận: Giao Công chức Nông nghiệp – Môi trường trả lời bằng văn bản cho công dân trong 05 ngày làm việc kể từ ngày ban hành Thông báo này, chậm nhất ngày 24/03/2025.", p[written + 2]);

        // Questions outside the meeting's content, asked aloud or from a phone, are answered in writing like the others.
        Assert.Equal($"2. Lý Văn Khải (Thôn Tây, câu hỏi ngoài nội dung hội nghị) kiến nghị: {M.OffTopicQuestion} (lĩnh vực: Bảo hiểm xã hội).", p[written + 3]);
        Assert.Equal($"Kết luận: Giao {M.OffTopicUnit} trả lời bằng văn bản cho công dân trong 05 ngày làm việc kể từ ngày ban hành Thông báo này, chậm nhất ngày 24/03/2025.", p[written + 4]);
        Assert.Equal($"3. Đỗ Thị Giang (Thôn Trung, câu hỏi bằng văn bản ngoài nội dung hội nghị) kiến nghị: {M.WrittenQuestion} (lĩnh vực: Giao thông).", p[written + 5]);
        Assert.StartsWith($"Kết luận: Giao {M.WrittenQuestionUnit} trả lời bằng văn bản", p[written + 6]);

        Assert.True(answered < assigned && assigned < written && written < Notice.IndexOf("IV. TỔ CHỨC THỰC HIỆN"));
        Assert.DoesNotContain("CHƯA CÓ KẾT LUẬN", Notice.Text);
    }

    [Fact]
    public void Open_and_escalated_kien_nghi_get_their_own_sections()
    {
        var m = M.Played(close: false);
        m.Do(new MarkPetition("t7", "Đề nghị công khai tiến độ dự án đường liên thôn"), Actor.Secretary)
         .Do(new MarkPetition("t3", "Đề nghị hỗ trợ kinh phí đo đạc"), Actor.Secretary)
         .Do(new ResolvePetition("k8", PetitionResolution.Escalated, "UBND tỉnh"), Actor.Secretary);
        var docx = new Docx(ConclusionNotice.Build(m.Context()));
        var escalated = docx.IndexOf("IV. CÁC KIẾN NGHỊ ĐỀ XUẤT CẤP TRÊN GIẢI QUYẾT");
        Assert.Equal("Kết luận: Đề xuất UBND tỉnh xem xét, giải quyết theo thẩm quyền.", docx.Paragraphs[escalated + 2]);
        var open = docx.IndexOf("V. CÁC KIẾN NGHỊ CHƯA CÓ KẾT LUẬN");
        Assert.Equal("Kết luận: Chưa có kết luận.", docx.Paragraphs[open + 2]);
        Assert.True(docx.IndexOf("VI. TỔ CHỨC THỰC HIỆN") > open);
    }

    [Fact]
    public void Closing_signature_of_the_chairman_for_the_committee_and_recipients()
    {
        var p = Notice.Paragraphs;
        Assert.Contains("2. Đề nghị Ủy ban MTTQ Việt Nam xã An Hưng giám sát việc thực hiện các nội dung kết luận tại hội nghị.", p);
        Assert.Contains("Ủy ban nhân dân xã An Hưng thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.", p);

        var last = Docx.Cells(Notice.Tables[^1].Elements<TableRow>().Single());
        Assert.Equal(
            "Nơi nhận:\n- Thường trực Đảng ủy xã;\n- Thường trực HĐND xã;\n- Ủy ban MTTQ Việt Nam xã An Hưng;\n"
            + "- Công chức Địa chính – Xây dựng;\n- Công chức Nông nghiệp – Môi trường;\n- Bảo hiểm xã hội huyện;\n- Công an xã;\n- Lưu: VT.", last[0]);
        Assert.StartsWith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n", last[1]);
        Assert.EndsWith("\nNguyễn Văn Chủ", last[1]);
        Assert.True(Docx.AllBold(Notice.Paragraph("TM. ỦY BAN NHÂN DÂN")));
    }

    [Fact]
    public void Mat_tran_already_among_the_recipients_is_not_added_twice_and_units_appear_once()
    {
        var m = M.Played(close: false);
        m.Do(new SetPaperworkDetails("Ủy ban nhân dân xã An Hưng", null, "An Hưng", "Chủ tịch UBND xã",
                ["- UBMTTQ xã;", "Công chức Địa chính – Xây dựng", "Lưu: VT"]), Actor.Secretary)
         .Do(new MarkPetition("t7", "Đề nghị đo đạc lại thửa đất"), Actor.Secretary)
         .Do(new ResolvePetition("k7", PetitionResolution.Assigned, M.LandUnit, new DateOnly(2025, 5, 15)), Actor.Secretary);
        var docx = new Docx(ConclusionNotice.Build(m.Context()));
        var recipients = Docx.Cells(docx.Tables[^1].Elements<TableRow>().Single())[0];
        Assert.Equal("Nơi nhận:\n- UBMTTQ xã;\n- Công chức Địa chính – Xây dựng;\n- Công chức Nông nghiệp – Môi trường;\n- Bảo hiểm xã hội huyện;\n- Công an xã;\n- Lưu: VT.", recipients);
        // "Chủ tịch UBND xã" already names the body.
        Assert.Contains($"Kết luận của Chủ tịch UBND xã tại {M.Title}", docx.Paragraphs);
    }

    [Theory]
    [InlineData("Chủ tịch", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH")]
    [InlineData("Phó Chủ tịch UBND xã", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH")]
    [InlineData("Chánh Văn phòng HĐND và UBND", "TL. CHỦ TỊCH|CHÁNH VĂN PHÒNG HĐND VÀ UBND")]
    public void Signing_capacity_follows_ND30(string title, string expected) =>
        Assert.Equal(expected.Split('|'), ConclusionNotice.Capacity(title));
}
