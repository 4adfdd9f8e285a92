using LiveSession.Domain.Meetings;
using LiveSession.Paperwork;

namespace LiveSession.Paperwork.Tests;

/// <summary>The fingerprint that guards the signed documents when personal data is corrected or de-identified.</summary>
public sealed class SignedDocumentsTests
{
    private static readonly HashSet<DateOnly> NoHolidays = [];

    [Fact]
    public void Two_builds_of_one_state_are_equal_part_by_part()
    {
        var state = ScriptedMeeting.Played().State;
        var first = SignedDocuments.Parts(state, NoHolidays, state.Info!.Day);
        var second = SignedDocuments.Parts(state, NoHolidays, state.Info!.Day);
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (part, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[part]), part);
        var json = DomainJson.Serialize(state);
        Assert.Equal(SignedDocuments.Content(json, NoHolidays), SignedDocuments.Content(json, NoHolidays));
    }

    [Fact]
    public void A_phone_number_is_not_in_them_and_a_speakers_name_is()
    {
        var state = ScriptedMeeting.Played().State;
        var turn = state.Turns.First(t => t.SpeakerId is not null);
        var signed = SignedDocuments.Content(DomainJson.Serialize(state), NoHolidays);
        var phoned = state with { Speakers = [.. state.Speakers.Select(s => s with { Phone = "0900000000" })] };
        Assert.Equal(signed, SignedDocuments.Content(DomainJson.Serialize(phoned), NoHolidays));
        var renamed = state with { Turns = [.. state.Turns.Select(t => t.Id == turn.Id ? t with { SpeakerName = "Người khác" } : t)] };
        Assert.NotEqual(signed, SignedDocuments.Content(DomainJson.Serialize(renamed), NoHolidays));
    }
}
