using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>The steps the follow-up tests share: a meeting closed and archived with one assigned kiến nghị, and the office's page.</summary>
internal static class OfficeSteps
{
    /// <summary>A meeting where Trần Thị Bình's kiến nghị (k1) is assigned to <paramref name="unit"/>, closed, once the records hold it.</summary>
    public static async Task<string> ArchivedMeetingWithAssignedItemAsync(TestHost host, string unit, DateOnly deadline, string? office = null)
    {
        var id = await host.CreateMeetingAsync(office: office);
        await using (var chair = await host.ConnectAsync(id, Role.Chair))
        {
            foreach (var command in new MeetingCommand[]
                     {
                         new RegisterSpeaker("Trần Thị Bình", "Thôn Tây"), new CallNext(), new EndTurn(),
                         new MarkPetition("t1", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
                         new ResolvePetition("k1", PetitionResolution.Assigned, unit, deadline), new CloseMeeting(),
                     })
                Assert.True((await chair.ExecuteAsync(command)).Ok);
        }
        var records = host.Services.GetRequiredService<MeetingRecords>();
        await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Petitions.Count == 1, "the closed meeting is archived");
        return id;
    }

    /// <summary>The office's dashboard, opened with its admin key (the installation's own office by default).</summary>
    public static async Task<IPage> OfficeAsync(Browser chromium, TestHost host, string adminKey = TestHost.AdminKey)
    {
        var office = await chromium.OpenAsync(new Uri(host.BaseAddress, "/office"), 1366, 900);
        await office.GetByLabel("Mã quản trị").FillAsync(adminKey);
        await office.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        return office;
    }
}
