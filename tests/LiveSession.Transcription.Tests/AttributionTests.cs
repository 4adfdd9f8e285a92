using LiveSession.Transcription.Attribution;

namespace LiveSession.Transcription.Tests;

public sealed class AttributionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(7));

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);
    private static TimedText Text(double from, double to, string text = "x") => new(At(from), At(to), text);

    // Turn a: 0–10 s, turn b: 10–20 s, gap, turn c: 30 s – still speaking.
    private static readonly IReadOnlyList<FloorSpan> Floor =
    [
        new("a", At(0), At(10)),
        new("b", At(10), At(20)),
        new("c", At(30), null),
    ];

    [Fact]
    public void Text_inside_a_turn_goes_to_that_turn()
    {
        var result = TurnAttribution.Attribute([Text(1, 4), Text(12, 15), Text(31, 40)], Floor);
        Assert.Equal(["a", "b", "c"], result.Select(r => r.TurnId));
    }

    [Fact]
    public void A_speaker_switch_mid_utterance_splits_the_utterance_by_its_segments()
    {
        // One utterance 7–14 s, decoded as two segments; the chair switched the floor at 10 s.
        var result = TurnAttribution.Attribute([Text(7, 9.8, "hết ý kiến"), Text(10.3, 14, "xin trả lời")], Floor);
        Assert.Equal(["a", "b"], result.Select(r => r.TurnId));
    }

    [Fact]
    public void A_segment_across_the_switch_goes_whole_to_the_turn_it_overlaps_most()
    {
        Assert.Equal("a", TurnAttribution.Attribute([Text(6, 11)], Floor)[0].TurnId);
        Assert.Equal("b", TurnAttribution.Attribute([Text(9, 16)], Floor)[0].TurnId);
    }

    [Fact]
    public void An_even_overlap_goes_to_the_turn_just_called()
    {
        Assert.Equal("b", TurnAttribution.Attribute([Text(8, 12)], Floor)[0].TurnId);
    }

    [Fact]
    public void Speech_trailing_past_the_end_of_a_turn_stays_with_it_within_the_tolerance()
    {
        var result = TurnAttribution.Attribute([Text(20.5, 22), Text(26, 27)], Floor, TimeSpan.FromSeconds(3));
        Assert.Equal("b", result[0].TurnId);
        // 26–27 s: 6 s after b ended, 3 s before c started: within 3 s of c.
        Assert.Equal("c", result[1].TurnId);
    }

    [Fact]
    public void Speech_far_from_any_turn_is_not_attributed()
    {
        var result = TurnAttribution.Attribute([Text(24, 25)], Floor, TimeSpan.FromSeconds(3));
        Assert.Null(result[0].TurnId);
        Assert.Null(TurnAttribution.Attribute([Text(1, 2)], [])[0].TurnId);
    }

    [Fact]
    public void An_open_turn_covers_speech_up_to_now()
    {
        Assert.Equal("c", TurnAttribution.Attribute([Text(100, 130)], Floor)[0].TurnId);
        Assert.Equal("c", TurnAttribution.Attribute([Text(100, 130)], Floor, now: At(120))[0].TurnId);
    }

    [Fact]
    public void Attribution_uses_the_audio_time_not_the_order_of_the_timeline()
    {
        IReadOnlyList<FloorSpan> shuffled = [Floor[2], Floor[0], Floor[1]];
        var result = TurnAttribution.Attribute([Text(12, 15), Text(1, 3)], shuffled);
        Assert.Equal(["b", "a"], result.Select(r => r.TurnId));
    }

    [Fact]
    public void The_floor_timeline_comes_from_the_meetings_turns()
    {
        var turns = new[]
        {
            new LiveSession.Domain.Floor.Turn("t2", LiveSession.Domain.Floor.TurnKind.Answer, "Chủ tịch", null, null, "step-1", At(10), EndedAt: At(20)),
            new LiveSession.Domain.Floor.Turn("t1", LiveSession.Domain.Floor.TurnKind.Citizen, "Ông Nam", "Thôn 1", null, "step-1", At(0), EndedAt: At(10)),
        };
        var floor = FloorSpan.FromTurns(turns);
        Assert.Equal([new FloorSpan("t1", At(0), At(10)), new FloorSpan("t2", At(10), At(20))], floor);
    }
}
