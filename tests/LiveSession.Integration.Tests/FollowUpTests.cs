using Microsoft.Extensions.DependencyInjection;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>After the meeting: the office sees overdue kiến nghị, the responsible unit answers on its own link, the office sees it closed.</summary>
[Collection(RedisCollection.Name)]
public sealed class FollowUpTests(RedisServer redis) : BrowserTest(redis)
{
    /// <summary>The meeting's day and hour (Vietnam time), and the report the office opens on a month later.</summary>
    public static TheoryData<string, string> Days => new()
    {
        { "2026-12-31T23:59:00+07:00", "6 tháng cuối năm 2026" },          // the report is made in January for the half-year just ended
        { "2027-06-30T09:00:00+07:00", "6 tháng đầu năm 2027" },           // likewise in July
        { "2028-02-29T09:00:00+07:00", "6 tháng đầu năm 2028 (đến 30/03/2028)" }, // later in a half-year: the half-year so far
    };

    [Theory]
    [MemberData(nameof(Days))]
    public async Task AUnitAnswersItsOverdueItem_AndTheOfficeSeesItClosed(string meetingDay, string reportPeriod)
    {
        Host.Clock.SetNow(DateTimeOffset.Parse(meetingDay, System.Globalization.CultureInfo.InvariantCulture));
        const string unit = "Công chức Địa chính – Xây dựng";
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, unit, Host.Clock.VietnamToday().AddDays(10));
        Host.Clock.Shift = TimeSpan.FromDays(30); // a month later, nothing was done

        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var row = office.Locator($"[data-petition='{id}/k1']");
        await Expect(row.Locator("[data-role=status]")).ToHaveTextAsync("đang xử lý · quá hạn");
        await Browser.ScreenshotAsync(office, "office-overdue");

        var unitLink = await office.Locator($"[data-unit='{unit}']").GetAttributeAsync("href");
        var unitPage = await Chromium.OpenAsync(new Uri(unitLink!), 1366, 768);
        var item = unitPage.Locator($"[data-petition='{id}/k1']");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời" }).ClickAsync();
        await Expect(unitPage.GetByTestId("command-error")).ToContainTextAsync("Hãy ghi nội dung trả lời bằng văn bản.");
        await item.GetByLabel("Nội dung trả lời k1").FillAsync("Đã cấp giấy chứng nhận cho hộ bà Bình ngày 20/12.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời" }).ClickAsync();
        await Expect(item.Locator("[data-role=status]")).ToHaveTextAsync("đã trả lời");

        await office.GetByRole(AriaRole.Button, new() { Name = "Làm mới" }).ClickAsync();
        await Expect(row.Locator("[data-role=status]")).ToHaveTextAsync("đã trả lời");
        await Expect(row).ToContainTextAsync("Đã cấp giấy chứng nhận cho hộ bà Bình ngày 20/12.");

        await office.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo" }).ClickAsync();
        await Expect(office.GetByTestId("report-period")).ToHaveTextAsync(reportPeriod);
        await Expect(office.GetByTestId("report")).ToContainTextAsync("1 hội nghị · 1 kiến nghị · trả lời tại hội nghị 0 · sau hội nghị 1");
        Assert.StartsWith("data:text/csv;base64,", await office.GetByRole(AriaRole.Link, new() { Name = "Tải CSV" }).GetAttributeAsync("href"));

        var forged = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/unit?t=gia-mao"), 1366, 768);
        await Expect(forged.GetByRole(AriaRole.Alert)).ToContainTextAsync("Liên kết không hợp lệ");
    }

    [Fact]
    public async Task TheOffice_GivesAnItemToAnotherUnit_AndMovesItsDeadline_SayingWhy()
    {
        const string unit = "Công chức Địa chính – Xây dựng", other = "Công an xã";
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, unit, Host.Clock.VietnamToday().AddDays(10));
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var row = office.Locator($"[data-petition='{id}/k1']");

        await row.GetByLabel("Đơn vị mới k1").FillAsync(other);
        await row.GetByRole(AriaRole.Button, new() { Name = "Giao lại" }).ClickAsync();
        await Expect(office.GetByTestId("command-error")).ToContainTextAsync("Lý do giao lại không được để trống.");
        await row.GetByLabel("Lý do k1").FillAsync("Thuộc thẩm quyền của công an xã.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Giao lại" }).ClickAsync();
        await Expect(row).ToContainTextAsync(other);

        var deadline = Host.Clock.VietnamToday().AddDays(30);
        await row.GetByLabel("Thời hạn mới k1").FillAsync(deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByLabel("Lý do k1").FillAsync("Chờ kết quả xác minh.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Đổi hạn" }).ClickAsync();
        await Expect(row).ToContainTextAsync($"{other} · {deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");

        // The new unit's link opens the item, the old unit's no longer; the history says who and why.
        var administration = Host.Services.GetRequiredService<LiveSession.Client.Protocol.IMeetingAdministration>();
        var newUnit = await Chromium.OpenAsync(new Uri(Host.BaseAddress, $"/unit?t={Uri.EscapeDataString((await administration.UnitTokenAsync(other, TestHost.AdminKey))!)}"), 1366, 768);
        await Expect(newUnit.Locator($"[data-petition='{id}/k1']")).ToBeVisibleAsync();
        var oldUnit = await Chromium.OpenAsync(new Uri(Host.BaseAddress, $"/unit?t={Uri.EscapeDataString((await administration.UnitTokenAsync(unit, TestHost.AdminKey))!)}"), 1366, 768);
        await Expect(oldUnit.GetByTestId("unit")).ToContainTextAsync(unit);
        Assert.Equal(0, await oldUnit.Locator($"[data-petition='{id}/k1']").CountAsync());
        var history = Assert.Single(await Host.Services.GetRequiredService<LiveSession.Records.MeetingRecords>().ForUnitAsync(new(null, other))).History.OrderBy(h => h.Id).ToList();
        Assert.Equal(["Văn phòng HĐND-UBND", "Văn phòng HĐND-UBND"], history.Select(h => h.Actor));
        Assert.StartsWith($"Giao lại cho {other} (trước đây: {unit}). Lý do: Thuộc thẩm quyền", history[0].Note, StringComparison.Ordinal);
        Assert.EndsWith("Lý do: Chờ kết quả xác minh.", history[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrittenAnswerIsDueFiveWorkingDaysAfterTheNotice_TheUnitSendsItsLetter_AndAPassedUpItemWaitsForTheLevelAbove()
    {
        const string unit = "Công chức Nông nghiệp – Môi trường", higher = "Ủy ban nhân dân huyện Yên Lạc";
        var id = await Host.CreateMeetingAsync();
        await using (var chair = await Host.ConnectAsync(id, Domain.Meetings.Role.Chair))
            foreach (var command in new Domain.Meetings.MeetingCommand[]
                     {
                         new Domain.Queue.RegisterSpeaker("Lê Văn Cường", "Tổ dân phố 3"), new Domain.Floor.CallNext(), new Domain.Floor.EndTurn(),
                         new Domain.Minutes.MarkPetition("t1", "Đề nghị xử lý ô nhiễm từ cơ sở chăn nuôi"),
                         new Domain.Minutes.ResolvePetition("k1", Domain.Minutes.PetitionResolution.WrittenAnswer, unit),
                         new Domain.Minutes.MarkPetition("t1", "Đề nghị nâng cấp đoạn quốc lộ qua thôn"),
                         new Domain.Minutes.ResolvePetition("k2", Domain.Minutes.PetitionResolution.Escalated, higher),
                         new Domain.Meetings.CloseMeeting(),
                     })
                Assert.True((await chair.ExecuteAsync(command)).Ok, command.GetType().Name);
        var records = Host.Services.GetRequiredService<LiveSession.Records.MeetingRecords>();
        await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Petitions.Count == 2, "the closed meeting is archived");

        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var today = Host.Clock.VietnamToday();
        var due = Domain.Minutes.WorkingCalendar.AddWorkingDays(today, 5, Host.Services.GetRequiredService<Domain.Minutes.PublicHolidays>().Days);
        var meetingRow = office.Locator($"[data-meeting='{id}']");
        await meetingRow.Locator("[data-role=notice] input[type=date]").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await meetingRow.GetByRole(AriaRole.Button, new() { Name = "Ghi ngày thông báo" }).ClickAsync();
        var written = office.Locator($"[data-petition='{id}/k1']");
        await Expect(written.Locator("[data-role=due]")).ToHaveTextAsync($"{unit} · trả lời bằng văn bản trước {due.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");

        // The unit answers, then downloads its letter to the chair, the citizen and the MTTQ.
        var unitLink = await office.Locator($"[data-unit='{unit}']").GetAttributeAsync("href");
        var unitPage = await Chromium.OpenAsync(new Uri(unitLink!), 1366, 768);
        var item = unitPage.Locator($"[data-petition='{id}/k1']");
        await item.GetByLabel("Nội dung trả lời k1").FillAsync("Đã kiểm tra và yêu cầu chủ cơ sở xây hầm biogas.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời" }).ClickAsync();
        await item.Locator("[data-role=letter]").ClickAsync();
        var answer = await DownloadedDocxAsync(unitPage);
        Assert.Contains("V/v trả lời kiến nghị của ông/bà Lê Văn Cường (Tổ dân phố 3)", answer);
        Assert.Contains("Trả lời: Đã kiểm tra và yêu cầu chủ cơ sở xây hầm biogas.", answer);
        Assert.Equal(0, await unitPage.Locator($"[data-petition='{id}/k2']").CountAsync()); // not the unit's

        // The office sends the proposal up, records the level above's answer, and only then ends the follow-up.
        var escalated = office.Locator($"[data-petition='{id}/k2']");
        await Expect(escalated.Locator("[data-role=status]")).ToContainTextAsync("chờ cấp trên trả lời");
        await escalated.Locator("[data-role=letter]").ClickAsync();
        Assert.Contains($"Kính gửi: {higher}", await DownloadedDocxAsync(office));
        await escalated.GetByLabel("Trả lời của cấp trên k2").FillAsync("Huyện đã đưa đoạn quốc lộ vào kế hoạch sửa chữa năm sau.");
        await escalated.GetByRole(AriaRole.Button, new() { Name = "Ghi trả lời của cấp trên" }).ClickAsync();
        await Expect(escalated).ToContainTextAsync("Cấp trên trả lời: Huyện đã đưa đoạn quốc lộ vào kế hoạch sửa chữa năm sau.");
        await escalated.GetByRole(AriaRole.Button, new() { Name = "Kết thúc theo dõi" }).ClickAsync();
        await Expect(escalated.Locator("[data-role=status]")).ToContainTextAsync("đã kết thúc");
        await Browser.ScreenshotAsync(office, "office-letters");
    }

    [Fact]
    public async Task TheOfficePublishesTheResults_OnAPublicPageWithNoLink_ShowingOnlyWhatTheNoticeSays_AndTakesThemDown()
    {
        const string phone = "0912 345 678";
        var id = await Host.CreateMeetingAsync();
        await using (var chair = await Host.ConnectAsync(id, Domain.Meetings.Role.Chair))
            foreach (var command in new Domain.Meetings.MeetingCommand[]
                     {
                         new Domain.Queue.RegisterSpeaker("Đỗ Thị Giang", "Thôn Bắc", Phone: phone), new Domain.Floor.CallNext(), new Domain.Floor.EndTurn(),
                         new Domain.Minutes.MarkPetition("t1", "Đề nghị lắp đèn chiếu sáng đường thôn Bắc"),
                         new Domain.Minutes.RecordPetitionAnswer("k1", "Xã sẽ lắp 20 bóng đèn trong quý II."),
                         new Domain.Minutes.ResolvePetition("k1", Domain.Minutes.PetitionResolution.AnsweredOnSpot),
                         new Domain.Meetings.CloseMeeting(),
                     })
                Assert.True((await chair.ExecuteAsync(command)).Ok, command.GetType().Name);
        var records = Host.Services.GetRequiredService<LiveSession.Records.MeetingRecords>();
        await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Petitions.Count == 1, "the closed meeting is archived");
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/cong-khai/{id}")).StatusCode);

        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var meetingRow = office.Locator($"[data-meeting='{id}']");
        await meetingRow.GetByRole(AriaRole.Button, new() { Name = "Danh sách công khai" }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Công khai trên trang công khai" }).ClickAsync();
        await Expect(office.GetByTestId("command-error")).ToContainTextAsync("ngày ban hành thông báo kết luận");
        await meetingRow.Locator("[data-role=notice] input[type=date]").FillAsync(Host.Clock.VietnamToday().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await meetingRow.GetByRole(AriaRole.Button, new() { Name = "Ghi ngày thông báo" }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Công khai trên trang công khai" }).ClickAsync();
        var publicLink = await office.GetByTestId("public-page").Locator("a").GetAttributeAsync("href");
        Assert.EndsWith($"/cong-khai/{id}", publicLink, StringComparison.Ordinal);

        // Anyone, with no link or key: the announcement, the notice's names, never the phone.
        var page = await http.GetStringAsync($"/cong-khai/{id}");
        Assert.Contains("Hội nghị đã tiếp nhận 1 kiến nghị: 1 kiến nghị được trả lời ngay tại hội nghị", page);
        Assert.Contains("Đỗ Thị Giang (Thôn Bắc)", page);
        Assert.Contains("Xã sẽ lắp 20 bóng đèn trong quý II.", page);
        Assert.DoesNotContain("345", page);
        using (var docx = await http.GetAsync($"/cong-khai/{id}/thong-bao.docx"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        }
        var phonePage = await Chromium.OpenAsync(new Uri(publicLink!), 360, 740);
        await Expect(phonePage.GetByTestId("results")).ToContainTextAsync("Đỗ Thị Giang");
        await Browser.ScreenshotAsync(phonePage, "public-results-phone");

        await office.GetByRole(AriaRole.Button, new() { Name = "Ngừng công khai" }).ClickAsync();
        await Expect(office.GetByRole(AriaRole.Button, new() { Name = "Công khai trên trang công khai" })).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/cong-khai/{id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/cong-khai/{id}/thong-bao.docx")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/cong-khai/<script>")).StatusCode);
    }

    [Fact]
    public async Task TheResultsReportIsDueSevenDaysBeforeTheCouncilSession_FlaggedLate_ThenMarkedSent()
    {
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, "Công chức Tư pháp – Hộ tịch", Host.Clock.VietnamToday().AddDays(10));
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var row = office.Locator($"[data-meeting='{id}']");
        var today = Host.Clock.VietnamToday();
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await row.GetByLabel("Ngày khai mạc kỳ họp HĐND cấp trên").FillAsync(Day(today.AddDays(5)));
        await row.GetByRole(AriaRole.Button, new() { Name = "Ghi kỳ họp" }).ClickAsync();
        await Expect(row.Locator("[data-role=report-due]")).ToHaveTextAsync(
            $"Báo cáo kết quả gửi cấp trên trước {today.AddDays(-2).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} · quá hạn");

        await row.GetByRole(AriaRole.Button, new() { Name = "Báo cáo kết quả (DOCX)" }).ClickAsync();
        var report = await DownloadedDocxAsync(office);
        Assert.Contains("BÁO CÁO", report);
        Assert.Contains("Kết quả Hội nghị đối thoại thử nghiệm", report);

        await row.GetByLabel("Ngày gửi báo cáo kết quả").FillAsync(Day(today));
        await row.GetByRole(AriaRole.Button, new() { Name = "Đã gửi" }).ClickAsync();
        await Expect(row.Locator("[data-role=report-due]")).ToContainTextAsync($"đã gửi {today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public async Task ALetterReceivedOutsideAnyMeeting_GoesIntoTheRegister_TheUnitAnswersIt_TheOfficeDownloadsTheWrittenAnswer_AndTheHalfYearReportCountsIt()
    {
        const string unit = "Công chức Văn hóa – Xã hội";
        var today = Host.Clock.VietnamToday();
        var contexts = Host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveSession.Records.RecordsDbContext>>();
        var before = await LiveSession.Records.PeriodicReports.BuildAsync(contexts, null, today.AddDays(-1), today);

        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var form = office.GetByTestId("indirect");
        await form.Locator("summary").ClickAsync();
        await form.GetByLabel("Họ tên người kiến nghị").FillAsync("Hoàng Văn Em");
        await form.GetByLabel("Thôn, tổ dân phố").FillAsync("Thôn Bắc");
        await form.GetByLabel("Nguồn tiếp nhận").SelectOptionAsync("Email");
        await form.GetByLabel("Nội dung kiến nghị").FillAsync("Đề nghị hỗ trợ sửa nhà văn hóa thôn Bắc");
        await form.GetByLabel("Đơn vị giải quyết").FillAsync(unit);
        await form.GetByLabel("Hạn trả lời").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Ngày tiếp nhận").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Vào sổ" }).ClickAsync();
        var row = office.Locator("[data-petition^='gian-tiep/']").Filter(new() { HasText = "Hoàng Văn Em" });
        await Expect(row.Locator("[data-role=due]")).ToContainTextAsync(unit);

        var unitLink = await office.Locator($"[data-unit='{unit}']").GetAttributeAsync("href");
        var unitPage = await Chromium.OpenAsync(new Uri(unitLink!), 1366, 768);
        var item = unitPage.Locator("[data-petition^='gian-tiep/']").Filter(new() { HasText = "Hoàng Văn Em" });
        var id = (await item.GetAttributeAsync("data-petition"))!.Split('/')[1];
        await item.GetByLabel($"Nội dung trả lời {id}").FillAsync("Xã hỗ trợ 20 triệu đồng sửa mái nhà văn hóa.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời" }).ClickAsync();
        await Expect(item.Locator("[data-role=status]")).ToContainTextAsync("đã trả lời");

        // Answered in writing: the office's row offers the unit's công văn, which cites the e-mail and the day it came in.
        await office.GetByRole(AriaRole.Button, new() { Name = "Làm mới" }).ClickAsync();
        var answered = office.Locator($"[data-petition='gian-tiep/{id}']");
        await Expect(answered.Locator("[data-role=status]")).ToContainTextAsync("đã trả lời");
        await answered.Locator("[data-role=letter]").ClickAsync();
        var link = office.GetByTestId("letter-download");
        await Expect(link).ToHaveAttributeAsync("download", $"tra-loi-gian-tiep-{id}.docx");
        var download = await office.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal($"tra-loi-gian-tiep-{id}.docx", download.SuggestedFilename);
        string letter;
        using (var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await download.PathAsync(), false))
            letter = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", letter);
        Assert.Contains("V/v trả lời kiến nghị của ông/bà Hoàng Văn Em (Thôn Bắc)", letter);
        Assert.Contains($"Ngày {today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}, ", letter);
        Assert.Contains("nhận được thư điện tử của ông/bà Hoàng Văn Em (Thôn Bắc)", letter);
        Assert.Contains("Nội dung kiến nghị: Đề nghị hỗ trợ sửa nhà văn hóa thôn Bắc.", letter);
        Assert.Contains("Trả lời: Xã hỗ trợ 20 triệu đồng sửa mái nhà văn hóa.", letter);
        Assert.Contains("Nơi nhận:", letter);
        Assert.DoesNotContain("hội nghị", letter, StringComparison.OrdinalIgnoreCase);
        await Browser.ScreenshotAsync(office, "office-indirect-letter");
        // The unit's own page offers the same letter.
        await item.Locator("[data-role=letter]").ClickAsync();
        Assert.Contains("nhận được thư điện tử của ông/bà Hoàng Văn Em (Thôn Bắc)", await DownloadedDocxAsync(unitPage));

        var after = await LiveSession.Records.PeriodicReports.BuildAsync(contexts, null, today.AddDays(-1), today);
        Assert.Equal((before.IndirectReceived + 1, before.IndirectAnswered + 1), (after.IndirectReceived, after.IndirectAnswered));
        Assert.Equal(before.Meetings, after.Meetings);
    }

    /// <summary>The text of the DOCX the page's download link holds (a data: address).</summary>
    private static async Task<string> DownloadedDocxAsync(IPage page)
    {
        var link = page.GetByTestId("letter-download");
        await Expect(link).ToBeVisibleAsync();
        var href = (await link.GetAttributeAsync("href"))!;
        using var stream = new MemoryStream(Convert.FromBase64String(href[(href.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        return string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
