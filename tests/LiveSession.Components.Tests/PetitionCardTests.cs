using LiveSession.Client.Components;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Minutes;
using LiveSession.Moderator.Minutes;

namespace LiveSession.Components.Tests;

/// <summary>The secretary's card for one kiến nghị.</summary>
public sealed class PetitionCardTests : BunitContext
{
    [Fact]
    public void Two_answers_by_the_same_official_are_told_apart_by_whom_they_answered()
    {
        var meeting = MeetingBuilder.Started()
            .Run(new AddOfficial("Vũ Văn Hải", "Công chức Địa chính – Xây dựng", "Đất đai"))
            .Queue("Nguyễn Văn An", "Trần Thị Bình");
        var official = meeting.State.Officials.Single(o => o.Name == "Vũ Văn Hải").Id;
        foreach (var _ in new[] { 1, 2 })
        {
            meeting.Run(new CallNext()).Advance(60).Run(new EndTurn());
            meeting.Run(new InviteAnswer(official)).Advance(60).Run(new EndTurn());
        }
        meeting.Run(new MarkPetition(meeting.State.GivenTurns.First().Id, "Đề nghị sửa đường liên thôn"));

        var card = Render<PetitionCard>(p => p
            .Add(c => c.State, meeting.State)
            .Add(c => c.Petition, meeting.State.Petitions.Single())
            .Add(c => c.Run, (CommandRunner)((_, _) => Task.FromResult(true))));

        var options = card.FindAll("option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 } value && meeting.State.FindTurn(value) is not null)
            .Select(o => o.TextContent).ToList();
        Assert.Equal(2, options.Count);
        Assert.Contains(options, o => o.EndsWith("trả lời Nguyễn Văn An", StringComparison.Ordinal));
        Assert.Contains(options, o => o.EndsWith("trả lời Trần Thị Bình", StringComparison.Ordinal));
    }
}
