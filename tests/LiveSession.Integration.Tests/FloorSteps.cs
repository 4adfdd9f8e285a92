using System.Collections.Immutable;
using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>Steps the floor tests share.</summary>
internal static class FloorSteps
{
    /// <summary>The chair's console in Chromium, once its keyboard shortcuts listen.</summary>
    public static async Task<IPage> OpenChairAsync(Browser chromium, Uri page, int height = 768)
    {
        var chair = await chromium.OpenAsync(page, 1366, height);
        await Expect(chair.GetByTestId("chair-console")).ToHaveAttributeAsync("data-keyboard", "on");
        return chair;
    }

    /// <summary>Each citizen registers at the desk, is called and ends their turn; returns the meeting's turns as stored.</summary>
    public static async Task<ImmutableList<Turn>> CitizensSpeakAsync(TestHost host, string meetingId, MeetingConnection chair,
        params (string Name, string? Topic)[] citizens)
    {
        foreach (var (name, topic) in citizens)
        {
            Assert.True((await chair.ExecuteAsync(new RegisterSpeaker(name, "Thôn Đông", Topic: topic))).Ok);
            Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
            Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        }
        return [.. (await host.Meetings.LoadFreshAsync(meetingId))!.GivenTurns];
    }
}
