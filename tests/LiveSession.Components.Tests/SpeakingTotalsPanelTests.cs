using LiveSession.Domain.Floor;
using LiveSession.Domain.Queue;
using LiveSession.Moderator.Minutes;

namespace LiveSession.Components.Tests;

/// <summary>The secretary's panel of who spoke how long, per speaker and per thôn / tổ dân phố.</summary>
public sealed class SpeakingTotalsPanelTests : BunitContext
{
    [Fact]
    public void Each_speaker_and_each_locality_shows_its_turns_and_time_longest_first()
    {
        var meeting = MeetingBuilder.Started()
            .Run(new AddOfficial("Vũ Văn Hải", "Công chức Địa chính – Xây dựng", "Đất đai"))
            .Queue("Nguyễn Văn An", "Trần Thị Bình")
            .Run(new RegisterSpeaker("Lê Văn Cường", "Thôn Tây", Topic: "Nước sạch"), Actor.Organizer);
        var official = meeting.State.Officials.Single(o => o.Name == "Vũ Văn Hải").Id;
        meeting.Run(new CallNext()).Advance(90).Run(new EndTurn())            // An, Thôn Đông: 1:30
            .Run(new InviteAnswer(official)).Advance(200).Run(new EndTurn())  // the official: 3:20
            .Run(new CallNext()).Advance(45).Run(new EndTurn())               // Bình, Thôn Đông: 0:45
            .Run(new CallNext()).Advance(150).Run(new EndTurn());             // Cường, Thôn Tây: 2:30

        var panel = Render<SpeakingTotalsPanel>(p => p.Add(c => c.State, meeting.State));

        var speakers = panel.FindAll("[data-testid=speaking-totals-by-speaker] tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, speakers.Count);
        Assert.StartsWith("Vũ Văn Hải", speakers[0]);
        Assert.Contains("3:20", speakers[0]);
        Assert.StartsWith("Lê Văn Cường", speakers[1]);
        Assert.Contains("Thôn Tây", speakers[1]);
        Assert.Contains("2:30", speakers[1]);
        Assert.StartsWith("Trần Thị Bình", speakers[3]);

        panel.FindAll("button").Single(b => b.TextContent == "Theo thôn, tổ dân phố").Click();
        var groups = panel.FindAll("[data-testid=speaking-totals-by-group] tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["Chủ trì, đại biểu, cán bộ", "1", "1", "3:20"], groups[0]);
        Assert.Equal(["Thôn Tây", "1", "1", "2:30"], groups[1]);
        Assert.Equal(["Thôn Đông", "2", "2", "2:15"], groups[2]);
    }

    [Fact]
    public void Before_any_turn_has_ended_the_panel_says_so()
    {
        var meeting = MeetingBuilder.Started().Queue("Nguyễn Văn An").Run(new CallNext()).Advance(30);
        var panel = Render<SpeakingTotalsPanel>(p => p.Add(c => c.State, meeting.State));
        Assert.Contains("Chưa có lượt phát biểu nào kết thúc", panel.Markup);
        Assert.Empty(panel.FindAll("table"));
    }
}
