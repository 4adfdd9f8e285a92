using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using LiveSession.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>After the meeting: the office sees overdue kiến nghị, the responsible unit answers on its own link, the office sees it closed.</summary>
[Collection(RedisCollection.Name)]
public sealed class FollowUpTests(RedisServer redis) : BrowserTest(redis)
{
    [Fact]
    public async Task AUnitAnswersItsOverdueItem_AndTheOfficeSeesItClosed()
    {
        const string unit = "Công chức Địa chính – Xây dựng";
        var id = await Host.CreateMeetingAsync();
        await using (var chair = await Host.ConnectAsync(id, Role.Chair))
        {
            var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10));
            foreach (var command in new MeetingCommand[]
                     {
                         new RegisterSpeaker("Trần Thị Bình", "Thôn Tây"), new CallNext(), new EndTurn(),
                         new MarkPetition("t1", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
                         new ResolvePetition("k1", PetitionResolution.Assigned, unit, deadline), new CloseMeeting(),
                     })
                Assert.True((await chair.ExecuteAsync(command)).Ok);
        }
        var records = Host.Services.GetRequiredService<MeetingRecords>();
        await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Petitions.Count == 1, "the closed meeting is archived");
        Host.Clock.Shift = TimeSpan.FromDays(30); // a month later, nothing was done

        var office = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/office"), 1366, 768);
        await office.GetByLabel("Mã quản trị").FillAsync(TestHost.AdminKey);
        await office.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
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
        await Expect(office.GetByTestId("report")).ToContainTextAsync("trả lời tại hội nghị 0 · sau hội nghị 1");
        Assert.StartsWith("data:text/csv;base64,", await office.GetByRole(AriaRole.Link, new() { Name = "Tải CSV" }).GetAttributeAsync("href"));

        var forged = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/unit?t=gia-mao"), 1366, 768);
        await Expect(forged.GetByRole(AriaRole.Alert)).ToContainTextAsync("Liên kết không hợp lệ");
    }
}
