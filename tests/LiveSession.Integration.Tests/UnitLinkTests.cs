using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
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
        Assert.Equal(new FollowUpLinkGrant(null, Unit), await Administration.UnitOfAsync(token));
        Assert.Null(await Administration.UnitOfAsync(token![..^4] + "AAAA"));
        Assert.Null(await Administration.UnitOfAsync("forged"));

        Host.Clock.Shift = Administration.UnitLinkLifetime - TimeSpan.FromMinutes(1);
        Assert.Equal(Unit, (await Administration.UnitOfAsync(token))?.Unit);
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
        Assert.Null(await Administration.OverseerOfAsync(unitToken));
        Assert.Null(await Administration.OverseerOfAsync(Host.Token(id, Role.Chair)));

        await office.GetByTestId("revoke-overseer").ClickAsync();
        await Expect(office.GetByTestId("overseer-link").Locator("a")).Not.ToHaveAttributeAsync("href", link!);
        var reopened = await Chromium.OpenAsync(new Uri(link!), 1366, 768);
        await Expect(reopened.GetByRole(AriaRole.Alert)).ToContainTextAsync("đã bị thu hồi");
        Assert.Equal(0, await reopened.Locator($"[data-petition='{id}/k1']").CountAsync());
    }

    [Fact]
    public async Task Two_communes_share_the_installation_and_neither_office_nor_its_unit_links_reach_the_others_items()
    {
        // Both communes have a unit of that name: the link must tell them apart by the office, not by the name.
        const string police = "Ban Chỉ huy Quân sự xã";
        var deadline = Host.Clock.VietnamToday().AddDays(10);
        var ours = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, police, deadline);
        var theirs = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, police, deadline, TestHost.SecondOffice);
        var theirsLater = await OfficeSteps.ArchivedMeetingWithAssignedItemAsync(Host, police, deadline, TestHost.SecondOffice);

        var ourToken = await Administration.UnitTokenAsync(police, TestHost.AdminKey);
        var theirToken = await Administration.UnitTokenAsync(police, TestHost.SecondOfficeKey);
        Assert.Equal(new FollowUpLinkGrant(TestHost.SecondOffice, police), await Administration.UnitOfAsync(theirToken));
        var ourPage = await Chromium.OpenAsync(new Uri(Host.BaseAddress, $"/unit?t={Uri.EscapeDataString(ourToken!)}"), 1366, 768);
        await Expect(ourPage.Locator($"[data-petition='{ours}/k1']")).ToBeVisibleAsync();
        foreach (var other in new[] { theirs, theirsLater })
            Assert.Equal(0, await ourPage.Locator($"[data-petition='{other}/k1']").CountAsync());
        var theirPage = await Chromium.OpenAsync(new Uri(Host.BaseAddress, $"/unit?t={Uri.EscapeDataString(theirToken!)}"), 1366, 768);
        await Expect(theirPage.Locator($"[data-petition='{theirsLater}/k1']")).ToBeVisibleAsync();
        Assert.Equal(0, await theirPage.Locator($"[data-petition='{ours}/k1']").CountAsync());

        // Our unit's grant cannot write on their item, nor our office act on their meeting: the domain refuses, nothing moves.
        var followUps = Host.Services.GetRequiredService<FollowUps>();
        var records = Host.Services.GetRequiredService<MeetingRecords>();
        var before = (await records.FindAsync(theirs))!.Petitions.Single();
        Assert.Equal("forbidden", (await followUps.RunAsync(theirs, new RecordProgress("k1", FollowUpStatus.Answered, "Đã xong."),
            FollowUpActor.ForUnit(police)))?.Code);
        Assert.Equal("forbidden", (await followUps.RunAsync(theirs, new CloseFollowUp("k1"), FollowUpActor.ForOffice(null)))?.Code);
        var after = (await records.FindAsync(theirs))!.Petitions.Single();
        Assert.Equal((before.Status, before.Answer, before.ClosedAt), (after.Status, after.Answer, after.ClosedAt));

        // Our admin key finds nothing of theirs: not their meeting's links, its rotation, its audit, nor their items on /office.
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        http.DefaultRequestHeaders.Add(Hub.Meetings.MeetingsApi.AdminKeyHeader, TestHost.AdminKey);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/api/meetings/{theirs}/links")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync($"/api/meetings/{theirs}/links/chair/rotate", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"/api/meetings/{ours}/links")).StatusCode);
        Assert.Null(await Administration.AuditForOfficeAsync(theirs, TestHost.AdminKey));
        Assert.NotNull(await Administration.AuditForOfficeAsync(theirs, TestHost.SecondOfficeKey));
        var ourOffice = await OfficeSteps.OfficeAsync(Chromium, Host);
        await Expect(ourOffice.Locator($"[data-petition='{ours}/k1']")).ToBeVisibleAsync();
        Assert.Equal(0, await ourOffice.Locator($"[data-petition='{theirs}/k1']").CountAsync());
        Assert.Equal(0, await ourOffice.Locator($"[data-meeting='{theirs}']").CountAsync());

        // Revoking our unit's links leaves the other commune's unit of the same name working; links still end with their lifetime.
        Assert.True(await Administration.RevokeUnitLinksAsync(police, TestHost.AdminKey));
        Assert.Null(await Administration.UnitOfAsync(ourToken));
        Assert.NotNull(await Administration.UnitOfAsync(theirToken));
        Host.Clock.Shift = Administration.UnitLinkLifetime + TimeSpan.FromMinutes(1);
        Assert.Null(await Administration.UnitOfAsync(theirToken));
    }

    [Fact]
    public async Task No_meeting_link_is_an_offices_key_so_none_mints_a_unit_or_mttq_link()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.Null(await Administration.UnitTokenAsync(Unit, Host.Token(id, role)));
            Assert.Null(await Administration.OverseerTokenAsync(Host.Token(id, role)));
            Assert.False(await Administration.RevokeUnitLinksAsync(Unit, Host.Token(id, role)));
        }
        var office = await Chromium.OpenAsync(new Uri(Host.BaseAddress, "/office"), 1366, 900);
        await office.GetByLabel("Mã quản trị").FillAsync(Host.Token(id, Role.Transcriber));
        await office.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        await Expect(office.GetByRole(AriaRole.Alert)).ToContainTextAsync("Mã quản trị không đúng");
        Assert.Equal(0, await office.Locator("a[href*='/unit?t='], a[href*='/mttq?t=']").CountAsync());
    }
}
