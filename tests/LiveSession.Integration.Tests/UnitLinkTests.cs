using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.FollowUp;
using LiveSession.Records;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// A responsible unit's follow-up link: once anyone with any staff link could mint one on /setup, and it opened the
/// unit's items forever. Now only the office issues it, it expires, and the office revokes it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class UnitLinkTests(RedisServer redis) : BrowserTest(redis)
{
    private const string Unit = "Công chức Địa chính – Xây dựng";

    private IMeetingAdministration Administration => Host.Services.GetRequiredService<IMeetingAdministration>();

    [Fact]
    public async Task Only_the_office_issues_a_unit_link_and_it_opens_only_that_unit_until_it_expires()
    {
        Assert.Null(await Administration.UnitTokenAsync(Unit, "not-the-key"));
        Assert.Null(await Administration.UnitTokenAsync(Unit, null));
        var token = await Administration.UnitTokenAsync(Unit, TestHost.AdminKey);
        Assert.Equal(Unit, await Administration.UnitOfAsync(token));
        Assert.Null(await Administration.UnitOfAsync(token![..^4] + "AAAA"));
        Assert.Null(await Administration.UnitOfAsync("forged"));

        Host.Clock.Shift = Administration.UnitLinkLifetime - TimeSpan.FromMinutes(1);
        Assert.Equal(Unit, await Administration.UnitOfAsync(token));
        Host.Clock.Shift = Administration.UnitLinkLifetime + TimeSpan.FromMinutes(1);
        Assert.Null(await Administration.UnitOfAsync(token));
    }

    [Fact]
    public async Task No_meeting_link_mints_a_unit_link_on_the_setup_page()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        await using (var organizer = await Host.ConnectAsync(id, Role.Organizer))
            Assert.True((await organizer.ExecuteAsync(new UpdateMeetingInfo("Hội nghị đối thoại năm 2026", MeetingKind.Periodic, MeetingForm.Hybrid,
                "Hội trường UBND xã", Host.Clock.GetUtcNow().AddDays(20), "Nguyễn Văn An", "Trần Thị Bình"))).Ok);
        var today = Host.Clock.VietnamToday();
        Assert.Null(await Host.Services.GetRequiredService<FollowUps>().RunAsync(id, new Domain.FollowUp.AddPreMeetingPetitions(
            [new Domain.Minutes.PreMeetingPetition(1, "Trần Thị Bình", "Thôn Tây", "Cấp giấy chứng nhận", "Đất đai", Domain.Minutes.PetitionSource.Direct, null, today, Unit)]),
            Domain.FollowUp.FollowUpActor.Office));
        foreach (var role in new[] { Role.Chair, Role.Organizer })
        {
            var setup = await Chromium.OpenAsync(Page("/setup", id, role), 1366, 900);
            await Expect(setup.GetByTestId("pre-meeting")).ToContainTextAsync(Unit);
            Assert.Equal(0, await setup.Locator("a[href*='/unit?t=']").CountAsync());
        }
    }

    [Fact]
    public async Task The_office_revokes_a_units_links_and_a_page_left_open_can_no_longer_write()
    {
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, Unit, Host.Clock.VietnamToday().AddDays(10));
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var oldLink = await office.Locator($"[data-unit='{Unit}']").GetAttributeAsync("href");
        var unitPage = await Chromium.OpenAsync(new Uri(oldLink!), 1366, 768);
        var item = unitPage.Locator($"[data-petition='{id}/k1']");
        await Expect(item).ToBeVisibleAsync();
        var records = Host.Services.GetRequiredService<MeetingRecords>();
        var before = (await records.FindAsync(id))!.Petitions.Single().Status;

        await office.Locator($"[data-revoke-unit='{Unit}']").ClickAsync();
        await Expect(office.Locator($"[data-unit='{Unit}']")).Not.ToHaveAttributeAsync("href", oldLink!);

        // The page opened before: its next write is refused and it shows why.
        await item.GetByLabel("Nội dung trả lời k1").FillAsync("Ghi bằng liên kết đã bị thu hồi.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời" }).ClickAsync();
        await Expect(unitPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("đã bị thu hồi");
        var petition = (await records.FindAsync(id))!.Petitions.Single();
        Assert.Equal((before, null), (petition.Status, petition.Answer));
        Assert.NotEqual(FollowUpStatus.Answered, petition.Status);
        // Opened again, the old link shows nothing; the new one works.
        var reopened = await Chromium.OpenAsync(new Uri(oldLink!), 1366, 768);
        await Expect(reopened.GetByRole(AriaRole.Alert)).ToContainTextAsync("đã bị thu hồi");
        Assert.Equal(0, await reopened.Locator($"[data-petition='{id}/k1']").CountAsync());
        var newLink = await office.Locator($"[data-unit='{Unit}']").GetAttributeAsync("href");
        var renewed = await Chromium.OpenAsync(new Uri(newLink!), 1366, 768);
        await Expect(renewed.Locator($"[data-petition='{id}/k1']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_mttq_reads_every_item_through_its_own_link_changes_nothing_and_the_office_revokes_it()
    {
        var id = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, Unit, Host.Clock.VietnamToday().AddDays(10));
        Assert.Null(await Administration.OverseerTokenAsync("not-the-key"));
        var office = await OfficeSteps.OfficeAsync(Chromium, Host);
        var link = await office.GetByTestId("overseer-link").Locator("a").GetAttributeAsync("href");

        var mttq = await Chromium.OpenAsync(new Uri(link!), 1366, 768);
        var item = mttq.Locator($"[data-petition='{id}/k1']");
        await Expect(item).ToContainTextAsync(Unit);
        Assert.Equal(0, await mttq.Locator("textarea, button, input").CountAsync());
        await Browser.ScreenshotAsync(mttq, "mttq-follow-up");

        // Each link opens only its own page: the MTTQ's is no unit's, a unit's is not the MTTQ's.
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link!).Query)["t"];
        Assert.Null(await Administration.UnitOfAsync(token));
        var unitToken = await Administration.UnitTokenAsync(Unit, TestHost.AdminKey);
        Assert.False(await Administration.IsOverseerAsync(unitToken));
        Assert.False(await Administration.IsOverseerAsync(Host.Token(id, Role.Chair)));

        await office.GetByTestId("revoke-overseer").ClickAsync();
        await Expect(office.GetByTestId("overseer-link").Locator("a")).Not.ToHaveAttributeAsync("href", link!);
        var reopened = await Chromium.OpenAsync(new Uri(link!), 1366, 768);
        await Expect(reopened.GetByRole(AriaRole.Alert)).ToContainTextAsync("đã bị thu hồi");
        Assert.Equal(0, await reopened.Locator($"[data-petition='{id}/k1']").CountAsync());
    }
}
