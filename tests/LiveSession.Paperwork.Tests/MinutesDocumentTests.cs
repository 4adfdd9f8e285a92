using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Domain.Questions;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

public class MinutesDocumentTests
{
    private static readonly Docx Minutes = AdministrativeFormatTests.Build("minutes");

    [Fact]
    public void Number_place_and_date_title_and_meeting_name()
    {
        var numberRow = Docx.Cells(Minutes.Tables[0].Elements<TableRow>().ElementAt(1));
        Assert.Equal(["Số: ……/BB-UBND", "An Hưng, ngày 15 tháng 3 năm 2025"], numberRow);
        Assert.True(Minutes.Paragraph("An Hưng, ngày 15 tháng 3 năm 2025").Descendants<Run>().All(Docx.IsItalic));
        var title = Minutes.Paragraph("BIÊN BẢN");
        Assert.True(Docx.AllBold(title));
        Assert.Equal(JustificationValues.Center, Docx.Alignment(title));
        // The plan's title already starts with "Hội nghị": it is not repeated.
        Assert.True(Docx.AllBold(Minutes.Paragraph(M.Title)));
    }

    [Fact]
    public void Time_venue_attendance_chair_and_secretary()
    {
        var p = Minutes.Paragraphs;
        Assert.Contains("Thời gian bắt đầu: 08 giờ 00 phút, ngày 15 tháng 3 năm 2025.", p);
        Assert.Contains("Địa điểm: Hội trường UBND xã An Hưng.", p);
        Assert.Contains("Hình thức: trực tiếp kết hợp trực tuyến.", p);
        // From the desk's check-in (the lines typed by hand are for meetings before it); Hội Nông dân xã sent nobody.
        var attendance = Minutes.IndexOf("Thành phần tham dự: tổng số 115 người, gồm:");
        Assert.Equal(
            ["- Đại biểu, cán bộ, công chức: 18 người;", "- Khách mời: 12 người;", "- Nhân dân Thôn Đông: 45 người;", "- Nhân dân Thôn Tây: 40 người."],
            p.Skip(attendance + 1).Take(4));
        Assert.Contains("Chủ trì: Nguyễn Văn Chủ – Chủ tịch Ủy ban nhân dân xã An Hưng.", p);
        Assert.Contains("Thư ký: Trần Thị Thư.", p);
        Assert.True(Minutes.IndexOf("Thời gian bắt đầu") < Minutes.IndexOf("Địa điểm") && Minutes.IndexOf("Thư ký:") < Minutes.IndexOf("Nội dung:"));
    }

    [Fact]
    public void A_meeting_from_before_the_check_in_keeps_the_attendance_typed_by_hand()
    {
        var p = new Docx(MinutesDocument.Build(M.Played(checkIn: false).Context())).Paragraphs;
        Assert.Contains("Thành phần tham dự: tổng số 138 người, gồm:", p);
        Assert.Contains("- Đại biểu khách mời: 12 người;", p);
        Assert.Contains("- Nhân dân thôn Đông: 45 người;", p);
        Assert.Contains("- Tham dự trực tuyến: 23 người.", p);
    }

    [Fact]
    public void Content_follows_the_meeting_step_by_step_with_each_turn_under_its_step()
    {
        var steps = M.Agenda.Select((title, i) => Minutes.IndexOf($"{i + 1}. {title}")).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.True(Minutes.IndexOf("Nội dung:") < steps[0]);

        Assert.InRange(Minutes.IndexOf(M.OpeningNotes), steps[0], steps[1]);
        Assert.InRange(Minutes.IndexOf($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairOpening}"), steps[0], steps[1]);
        Assert.InRange(Minutes.IndexOf("- Lê Thị Hoa, Phó Chủ tịch UBND xã trình bày báo cáo"), steps[1], steps[2]);
        Assert.InRange(Minutes.IndexOf("- Nguyễn Văn An (Thôn Đông) phát biểu về đường giao thông nông thôn: "), steps[2], steps[3]);
        Assert.InRange(Minutes.IndexOf("- Lê Văn Cường (Tổ dân phố 3)"), steps[2], steps[3]);
        Assert.InRange(Minutes.IndexOf("- Vũ Văn Hải, Công chức Địa chính – Xây dựng trả lời"), steps[3], steps[4]);
        Assert.InRange(Minutes.IndexOf($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairCorrected}"), steps[4], int.MaxValue);
        Assert.InRange(Minutes.IndexOf($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairConclusions}"), steps[4], int.MaxValue);
        Assert.True(Minutes.IndexOf("- Trần Thị Bình") < Minutes.IndexOf("- Lê Văn Cường"));
        Assert.True(Docx.IsBold(Minutes.Body.Descendants<Run>().First(r => r.InnerText == "Nguyễn Văn An")));
    }

    [Fact]
    public void Each_turn_shows_its_speaker_kind_and_text_and_a_correction_wins_over_the_machine()
    {
        var p = Minutes.Paragraphs;
        var (first, second) = (M.AnCorrected.Split('\n')[0], M.AnCorrected.Split('\n')[1]);
        var an = Minutes.IndexOf("- Nguyễn Văn An (Thôn Đông) phát biểu");
        Assert.Equal($"- Nguyễn Văn An (Thôn Đông) phát biểu về đường giao thông nông thôn: {first}", p[an]);
        Assert.Equal(second, p[an + 1]);
        Assert.DoesNotContain(M.AnMachine, Minutes.Text);

        Assert.Contains($"- Trần Thị Bình (Thôn Tây) phát biểu về cấp giấy chứng nhận quyền sử dụng đất: {M.BinhMachine}", p);
        Assert.Contains("- Lê Văn Cường (Tổ dân phố 3) phát biểu về ô nhiễm môi trường: (chưa có nội dung)", p);
        Assert.Contains($"- Vũ Văn Hải, Công chức Địa chính – Xây dựng trả lời ý kiến của Trần Thị Bình: {M.HaiCorrected}", p);
        Assert.Contains($"- Lê Thị Hoa, Phó Chủ tịch UBND xã trả lời ý kiến của Nguyễn Văn An: {M.HoaCorrected}", p);
        Assert.Contains($"- Nguyễn Văn An (Thôn Đông) hỏi tiếp: {M.FollowUpCorrected}", p);
        Assert.Contains($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairCorrected}", p);
    }

    [Fact]
    public void The_officials_report_is_a_turn_of_its_own_under_its_step()
    {
        Assert.Contains($"- Lê Thị Hoa, Phó Chủ tịch UBND xã trình bày báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh: {M.ReportMachine}", Minutes.Paragraphs);
    }

    [Fact]
    public void The_chairs_own_words_between_turns_are_in_the_minutes_but_silent_chair_floors_are_not()
    {
        var chair = Minutes.Paragraphs.Where(p => p.StartsWith("- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: ", StringComparison.Ordinal)).ToList();
        // The opening (step 1), the interjection and the conclusions (step 5); the chair's floors where nothing was heard are left out.
        Assert.Equal(3, chair.Count);
        Assert.DoesNotContain(chair, p => p.EndsWith(MinutesDocument.Missing, StringComparison.Ordinal));
    }

    [Fact]
    public void Questions_outside_the_meetings_content_have_their_own_section_answered_in_writing()
    {
        var p = Minutes.Paragraphs;
        var heading = Minutes.IndexOf("7. Các câu hỏi ngoài nội dung hội nghị, trả lời bằng văn bản");
        Assert.True(Minutes.IndexOf("6. Tổng hợp kiến nghị và kết luận của chủ trì hội nghị") < heading && heading < Minutes.IndexOf("Hội nghị kết thúc"));
        Assert.Equal($"7.1. Lý Văn Khải (Thôn Tây, câu hỏi ngoài nội dung hội nghị): {M.OffTopicQuestion} (lĩnh vực: Bảo hiểm xã hội).", p[heading + 1]);
        Assert.StartsWith($"Kết luận: Giao {M.OffTopicUnit} trả lời bằng văn bản cho công dân trong 05 ngày làm việc", p[heading + 2]);
        Assert.Equal($"7.2. Đỗ Thị Giang (Thôn Trung, câu hỏi bằng văn bản ngoài nội dung hội nghị): {M.WrittenQuestion} (lĩnh vực: Giao thông).", p[heading + 3]);
        Assert.StartsWith($"Kết luận: Giao {M.WrittenQuestionUnit} trả lời bằng văn bản", p[heading + 4]);
    }

    [Fact]
    public void Kien_nghi_with_answers_and_the_chairs_resolutions()
    {
        var p = Minutes.Paragraphs;
        var heading = Minutes.IndexOf("6. Tổng hợp kiến nghị và kết luận của chủ trì hội nghị");
        Assert.Equal("6.1. Nguyễn Văn An (Thôn Đông): Đề nghị bê tông hóa tuyến đường liên thôn Đông – Tây (lĩnh vực: Giao thông).", p[heading + 1]);
        Assert.Equal($"Trả lời (Lê Thị Hoa, Phó Chủ tịch UBND xã): {M.RoadAnswer}", p[heading + 2]);
        Assert.Equal("Kết luận: Đã trả lời tại hội nghị.", p[heading + 3]);
        Assert.Equal("6.2. Trần Thị Bình (Thôn Tây): Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho hộ bà Trần Thị Bình (lĩnh vực: Cấp giấy chứng nhận quyền sử dụng đất).", p[heading + 4]);
        Assert.Equal("Kết luận: Giao Công chức Địa chính – Xây dựng giải quyết, thời hạn hoàn thành: 30/04/2025.", p[heading + 6]);
        Assert.Equal("6.3. Lê Văn Cường (Tổ dân phố 3): Đề nghị xử lý tình trạng ô nhiễm từ cơ sở chăn nuôi tại Tổ dân phố 3 (lĩnh vực: Môi trường).", p[heading + 7]);
        Assert.Equal("Kết luận: Giao Công chức Nông nghiệp – Môi trường trả lời bằng văn bản cho công dân trong 05 ngày làm việc kể từ ngày ban hành thông báo kết luận.", p[heading + 8]);
        Assert.Equal($"6.4. Phạm Thị Dung (Thôn Nam, gửi trước hội nghị): {M.CollectedPetition} (lĩnh vực: Chính sách).", p[heading + 9]);
        Assert.Equal($"Trả lời: {M.CollectedAnswer}", p[heading + 10]);
        Assert.Equal("Kết luận: Đã trả lời tại hội nghị.", p[heading + 11]);
    }

    [Fact]
    public void An_approved_written_question_taken_as_kien_nghi_is_listed_with_its_asker()
    {
        var m = M.Played(close: false);
        m.Do(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào tuyến kênh N2 được nạo vét?", "Thủy lợi"), Actor.Participant("p1"))
         .Do(new ApproveQuestion("q2"), Actor.Organizer)
         .Do(new ConvertQuestionToPetition("q2"), Actor.Secretary)                                // k7
         .Do(new ResolvePetition("k7", PetitionResolution.WrittenAnswer, "Công chức Nông nghiệp – Môi trường"), Actor.Secretary);

        var docx = new Docx(MinutesDocument.Build(m.Context()));
        var p = docx.Paragraphs;
        var item = docx.IndexOf("6.5. Đỗ Thị Giang");
        Assert.Equal("6.5. Đỗ Thị Giang (Thôn Trung, câu hỏi bằng văn bản): Khi nào tuyến kênh N2 được nạo vét? (lĩnh vực: Thủy lợi).", p[item]);
        Assert.StartsWith("Kết luận: Giao Công chức Nông nghiệp – Môi trường trả lời bằng văn bản", p[item + 1]);
    }

    [Fact]
    public void The_survey_results_add_the_paper_ballots_to_the_phones_answers_and_state_both_counts()
    {
        var p = Minutes.Paragraphs;
        var heading = Minutes.IndexOf("8. Kết quả lấy phiếu ý kiến hài lòng của Nhân dân");
        Assert.True(heading > Minutes.IndexOf("7. Các câu hỏi ngoài nội dung hội nghị"));
        // 42 ballots: 40 on paper (one with no score) and 2 by phone; 41 scored, averaging 173/41 ≈ 4,2.
        Assert.Equal("Số phiếu lấy ý kiến: 42 (40 phiếu giấy, 2 phiếu trả lời trên điện thoại); điểm hài lòng trung bình: 4,2/5.", p[heading + 1]);
        Assert.Equal(
            ["- Rất hài lòng: 15 phiếu;", "- Hài lòng: 21 phiếu;", "- Bình thường: 4 phiếu;", "- Không hài lòng: 1 phiếu;", "- Rất không hài lòng: 0 phiếu;", "- Không chọn mức hài lòng: 1 phiếu."],
            p.Skip(heading + 2).Take(6));
        Assert.Equal("Trên điện thoại, 1 phiếu cho biết ý kiến, kiến nghị đã được giải đáp, 1 phiếu chưa được giải đáp, 0 phiếu không trả lời.", p[heading + 8]);
        Assert.DoesNotContain(p, x => x.Contains("Nên tổ chức thường xuyên hơn", StringComparison.Ordinal));
    }

    [Fact]
    public void A_meeting_without_a_survey_has_no_survey_section()
    {
        var docx = new Docx(MinutesDocument.Build(new DocumentContext(TestMeetingWithoutSurvey(), new HashSet<DateOnly>(), new DateOnly(2025, 3, 17))));
        Assert.DoesNotContain(docx.Paragraphs, x => x.Contains("phiếu ý kiến hài lòng", StringComparison.Ordinal));
    }

    private static MeetingState TestMeetingWithoutSurvey() => M.Played(close: false).State with { Survey = null };

    [Fact]
    public void End_time_signatures_side_by_side_and_recipients()
    {
        var p = Minutes.Paragraphs;
        Assert.Contains("Hội nghị kết thúc vào lúc 09 giờ 15 phút, ngày 15 tháng 3 năm 2025./.", p);

        // THƯ KÝ on the left with the nơi nhận under it, CHỦ TỌA on the right, in one row that never splits.
        var signatures = Docx.Cells(Minutes.Tables[^1].Elements<TableRow>().Single());
        Assert.Equal("THƯ KÝ\n\n\n\n\nTrần Thị Thư\nNơi nhận:\n- Thường trực Đảng ủy xã;\n- Thường trực HĐND xã;\n- Lưu: VT.", signatures[0]);
        Assert.Equal("CHỦ TỌA\n\n\n\n\nNguyễn Văn Chủ", signatures[1]);
        Assert.True(Docx.AllBold(Minutes.Paragraph("CHỦ TỌA")) && Docx.AllBold(Minutes.Paragraph("Trần Thị Thư")));
        Assert.NotNull(Minutes.Tables[^1].Descendants<CantSplit>().SingleOrDefault());
        Assert.True(Minutes.IndexOf("Hội nghị kết thúc") < Minutes.IndexOf("THƯ KÝ"));

        var heading = Minutes.Paragraph("Nơi nhận:").Descendants<Run>().Single();
        Assert.True(Docx.IsBold(heading) && Docx.IsItalic(heading));
        Assert.Equal("24", Minutes.Paragraph("- Lưu: VT.").Descendants<Run>().Single().RunProperties!.FontSize!.Val);
    }

    [Fact]
    public void The_plans_names_and_titles_each_go_where_the_layout_wants_them()
    {
        var m = M.Played(paperwork: false, close: false);
        var info = m.State.Info!;
        m.Do(new UpdateMeetingInfo(info.Title, info.Kind, info.Form, info.Venue, info.ScheduledStart, M.Chair, M.Secretary,
            ChairTitle: "Phó Chủ tịch UBND xã An Hưng", SecretaryTitle: "Chuyên viên Văn phòng HĐND và UBND xã"), Actor.Organizer);

        var minutes = new Docx(MinutesDocument.Build(m.Context()));
        Assert.Contains("Chủ trì: Nguyễn Văn Chủ – Phó Chủ tịch UBND xã An Hưng.", minutes.Paragraphs);
        Assert.Contains("Thư ký: Trần Thị Thư – Chuyên viên Văn phòng HĐND và UBND xã.", minutes.Paragraphs);
        var signatures = Docx.Cells(minutes.Tables[^1].Elements<TableRow>().Single());
        Assert.StartsWith("THƯ KÝ\n\n\n\n\nTrần Thị Thư\n", signatures[0]);
        Assert.Equal("CHỦ TỌA\n\n\n\n\nNguyễn Văn Chủ", signatures[1]);

        // The notice signs by the chair's title (a vice-chairman for the chairman), the name below.
        var notice = new Docx(ConclusionNotice.Build(m.Context()));
        Assert.EndsWith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n\nNguyễn Văn Chủ", Docx.Cells(notice.Tables[^1].Elements<TableRow>().Single())[1]);
    }

    [Fact]
    public void A_plan_stored_with_a_title_for_the_chairs_name_leaves_the_name_to_be_written_by_hand()
    {
        var m = M.Played(close: false);
        var info = m.State.Info!;
        m.Do(new UpdateMeetingInfo(info.Title, info.Kind, info.Form, info.Venue, info.ScheduledStart, "Chủ tịch UBND xã", M.Secretary), Actor.Organizer);

        var minutes = new Docx(MinutesDocument.Build(m.Context()));
        Assert.Contains("Chủ trì: …… – Chủ tịch Ủy ban nhân dân xã An Hưng.", minutes.Paragraphs);
        Assert.Equal("CHỦ TỌA\n\n\n\n\n……", Docx.Cells(minutes.Tables[^1].Elements<TableRow>().Single())[1]);
        Assert.DoesNotContain("Chủ tịch UBND xã, Chủ tịch", minutes.Text);
    }

    [Fact]
    public void A_meeting_not_yet_closed_leaves_the_end_time_blank()
    {
        var docx = new Docx(MinutesDocument.Build(M.Played(close: false).Context()));
        Assert.Contains("Hội nghị kết thúc vào lúc …… giờ …… phút, ngày …… tháng …… năm ……./.", docx.Paragraphs);
    }

    [Fact]
    public void A_title_without_Hoi_nghi_gets_it_once_in_sentence_case()
    {
        var m = M.Played(close: false);
        var info = m.State.Info!;
        m.Do(new UpdateMeetingInfo("Đối thoại với Nhân dân về giải phóng mặt bằng", info.Kind, info.Form, info.Venue, info.ScheduledStart, info.ChairName, info.SecretaryName), Actor.Organizer);
        var docx = new Docx(MinutesDocument.Build(m.Context()));
        Assert.Contains("Hội nghị đối thoại với Nhân dân về giải phóng mặt bằng", docx.Paragraphs);
    }
}

public class UnfinishedMeetingTests
{
    /// <summary>Created, not started, nothing recorded: both documents still come out, with the plan's time and blanks to fill.</summary>
    [Fact]
    public async Task A_meeting_that_has_not_started_still_yields_both_documents_and_the_archive()
    {
        var m = new ScriptedMeeting().Do(new CreateMeeting("Đối thoại chuyên đề về giải phóng mặt bằng", MeetingKind.Thematic, MeetingForm.InPerson,
            "Nhà văn hóa thôn Đông", new DateTimeOffset(2025, 6, 2, 14, 0, 0, TimeSpan.FromHours(7)), "Nguyễn Văn Chủ", ""), Actor.Organizer);
        var minutes = new Docx(MinutesDocument.Build(m.Context()));
        Assert.Contains("Thời gian bắt đầu: 14 giờ 00 phút, ngày 02 tháng 6 năm 2025.", minutes.Paragraphs);
        Assert.Contains("Thành phần tham dự: ……", minutes.Paragraphs);
        Assert.Contains("Thư ký: …….", minutes.Paragraphs);
        Assert.Contains("Hội nghị đối thoại chuyên đề về giải phóng mặt bằng", minutes.Paragraphs);
        Assert.DoesNotContain(minutes.Paragraphs, p => p.StartsWith("1. ", StringComparison.Ordinal));

        var notice = new Docx(ConclusionNotice.Build(m.Context(today: new DateOnly(2025, 5, 20))));
        Assert.Contains("Hội nghị không có kiến nghị nào cần kết luận.", notice.Paragraphs);
        Assert.Contains("I. TỔ CHỨC THỰC HIỆN", notice.Paragraphs);
        // Drafted before the meeting, the notice is still dated the meeting day.
        Assert.Contains("……, ngày 02 tháng 6 năm 2025", notice.Paragraphs);
        Assert.Contains("- Ủy ban MTTQ Việt Nam xã ……;", notice.Paragraphs);

        Assert.NotEmpty(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None));
    }
}
