using System.IO.Compression;
using DocumentFormat.OpenXml.Wordprocessing;
using LiveSession.Records;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

/// <summary>The documents around the meeting: invitation list, plan, pre-meeting report, publication list, follow-up report, dossier.</summary>
public class PreparationDocumentsTests
{
    /// <summary>The scripted meeting with its thôn, a composition (5 per thôn, Thôn Tây 8, two organisations) and a cut-off on 10/3.</summary>
    private static M Planned()
    {
        var m = M.Played(close: false);
        m.Do(new SetLocalities(["Thôn Đông", "Thôn Tây", "Tổ dân phố 3"]), Actor.Organizer)
         .Do(new SetComposition(5, [new Quota("Thôn Tây", QuotaKind.Locality, 8), new Quota("Hội Nông dân xã", QuotaKind.Organisation, 3), new Quota("Đoàn Thanh niên xã", QuotaKind.Organisation, 2)]), Actor.Organizer)
         .Do(new SetPetitionCutoff(new DateOnly(2025, 3, 10)), Actor.Organizer)
         .Do(new CloseMeeting());
        return m;
    }

    private static readonly PreMeetingItem[] Collected =
    [
        new("tn1", "Phạm Thị Dung", "Thôn Nam", M.CollectedPetition, "Chính sách", PetitionSource.VillageHead, "Trưởng thôn Nam", new(2025, 3, 3),
            "Công chức Lao động – Thương binh và Xã hội", default, PreparedAnswer: M.CollectedAnswer),
        new("tn2", "Đỗ Văn Giang", "Thôn Đông", "Đề nghị nạo vét kênh tưới tiêu nội đồng", "Thủy lợi", PetitionSource.FatherlandFront, null, new(2025, 3, 7),
            "Công chức Nông nghiệp – Môi trường", default),
    ];

    private static List<IReadOnlyList<string>> Rows(Table table) => [.. table.Elements<TableRow>().Select(Docx.Cells)];

    [Fact]
    public void InvitationList_lists_the_officials_then_the_quotas_by_thon_and_organisation()
    {
        var docx = new Docx(InvitationList.Build(Planned().Context()));

        Assert.True(Docx.AllBold(docx.Paragraph("DANH SÁCH KHÁCH MỜI")));
        Assert.Contains($"Tham dự {M.Title}", docx.Paragraphs);
        var officials = Rows(docx.Tables[1]);
        Assert.Equal(["STT", "Họ và tên", "Chức vụ", "Nhiệm vụ"], officials[0]);
        Assert.Equal(["1", M.Chair, "Chủ tịch Ủy ban nhân dân xã An Hưng", "Chủ trì hội nghị"], officials[1]);
        Assert.Contains(officials, r => r.SequenceEqual(["4", "Vũ Văn Hải", M.LandUnit, "Trả lời lĩnh vực Đất đai"]) || r[1] == "Vũ Văn Hải");

        Assert.Equal([["1", "Thôn Đông", "5"], ["2", "Thôn Tây", "8"], ["3", "Tổ dân phố 3", "5"], ["", "Cộng", "18"]],
            Rows(docx.Tables[2]).Skip(1).Select(r => r.Take(3).ToList()));
        Assert.Equal([["1", "Hội Nông dân xã", "3"], ["2", "Đoàn Thanh niên xã", "2"], ["", "Cộng", "5"]],
            Rows(docx.Tables[3]).Skip(1).Select(r => r.Take(3).ToList()));
        var officialCount = officials.Count - 1;
        Assert.Contains($"Tổng số khách mời: {officialCount + 23} người ({officialCount} cán bộ; 23 đại biểu Nhân dân và cơ quan, đoàn thể).", docx.Paragraphs);
    }

    [Fact]
    public void InvitationList_without_a_composition_says_so()
    {
        var docx = new Docx(InvitationList.Build(M.Played(checkIn: false).Context()));
        Assert.Contains("Chưa xác định thành phần theo thôn, tổ dân phố.", docx.Paragraphs);
    }

    [Fact]
    public void PreMeetingReport_reads_each_kien_nghi_by_field_with_its_source_and_prepared_answer()
    {
        var docx = new Docx(PreMeetingReport.Build(Planned().Context(), Collected));

        Assert.Equal(["Số: ……/BC-UBND", "An Hưng, ngày 17 tháng 3 năm 2025"], Docx.Cells(docx.Tables[0].Elements<TableRow>().ElementAt(1)));
        Assert.Contains($"Tổng hợp kiến nghị và nội dung trả lời trước {M.Title}", docx.Paragraphs);
        Assert.Contains("Đến hết ngày 10/03/2025 (hạn thu thập), Ủy ban nhân dân xã An Hưng đã tổng hợp 2 kiến nghị của Nhân dân gửi trước hội nghị "
            + "(trưởng thôn, tổ dân phố: 1; ủy ban mttq: 1). Đã trả lời 1/2 kiến nghị. Kết quả tổng hợp và nội dung trả lời như sau:", docx.Paragraphs);
        var policy = docx.IndexOf("I. LĨNH VỰC CHÍNH SÁCH");
        Assert.Equal($"1. Phạm Thị Dung (Thôn Nam) kiến nghị: {M.CollectedPetition}", docx.Paragraphs[policy + 1]);
        Assert.Equal("(Nguồn: Trưởng thôn Nam, nhận ngày 03/03/2025; đơn vị chuẩn bị trả lời: Công chức Lao động – Thương binh và Xã hội.)", docx.Paragraphs[policy + 2]);
        Assert.Equal($"Trả lời (Công chức Lao động – Thương binh và Xã hội): {M.CollectedAnswer}", docx.Paragraphs[policy + 3]);
        var water = docx.IndexOf("II. LĨNH VỰC THỦY LỢI");
        Assert.Equal($"Trả lời (Công chức Nông nghiệp – Môi trường): {PreMeetingReport.NoAnswer}", docx.Paragraphs[water + 3]);
    }

    [Fact]
    public void PublicationList_is_the_notice_then_every_kien_nghi_with_its_status()
    {
        var m = Planned();
        FollowedPetition Record(string id, FollowUpStatus status, string? answer = null, DateOnly? deadline = null) =>
            new(id, "", null, "", null, default, null, deadline, answer, status);
        var followUp = new[] { Record("k1", FollowUpStatus.Answered, M.RoadAnswer), Record("k2", FollowUpStatus.InProgress, deadline: new(2025, 4, 30)), Record("k3", FollowUpStatus.Answered, "Đã kiểm tra, yêu cầu cơ sở di dời.") };

        var docx = new Docx(PublicationList.Build(m.Context(today: new DateOnly(2025, 5, 5)), followUp));

        Assert.True(docx.IndexOf("THÔNG BÁO") < docx.IndexOf("DANH SÁCH CÔNG KHAI"));
        Assert.Single(docx.Body.Descendants<Break>(), b => b.Type?.Value == BreakValues.Page);
        var rows = Rows(docx.Tables[^1]);
        Assert.Equal(["STT", "Người kiến nghị", "Nội dung kiến nghị", "Trả lời, kết luận", "Tình trạng"], rows[0]);
        Assert.Equal(7, rows.Count);
        Assert.Equal("Đã trả lời", rows[1][4]);
        Assert.Equal("Đang xử lý (quá hạn)", rows[2][4]);
        Assert.StartsWith("Đã kiểm tra, yêu cầu cơ sở di dời.\nGiao Công chức Nông nghiệp – Môi trường trả lời bằng văn bản", rows[3][3]);
        Assert.Equal("Đã trả lời tại hội nghị", rows[4][4]); // k4: not archived yet, so the meeting's resolution
        Assert.StartsWith("Lý Văn Khải", rows[5][1]); // k5: the question outside the meeting's content, answered in writing
    }

    [Fact]
    public void FollowUpReport_counts_the_kien_nghi_by_status()
    {
        var m = Planned();
        var docx = new Docx(PublicationList.BuildFollowUpReport(m.Context(), []));
        Assert.Contains($"Kết quả giải quyết kiến nghị sau {M.Title}", docx.Paragraphs);
        Assert.Contains("Đến ngày 17/03/2025, 6 kiến nghị tại hội nghị có kết quả như sau (đã trả lời tại hội nghị: 2; giao đơn vị giải quyết: 1; trả lời bằng văn bản: 3):", docx.Paragraphs);
    }

    [Fact]
    public void PlanDocument_has_time_composition_agenda_and_assignments()
    {
        var docx = new Docx(PlanDocument.Build(Planned().Context(), Collected));
        Assert.Contains($"Tổ chức {M.Title}", docx.Paragraphs);
        Assert.Contains("3. Nhân dân và các cơ quan, đoàn thể: 23 người (mỗi thôn, tổ dân phố 5 người, trừ khi ghi khác), cụ thể:", docx.Paragraphs);
        Assert.Contains($"1. {M.Agenda[0]} ", string.Join("\n", docx.Paragraphs));
        Assert.Contains(docx.Paragraphs, p => p.StartsWith("2. Thu thập kiến nghị trước hội nghị", StringComparison.Ordinal) && p.Contains("hạn cuối ngày 10/03/2025"));
        Assert.Contains(Rows(docx.Tables[^2]), r => r.SequenceEqual(["1", "Công chức Lao động – Thương binh và Xã hội", "1 (1)"]));
    }

    [Fact]
    public async Task Dossier_holds_everything_the_seeds_list()
    {
        var m = Planned();
        var zip = await MeetingArchive.BuildAsync(m.Context(), m.Events, new DossierRecords(Collected, []));
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);

        string[] expected = [MeetingArchive.PlanEntry, MeetingArchive.InvitationsEntry, MeetingArchive.InvitationLettersEntry, MeetingArchive.AnnouncementEntry,
            MeetingArchive.PreMeetingEntry, "bien-ban.docx",
            "thong-bao-ket-luan.docx", MeetingArchive.FollowUpEntry, "su-kien.json", "chuong-trinh.json", MeetingArchive.AuditEntry,
            MeetingArchive.SpeakersEntry, MeetingArchive.LocalitiesEntry];
        Assert.Equal(expected.Order(StringComparer.Ordinal), archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var report = new MemoryStream();
        await archive.GetEntry(MeetingArchive.PreMeetingEntry)!.Open().CopyToAsync(report);
        Assert.Contains($"Trả lời (Công chức Lao động – Thương binh và Xã hội): {M.CollectedAnswer}", new Docx(report.ToArray()).Paragraphs);
    }
}
