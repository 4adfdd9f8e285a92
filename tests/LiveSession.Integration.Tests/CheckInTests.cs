using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>Issue 21 item 6: the desk checks people in by group; the chair follows planned against present live.</summary>
[Collection(RedisCollection.Name)]
public sealed class CheckInTests(RedisServer redis) : BrowserTest(redis)
{
    [Fact]
    public async Task The_desk_checks_people_in_by_group_and_the_chair_sees_planned_against_present()
    {
        var id = await Host.CreateMeetingAsync();
        var organizer = await Connect(id, Role.Organizer);
        Assert.True((await organizer.ExecuteAsync(new SetLocalities(["Thôn Đông", "Thôn Tây"]))).Ok);
        Assert.True((await organizer.ExecuteAsync(new SetComposition(5, [new Quota("Hội Nông dân xã", QuotaKind.Organisation, 3)]))).Ok);
        var chair = await FloorSteps.OpenChairAsync(Chromium, Page("/chair", id, Role.Chair));
        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 900);

        var panel = desk.GetByTestId("check-in");
        var plus = panel.GetByRole(AriaRole.Button, new() { Name = "Thêm 1 người: Nhân dân Thôn Đông" });
        await plus.ClickAsync();
        await Expect(panel.GetByTestId("check-in-total")).ToHaveTextAsync("1");
        await plus.ClickAsync();
        await panel.GetByLabel("Nhóm").SelectOptionAsync(new SelectOptionValue { Label = "Đại biểu, cán bộ, công chức" });
        await panel.GetByLabel("Số người").FillAsync("12");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Điểm danh" }).ClickAsync();

        var board = chair.GetByTestId("check-in");
        await Expect(board.GetByTestId("check-in-total")).ToHaveTextAsync("14");
        await Expect(board).ToContainTextAsync("/ 13 theo kế hoạch");
        var dong = board.Locator("[data-group='Nhân dân Thôn Đông']");
        await Expect(dong).ToContainTextAsync("5");
        await Expect(dong.GetByTestId("check-in-present")).ToHaveTextAsync("2");
        await Expect(board.GetByRole(AriaRole.Button, new() { Name = "Thêm 1 người: Nhân dân Thôn Đông" })).ToHaveCountAsync(0);

        // Too many at once is refused in Vietnamese and changes nothing.
        await panel.GetByLabel("Số người").FillAsync("100000");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Điểm danh" }).ClickAsync();
        await Expect(desk.GetByTestId("command-error")).ToContainTextAsync("Số người điểm danh mỗi lần");
        var state = (await Host.Meetings.LoadFreshAsync(id))!;
        Assert.Equal(14, state.CheckIns.Sum(c => c.Present));
        Assert.Equal(12, CheckInRules.Present(state, CheckInKind.Official, null));
        await Browser.ScreenshotAsync(chair, "chair-check-in");
    }
}
