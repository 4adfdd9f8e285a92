using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using LiveSession.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

/// <summary>
/// Issue 21, "the whole procedure of the seeds": one commune (An Hưng) from its plan to its 6-month report, every document
/// made in order by the real builders from the real records — the meeting played through its commands, the kiến nghị
/// through the dossier's commands in a records database (SQLite), a petition received by e-mail outside the meeting in
/// the office's register. Every day is fixed (the clock is set at each step), so nothing depends on today or a time zone.
/// </summary>
public sealed class ProcedureFromPlanToReportTests : IAsyncLifetime
{
    private const string CollectingUnit = "Công chức Lao động – Thương binh và Xã hội";
    private const string PollutionAnswer = "Đã kiểm tra cơ sở chăn nuôi ngày 20/3/2025 và yêu cầu chủ cơ sở xây hầm biogas trước ngày 30/4/2025.";
    private const string Pensions = "Chuyển Bảo hiểm xã hội huyện giải quyết chế độ hưu trí theo thẩm quyền.";
    private const string IndirectSummary = "Đề nghị hỗ trợ kinh phí sửa mái nhà văn hóa thôn Bắc bị dột";
    private const string IndirectUnit = "Công chức Văn hóa – Xã hội";
    private const string IndirectAnswer = "Ủy ban nhân dân xã hỗ trợ 20 triệu đồng để sửa mái nhà văn hóa trong quý II/2025.";

    private static readonly FollowUpActor Office = FollowUpActor.Office;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ls-procedure-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new();
    private readonly LiveMeetings _meetings = new();
    private Contexts _contexts = null!;
    private MeetingRecords _records = null!;
    private FollowUps _followUps = null!;

    /// <summary>The documents in the order they were made: a name, and the DOCX.</summary>
    private readonly List<(string Name, byte[] Docx)> _made = [];

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<RecordsDbContext>();
        new RecordsOptions { SqliteFile = Path.GetFileName(_file) }.Configure(builder, Path.GetDirectoryName(_file)!);
        _contexts = new Contexts(builder.Options);
        _records = new MeetingRecords(_contexts, _clock);
        await _records.MigrateAsync();
        _followUps = new FollowUps(_contexts, _meetings, _clock, NullLogger<FollowUps>.Instance);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task From_the_plan_to_the_six_month_report_every_document_the_seeds_list_is_made_in_order_and_the_report_counts_the_meeting_and_the_letter()
    {
        // 1. Before the meeting (12/3/2025): the plan with its composition, a cut-off, a kiến nghị collected by a thôn head
        //    with the answer its unit prepares; the plan, the giấy mời, the thông báo công khai, the summary report of answers.
        var m = M.Prepared(answersReport: true);
        m.Do(new SetPetitionCutoff(new DateOnly(2025, 3, 13)), Actor.Organizer);
        var id = m.State.Id;
        _meetings.Current = () => m.State;
        At(2025, 3, 12);
        await Run(id, new AddPreMeetingPetitions([new PreMeetingPetition(0, "Phạm Thị Dung", "Thôn Nam", M.CollectedPetition, "Chính sách",
            PetitionSource.VillageHead, "Trưởng thôn Nam", new DateOnly(2025, 3, 10), CollectingUnit)]), Office);
        await Run(id, new PrepareAnswer("tn1", M.CollectedAnswer), FollowUpActor.ForUnit(CollectingUnit));
        var collected = (await _followUps.DossierAsync(id)).PreMeeting;
        var before = m.Context(today: new DateOnly(2025, 3, 12));

        var plan = Made("kế hoạch", PlanDocument.Build(before, collected));
        Assert.Contains($"Tổ chức {M.Title}", plan.Paragraphs);
        Assert.Contains(plan.Paragraphs, p => p.StartsWith("2. Thu thập kiến nghị trước hội nghị", StringComparison.Ordinal) && p.Contains("hạn cuối ngày 13/03/2025"));
        Assert.Contains($"1. {M.Agenda[0]} ", plan.Text);
        Assert.Contains($"3. {M.AnswersStep} ", plan.Text);

        var invitations = Made("giấy mời", Invitations.Letters(before));
        Assert.Equal(Invitations.Invitees(before).Count, invitations.Paragraphs.Count(p => p == "GIẤY MỜI"));
        Assert.Contains("Ủy ban nhân dân xã An Hưng trân trọng kính mời:", invitations.Paragraphs);
        Assert.Contains("Thời gian: 08 giờ 00 phút, ngày 15 tháng 3 năm 2025.", invitations.Paragraphs);
        Assert.Contains(invitations.Paragraphs, p => p.Contains("Thôn Đông", StringComparison.Ordinal));

        var announcement = Made("thông báo công khai", Invitations.Announcement(before));
        Assert.Contains($"Về việc tổ chức {M.Title}", announcement.Paragraphs);
        Assert.Contains("Ủy ban nhân dân xã An Hưng thông báo tổ chức " + M.Title + ".", announcement.Paragraphs);
        Assert.Contains(announcement.Paragraphs, p => p.Contains("đến hết ngày 13/03/2025", StringComparison.Ordinal));

        var answers = Made("báo cáo tổng hợp kiến nghị trước hội nghị", PreMeetingReport.Build(before, collected));
        Assert.Contains($"Trả lời ({CollectingUnit}): {M.CollectedAnswer}", answers.Paragraphs);

        // 2. The meeting (15/3): the officials' report turns (the Phó Chủ tịch's, then the answers to what was collected), the chair's opening and conclusions, paper ballots, attendance by
        //    group, a written question made a kiến nghị; the collected item is taken in as tn1. Archived, its follow-up opened.
        m.Held(collectedAs: "tn1");
        At(2025, 3, 15, hour: 12);
        await Run(id, new TakeIntoMeeting(), Office);
        await _records.ArchiveAsync(m.State, m.Events);
        await Run(id, new OpenFollowUp(), Office);
        Assert.Equal("k4", (await _followUps.DossierAsync(id)).FindPreMeeting("tn1")!.TakenAs);

        var minutes = Made("biên bản", MinutesDocument.Build(m.Context(today: new DateOnly(2025, 3, 15))));
        Assert.Contains("BIÊN BẢN", minutes.Paragraphs);
        Assert.Contains($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairOpening}", minutes.Paragraphs);
        Assert.Contains($"- Lê Thị Hoa, Phó Chủ tịch UBND xã trình bày báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh: {M.ReportMachine}", minutes.Paragraphs);
        var answersReport = minutes.IndexOf($"- {M.AnswersReporter}, Chánh Văn phòng HĐND và UBND xã trình bày báo cáo trả lời các kiến nghị đã thu thập trước hội nghị: {M.AnswersReportMachine}");
        Assert.InRange(answersReport, minutes.IndexOf(M.ReportMachine) + 1, minutes.IndexOf("Nguyễn Văn An (Thôn Đông)") - 1);
        Assert.Contains($"- Nguyễn Văn Chủ, chủ trì hội nghị, phát biểu: {M.ChairConclusions}", minutes.Paragraphs);
        Assert.Contains("Số phiếu lấy ý kiến: 42 (40 phiếu giấy, 2 phiếu trả lời trên điện thoại); điểm hài lòng trung bình: 4,2/5.", minutes.Paragraphs);
        // Attendance by group, from the desk's check-in.
        Assert.Equal(["Thành phần tham dự: tổng số 115 người, gồm:", "- Đại biểu, cán bộ, công chức: 18 người;", "- Khách mời: 12 người;",
            "- Nhân dân Thôn Đông: 45 người;", "- Nhân dân Thôn Tây: 40 người."], minutes.Paragraphs.Skip(minutes.IndexOf("Thành phần tham dự:")).Take(5));
        // The question sent from a phone, made a kiến nghị answered in writing, listed with its asker (numbered after the agenda's steps).
        Assert.Contains(minutes.Paragraphs, p => p.EndsWith($". Đỗ Thị Giang (Thôn Trung, câu hỏi bằng văn bản ngoài nội dung hội nghị): {M.WrittenQuestion} (lĩnh vực: Giao thông).", StringComparison.Ordinal));
        Assert.Contains("THƯ KÝ", minutes.Paragraphs);
        Assert.Contains("CHỦ TỌA", minutes.Paragraphs);

        // 3. The conclusion notice (17/3), its day recorded: the written answers are due 5 working days later.
        At(2025, 3, 17);
        var notice = Made("thông báo kết luận", ConclusionNotice.Build(m.Context(today: new DateOnly(2025, 3, 17))));
        Assert.Contains("THÔNG BÁO", notice.Paragraphs);
        Assert.Contains(notice.Paragraphs, p => p.StartsWith("Kết luận của Chủ tịch Ủy ban nhân dân xã An Hưng tại Hội nghị đối thoại", StringComparison.Ordinal));
        Assert.Contains(notice.Paragraphs, p => p.Contains(M.LandUnit, StringComparison.Ordinal) && p.Contains("30/04/2025", StringComparison.Ordinal));
        Assert.Contains("TM. ỦY BAN NHÂN DÂN", notice.Paragraphs);
        await Run(id, new RecordNoticeIssued(new DateOnly(2025, 3, 17)), Office);

        // 4. Follow-up (20/3): the unit answers k3 in writing; the office passes k5 (pensions) up to the district.
        At(2025, 3, 20);
        await Run(id, new RecordProgress("k3", FollowUpStatus.Answered, PollutionAnswer), FollowUpActor.ForUnit(M.PollutionUnit));
        await Run(id, new RecordProgress("k5", FollowUpStatus.Escalated, Pensions), Office);
        var followed = await _records.FollowedAsync(id);
        var dossier = await _followUps.DossierAsync(id);
        var after = m.Context(today: new DateOnly(2025, 3, 24)) with { NoticeIssuedOn = dossier.NoticeIssuedOn };

        var answer = Made("công văn trả lời của đơn vị", FollowUpLetters.WrittenAnswer(after, Followed(followed, "k3"), dossier.NoticeIssuedOn));
        Assert.Contains("V/v trả lời kiến nghị của ông/bà Lê Văn Cường (Tổ dân phố 3)", answer.Text);
        Assert.Contains(answer.Paragraphs, p => p.StartsWith("Thực hiện Thông báo số ……/TB-UBND ngày 17/03/2025 của Chủ tịch Ủy ban nhân dân xã An Hưng", StringComparison.Ordinal));
        Assert.Contains($"Trả lời: {PollutionAnswer}", answer.Paragraphs);

        var proposal = Made("văn bản đề xuất cấp trên", FollowUpLetters.Proposal(after, Followed(followed, "k5")));
        Assert.Contains($"Kính gửi: {M.OffTopicUnit}", proposal.Paragraphs);
        Assert.Contains(proposal.Paragraphs, p => p.Contains($"ông/bà Lý Văn Khải (Thôn Tây) kiến nghị: {M.OffTopicQuestion}.", StringComparison.Ordinal));

        // 5. Đối thoại gián tiếp: an e-mail received on 18/3 goes into the office's register, its unit answers, the letter says so.
        var register = IndirectRegister.IdOf(null);
        await Run(register, new ReceiveIndirectPetition("Hoàng Văn Em", "Thôn Bắc", IndirectSummary, "Văn hóa", PetitionSource.Email,
            new DateOnly(2025, 3, 18), IndirectUnit, new DateOnly(2025, 3, 31)), Office);
        At(2025, 3, 24);
        await Run(register, new RecordProgress("g1", FollowUpStatus.Answered, IndirectAnswer), FollowUpActor.ForUnit(IndirectUnit));
        var letter = (await _followUps.DossierAsync(register)).FindFollowed("g1")!;
        var commune = Issuer.From(await _records.LatestStateAsync(null));
        var indirect = Made("công văn trả lời kiến nghị gián tiếp", FollowUpLetters.WrittenAnswer(commune, letter, new DateOnly(2025, 3, 24)));
        Assert.Contains("ỦY BAN NHÂN DÂN XÃ AN HƯNG", indirect.Text);
        Assert.Contains("V/v trả lời kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc)", indirect.Text);
        Assert.Contains($"Ngày 18/03/2025, Ủy ban nhân dân xã An Hưng nhận được thư điện tử của ông/bà Hoàng Văn Em (Thôn Bắc). "
            + $"Ủy ban nhân dân xã An Hưng đã giao {IndirectUnit} xem xét, giải quyết. {IndirectUnit} trả lời như sau:", indirect.Paragraphs);
        Assert.Contains($"Trả lời: {IndirectAnswer}", indirect.Paragraphs);
        Assert.Contains("- Ban Thường trực Ủy ban MTTQ Việt Nam xã An Hưng;", indirect.Paragraphs);
        Assert.DoesNotContain("hội nghị", indirect.Text, StringComparison.OrdinalIgnoreCase);

        // 6. Publication: the radio text and the notice with its list, once the notice's day is recorded.
        await Run(id, new SetPublication(true), Office);
        Assert.True((await _followUps.DossierAsync(id)).IsPublished);
        followed = await _records.FollowedAsync(id);
        var radio = PublicationList.Announcement(after, followed);
        Assert.Contains("Hội nghị đã tiếp nhận 6 kiến nghị: 2 kiến nghị được trả lời ngay tại hội nghị; 1 kiến nghị đã được giải quyết, trả lời bằng văn bản sau hội nghị; "
            + "2 kiến nghị đang được giải quyết; 1 kiến nghị đã đề xuất cấp trên giải quyết.", radio);
        foreach (var person in m.State.Petitions.Select(p => p.CitizenName)) Assert.DoesNotContain(person, radio);
        var published = Made("danh sách công khai", PublicationList.Build(after, followed));
        Assert.Contains("DANH SÁCH CÔNG KHAI", published.Paragraphs);
        Assert.Contains(published.Paragraphs, p => p.Contains(PollutionAnswer, StringComparison.Ordinal));

        // 7. The report of the meeting's results to the level above.
        var results = Made("báo cáo kết quả hội nghị", MeetingResultsReport.Build(after, followed));
        Assert.Contains($"Kết quả {M.Title}", results.Paragraphs);
        Assert.Contains(results.Paragraphs, p => p.StartsWith("Hội nghị tiếp nhận 6 ý kiến, kiến nghị của Nhân dân", StringComparison.Ordinal));
        Assert.Contains("Đến ngày 24/03/2025: đã giải quyết, trả lời sau hội nghị 1 kiến nghị; quá hạn chưa giải quyết 0 kiến nghị.", results.Paragraphs);

        // 8. The 6-month report (3/7/2025): the meeting's six kiến nghị and the e-mail, as the formal report with its recipients.
        At(2025, 7, 3);
        var half = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        Assert.Equal((1, 6, 1, 1), (half.Meetings, half.Petitions, half.IndirectReceived, half.IndirectAnswered));
        Assert.Equal((2, 1, 1), (half.AnsweredOnTheSpot, half.AnsweredLater, half.Escalated));
        var report = Made("báo cáo 6 tháng", PeriodicReportDocument.Build(half, commune, new DateOnly(2025, 7, 3)));
        Assert.Contains("BÁO CÁO", report.Paragraphs);
        Assert.Contains("Kết quả tổ chức hội nghị đối thoại và giải quyết kiến nghị của Nhân dân 6 tháng đầu năm 2025", report.Paragraphs);
        Assert.Contains("Trong kỳ đã tổ chức 1 hội nghị đối thoại (định kỳ: 1).", report.Paragraphs);
        Assert.Contains("Tổng số kiến nghị đã tiếp nhận: 6.", report.Paragraphs);
        Assert.Contains("Tiếp nhận 1 kiến nghị ngoài hội nghị (qua thư, thư điện tử, Ủy ban MTTQ); đã trả lời bằng văn bản 1.", report.Paragraphs);
        Assert.Equal(["Nơi nhận:", "- Thường trực Hội đồng nhân dân xã An Hưng;", "- Ủy ban nhân dân cấp trên (qua Văn phòng);", "- Ủy ban MTTQ Việt Nam cùng cấp;", "- Lưu: VT."],
            report.Paragraphs.Skip(report.IndexOf("Nơi nhận:")).Take(5));
        Assert.Contains(M.Chair, report.Paragraphs);

        // Every document the seeds list, in the order of the procedure, each in the NĐ 30 layout.
        Assert.Equal(
            ["kế hoạch", "giấy mời", "thông báo công khai", "báo cáo tổng hợp kiến nghị trước hội nghị", "biên bản", "thông báo kết luận",
             "công văn trả lời của đơn vị", "văn bản đề xuất cấp trên", "công văn trả lời kiến nghị gián tiếp", "danh sách công khai",
             "báo cáo kết quả hội nghị", "báo cáo 6 tháng"],
            _made.Select(d => d.Name));
        Assert.All(_made, d => Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", new Docx(d.Docx).Text));
    }

    /// <summary>A document made at this step: kept in order, opened, and checked to be a DOCX Word reads without errors.</summary>
    private Docx Made(string name, byte[] docx)
    {
        _made.Add((name, docx));
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, $"{name}:\n{string.Join("\n", errors)}");
        }
        return new Docx(docx);
    }

    private static FollowedPetition Followed(IReadOnlyList<FollowedPetition> followed, string id) => followed.Single(p => p.PetitionId == id);

    /// <summary>Sets the clock to 09:00 in Vietnam on the given day (or at <paramref name="hour"/>).</summary>
    private void At(int year, int month, int day, int hour = 9) =>
        _clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(7)));

    private async Task Run(string dossier, FollowUpCommand command, FollowUpActor actor)
    {
        var error = await _followUps.RunAsync(dossier, command, actor);
        Assert.True(error is null, $"{command.GetType().Name} was refused: {error?.Message}");
    }

    /// <summary>The live meeting as the dossier's commands read it: the scripted meeting's state as it is now.</summary>
    private sealed class LiveMeetings : IMeetingStates
    {
        public Func<MeetingState>? Current { get; set; }

        public Task<MeetingState?> LoadAsync(string meetingId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Current?.Invoke() is { } state && state.Id == meetingId ? state : null);
    }

    private sealed class Contexts(DbContextOptions<RecordsDbContext> options) : IDbContextFactory<RecordsDbContext>
    {
        public RecordsDbContext CreateDbContext() => new(options);
    }
}
