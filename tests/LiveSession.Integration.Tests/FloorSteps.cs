using System.Collections.Immutable;
using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Queue;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>Steps the floor tests share.</summary>
internal static class FloorSteps
{
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
