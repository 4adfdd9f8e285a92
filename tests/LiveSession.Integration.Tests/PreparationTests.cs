using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using LiveSession.Paperwork;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Before the meeting: the office sets the composition and collects a kiến nghị, the unit it is assigned
/// to prepares the answer on its own link, the report read at the meeting carries it, late entries are refused.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PreparationTests(RedisServer redis) : BrowserTest(redis)
{
    private const string Unit = "Công chức Địa chính – Xây dựng";

    /// <summary>A meeting planned 20 days ahead (so kiến nghị are still collected), with the organizer's commands run on it.</summary>
    private async Task<(string Id, Client.MeetingConnection Organizer)> PlannedMeetingAsync(params MeetingCommand[] commands)
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var organizer = await Connect(id, Role.Organizer);
        foreach (var command in commands.Prepend(new UpdateMeetingInfo("Hội nghị đối thoại năm 2026", MeetingKind.Periodic, MeetingForm.Hybrid,
                     "Hội trường UBND xã", Host.Clock.GetUtcNow().AddDays(20), "Nguyễn Văn An", "Trần Thị Bình")))
            Assert.True((await organizer.ExecuteAsync(command)).Ok);
        return (id, organizer);
    }

    private async Task<string> DocumentTextAsync(string meetingId, string file)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var response = await http.GetAsync($"/api/documents/{file}?t={Uri.EscapeDataString(Host.Token(meetingId, Role.Organizer))}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task TheOfficePlansAndCollects_TheUnitPreparesTheAnswer_AndTheReportReadAtTheMeetingCarriesIt()
    {
        var (id, organizer) = await PlannedMeetingAsync(new SetLocalities(["Thôn Đông", "Thôn Tây"]), new AddOfficial("Vũ Văn Hải", Unit, "Đất đai"));

        var page = await Chromium.OpenAsync(Page("/setup", id, Role.Organizer), 1366, 900);
        var composition = page.GetByTestId("composition-editor");
        await composition.GetByLabel("Thôn/tổ dân phố có số người khác").FillAsync("Thôn Tây: 8");
        await composition.GetByLabel("Cơ quan, đoàn thể").FillAsync("Hội Nông dân xã: 3\nĐoàn Thanh niên 2");
        await composition.GetByRole(AriaRole.Button, new() { Name = "Lưu thành phần" }).ClickAsync();
        await Expect(composition.GetByRole(AriaRole.Alert)).ToContainTextAsync("Dòng 2 (\"Đoàn Thanh niên 2\"): hãy ghi theo mẫu \"Tên: số người\".");
        await composition.GetByLabel("Cơ quan, đoàn thể").FillAsync("Hội Nông dân xã: 3\nĐoàn Thanh niên: 2");
        await composition.GetByRole(AriaRole.Button, new() { Name = "Lưu thành phần" }).ClickAsync();
        await Expect(page.GetByTestId("composition-total")).ToHaveTextAsync("Tổng cộng 18 người");

        var collect = page.GetByTestId("pre-meeting");
        await collect.GetByLabel("Người kiến nghị").FillAsync("Trần Thị Bình");
        await collect.GetByLabel("Thôn, tổ dân phố").FillAsync("Thôn Tây");
        await collect.GetByLabel("Nội dung kiến nghị").FillAsync("Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất");
        await collect.GetByLabel("Lĩnh vực").FillAsync("Đất đai");
        await collect.GetByLabel("Nguồn").SelectOptionAsync(new SelectOptionValue { Label = "Ủy ban MTTQ" });
        await collect.GetByLabel("Đơn vị chuẩn bị trả lời").FillAsync(Unit);
        await collect.GetByRole(AriaRole.Button, new() { Name = "Thêm kiến nghị" }).ClickAsync();
        var item = collect.Locator("[data-item=tn1]");
        await Expect(item.Locator("[data-role=answer]")).ToHaveTextAsync("chưa có");
        await Expect(item).ToContainTextAsync("Ủy ban MTTQ");
        await Browser.ScreenshotAsync(page, "setup-preparation");

        // The setup page names the unit but hands out no link to it: only the office issues unit links.
        Assert.Equal(0, await page.Locator("a[href*='/unit?t=']").CountAsync());
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var unitLink = await office.Locator($"[data-unit='{Unit}']").GetAttributeAsync("href");
        var unitPage = await Chromium.OpenAsync(new Uri(unitLink!), 1366, 768);
        var toAnswer = unitPage.Locator($"[data-item='{id}/tn1']");
        await toAnswer.GetByRole(AriaRole.Button, new() { Name = "Gửi nội dung trả lời" }).ClickAsync();
        await Expect(unitPage.GetByTestId("command-error")).ToContainTextAsync("Nội dung trả lời");
        await toAnswer.GetByLabel("Trả lời tn1").FillAsync("Hồ sơ của hộ bà Bình đủ điều kiện, sẽ cấp giấy trong tháng này.");
        await toAnswer.GetByRole(AriaRole.Button, new() { Name = "Gửi nội dung trả lời" }).ClickAsync();
        await Expect(toAnswer.Locator("[data-role=answered]")).ToHaveTextAsync("đã gửi");

        await collect.GetByRole(AriaRole.Button, new() { Name = "Làm mới" }).ClickAsync();
        await Expect(item.Locator("[data-role=answer]")).ToHaveTextAsync("Hồ sơ của hộ bà Bình đủ điều kiện, sẽ cấp giấy trong tháng này.");
        var report = await DocumentTextAsync(id, MeetingArchive.PreMeetingEntry);
        Assert.Contains("Tổng hợp kiến nghị và nội dung trả lời trước Hội nghị đối thoại năm 2026", report);
        Assert.Contains($"Trả lời ({Unit}): Hồ sơ của hộ bà Bình đủ điều kiện, sẽ cấp giấy trong tháng này.", report);
        var invitations = await DocumentTextAsync(id, MeetingArchive.InvitationsEntry);
        Assert.Contains("DANH SÁCH KHÁCH MỜI", invitations);
        Assert.Contains("Thôn Tây\n8", invitations);
        Assert.Contains($"{Unit}\n1 (1)", await DocumentTextAsync(id, MeetingArchive.PlanEntry)); // the plan's assignments
        using (var http = new HttpClient { BaseAddress = Host.BaseAddress })
        {
            var participant = await http.GetAsync($"/api/documents/{MeetingArchive.InvitationsEntry}?t={Uri.EscapeDataString(Host.Token(id, Role.Participant, participantId: "p1"))}");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, participant.StatusCode);
        }

        // The cut-off passed (set to yesterday): nothing more is taken, with the reason.
        await page.GetByLabel("Hạn thu thập kiến nghị trước hội nghị").FillAsync(Host.Clock.VietnamToday().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu hạn" }).ClickAsync();
        await Expect(collect.GetByTestId("cutoff")).ToHaveTextAsync(Host.Clock.VietnamToday().AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await collect.GetByLabel("Người kiến nghị").FillAsync("Lê Văn Cường");
        await collect.GetByLabel("Nội dung kiến nghị").FillAsync("Đề nghị sửa đường");
        await collect.GetByLabel("Đơn vị chuẩn bị trả lời").FillAsync(Unit);
        await collect.GetByRole(AriaRole.Button, new() { Name = "Thêm kiến nghị" }).ClickAsync();
        await Expect(collect.GetByTestId("pre-meeting-error")).ToContainTextAsync("Đã hết hạn thu thập kiến nghị trước hội nghị");
        await Expect(collect.Locator("[data-item]")).ToHaveCountAsync(1);

        // At the meeting the collected items join its kiến nghị with their prepared answers.
        await collect.GetByRole(AriaRole.Button, new() { Name = "Đưa vào kiến nghị của hội nghị" }).ClickAsync();
        await Expect(item.Locator("[data-role=answer]")).ToContainTextAsync("đã đưa vào hội nghị");
        await Eventually.TrueAsync(() => organizer.State?.Petitions.Count == 1, "the meeting has the collected kiến nghị");
        var petition = organizer.State!.Petitions.Single();
        Assert.Equal(("Trần Thị Bình", "Hồ sơ của hộ bà Bình đủ điều kiện, sẽ cấp giấy trong tháng này."), (petition.CitizenName, petition.PreparedAnswer));
    }

    [Fact]
    public async Task ImportingCollectedPetitions_ABadRowRefusesTheWholeFile_ThenTheCorrectedFileIsTaken()
    {
        var (id, _) = await PlannedMeetingAsync();
        var page = await Chromium.OpenAsync(Page("/setup", id, Role.Organizer), 1366, 900);
        var collect = page.GetByTestId("pre-meeting");
        const string header = "Họ tên,Thôn/TDP,Nội dung,Lĩnh vực,Nguồn,Đơn vị chuẩn bị trả lời\n";
        FilePayload Csv(string rows) => new() { Name = "kien-nghi.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(header + rows) };

        await collect.GetByLabel("Chọn tệp kiến nghị thu thập trước hội nghị").SetInputFilesAsync(Csv(
            "Nguyễn Văn An,Thôn Đông,Đề nghị sửa đường,Giao thông,MTTQ,Công chức Giao thông\nTrần Thị Bình,Thôn Tây,Đề nghị cấp giấy đất,Đất đai,Hội Phụ nữ,\n"));
        await Expect(collect.GetByTestId("pre-import-problems")).ToContainTextAsync("Dòng 3: Đơn vị chuẩn bị trả lời");
        await Expect(collect.Locator("[data-item]")).ToHaveCountAsync(0);

        await collect.GetByLabel("Chọn tệp kiến nghị thu thập trước hội nghị").SetInputFilesAsync(Csv(
            "Nguyễn Văn An,Thôn Đông,Đề nghị sửa đường,Giao thông,MTTQ,Công chức Giao thông\nTrần Thị Bình,Thôn Tây,Đề nghị cấp giấy đất,Đất đai,Hội Phụ nữ,Công chức Địa chính\n"));
        await Expect(collect.GetByTestId("pre-import-done")).ToHaveTextAsync("Đã nhập 2 kiến nghị.");
        await Expect(collect.Locator("[data-item]")).ToHaveCountAsync(2);
        await Expect(collect.Locator("[data-item=tn2]")).ToContainTextAsync("Đất đai · Đoàn thể");
    }
}

/// <summary>After the meeting: one click on the office page gives what to post, and the meeting's dossier.</summary>
[Collection(RedisCollection.Name)]
public sealed class PublicationTests(RedisServer redis) : BrowserTest(redis)
{
    private static byte[] DataUri(string? href)
    {
        Assert.NotNull(href);
        return Convert.FromBase64String(href[(href.IndexOf(";base64,", StringComparison.Ordinal) + 8)..]);
    }

    [Fact]
    public async Task TheOfficePublishesAClosedMeeting_AndDownloadsItsDossier()
    {
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, "Công chức Địa chính", Host.Clock.VietnamToday().AddDays(10));
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var row = office.Locator($"[data-meeting='{id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Danh sách công khai" }).ClickAsync();
        var publication = office.GetByTestId("publication");
        await Expect(publication.Locator("[data-role=status]")).ToHaveTextAsync("Đang xử lý");
        await Expect(publication).ToContainTextAsync("Giao Công chức Địa chính giải quyết, thời hạn hoàn thành");
        await Browser.ScreenshotAsync(office, "office-publication");
        var posted = DataUri(await publication.GetByRole(AriaRole.Link, new() { Name = "Tải thông báo kết luận và danh sách (DOCX)" }).GetAttributeAsync("href"));
        using (var document = WordprocessingDocument.Open(new MemoryStream(posted), false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.True(text.IndexOf("THÔNG BÁO", StringComparison.Ordinal) < text.IndexOf("DANH SÁCH CÔNG KHAI", StringComparison.Ordinal));
            Assert.Contains("Đề nghị cấp giấy chứng nhận quyền sử dụng đất", text);
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Hồ sơ (ZIP)" }).ClickAsync();
        var zip = DataUri(await office.GetByTestId("dossier-download").GetAttributeAsync("href"));
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        Assert.Subset(archive.Entries.Select(e => e.FullName).ToHashSet(), new HashSet<string>
        {
            MeetingArchive.PlanEntry, MeetingArchive.InvitationsEntry, MeetingArchive.PreMeetingEntry, MeetingArchive.MinutesEntry,
            MeetingArchive.NoticeEntry, MeetingArchive.FollowUpEntry, MeetingArchive.EventsEntry,
        });

        await office.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo" }).ClickAsync();
        var report = DataUri(await office.GetByRole(AriaRole.Link, new() { Name = "Tải báo cáo (DOCX)" }).GetAttributeAsync("href"));
        using var reportDocument = WordprocessingDocument.Open(new MemoryStream(report), false);
        Assert.Contains("Kết quả tổ chức hội nghị đối thoại và giải quyết kiến nghị của Nhân dân", reportDocument.MainDocumentPart!.Document.Body!.InnerText);
    }
}
