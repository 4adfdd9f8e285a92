using LiveSession.Moderator.Setup;

namespace LiveSession.Components.Tests;

/// <summary>The plan form of the new meeting and setup pages.</summary>
public sealed class MeetingPlanFormTests : BunitContext
{
    [Fact]
    public void The_chair_and_the_secretary_are_asked_for_a_name_and_a_job_title_apart()
    {
        MeetingPlanModel? submitted = null;
        var form = Render<MeetingPlanForm>(p => p
            .Add(c => c.Model, new MeetingPlanModel { Start = new DateTime(2025, 3, 15, 8, 0, 0) })
            .Add(c => c.OnSubmit, (MeetingPlanModel m) => submitted = m));

        // The name field no longer invites a title.
        Assert.Equal("Nguyễn Văn A", form.Find("input[name=chair]").GetAttribute("placeholder"));
        Assert.Equal("Chủ tịch UBND xã", form.Find("input[name=chair-title]").GetAttribute("placeholder"));
        form.Find("input[name=chair]").Change("Nguyễn Văn Chủ");
        form.Find("input[name=chair-title]").Change("Chủ tịch UBND xã An Hưng");
        form.Find("input[name=secretary]").Change("Trần Thị Thư");
        form.Find("input[name=secretary-title]").Change("Công chức Văn phòng – Thống kê");
        form.Find("form").Submit();

        var create = submitted!.ToCreate();
        Assert.Equal(("Nguyễn Văn Chủ", "Chủ tịch UBND xã An Hưng", "Trần Thị Thư", "Công chức Văn phòng – Thống kê"),
            (create.ChairName, create.ChairTitle, create.SecretaryName, create.SecretaryTitle));
        var meeting = MeetingState.Empty("hn");
        var (state, decision) = Decider.Execute(meeting, create, new CommandContext(Actor.Organizer, DateTimeOffset.UnixEpoch));
        Assert.True(decision.IsAccepted);
        // The setup page reads it back into the same fields.
        var again = MeetingPlanModel.From(state.Info!);
        Assert.Equal(("Chủ tịch UBND xã An Hưng", "Công chức Văn phòng – Thống kê"), (again.ChairTitle, again.SecretaryTitle));
        Assert.Equal(create, again.ToCreate());
    }
}
