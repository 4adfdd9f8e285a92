using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Tests;

public class PermissionsTests
{
    [Fact]
    public void Every_operation_has_its_holders()
    {
        Assert.All(Enum.GetValues<Operation>(), o => Assert.NotEmpty(Permissions.Table[o]));
    }

    [Fact]
    public void The_roles_that_may_send_meeting_commands_are_exactly_those_some_command_allows()
    {
        var commanders = Catalog.Commands.SelectMany(c => c.AllowedRoles).Distinct().Select(Permissions.Of).ToHashSet();
        Assert.Equal(commanders.Order(), Permissions.Table[Operation.RunMeetingCommands].Order());
    }

    [Theory]
    [InlineData(Holder.Transcriber, Operation.ReadRoleLinks)]
    [InlineData(Holder.Secretary, Operation.OpenMeetingSetup)]
    [InlineData(Holder.Participant, Operation.CatchUpEvents)]
    [InlineData(Holder.Screen, Operation.RunMeetingCommands)]
    [InlineData(Holder.Transcriber, Operation.ViewPhoto)]
    [InlineData(Holder.Organizer, Operation.RotateRoleLinks)]
    [InlineData(Holder.Overseer, Operation.ManageFollowUp)]
    [InlineData(Holder.Unit, Operation.OverseeFollowUp)]
    [InlineData(Holder.Anyone, Operation.CreateMeeting)]
    public void What_the_review_found_open_is_closed(Holder holder, Operation operation)
    {
        Assert.False(Permissions.Allows(holder, operation));
    }

    [Fact]
    public void The_organizer_shares_only_the_links_it_hands_out()
    {
        Assert.Equal([Role.Organizer, Role.Screen, Role.Participant, Role.Microphone], Permissions.SharedBy(Holder.Organizer).Order());
        Assert.Equal(Enum.GetValues<Role>(), Permissions.SharedBy(Holder.Chair).Order());
        Assert.Empty(Permissions.SharedBy(Holder.Secretary));
    }

    [Fact]
    public void A_public_operation_is_open_to_every_holder()
    {
        Assert.All(Enum.GetValues<Holder>(), h => Assert.True(Permissions.Allows(h, Operation.OpenPublicPage)));
    }

    [Fact]
    public void A_refusal_names_the_role()
    {
        var refused = Permissions.Check(Role.Transcriber, Operation.ViewPhoto);
        Assert.Equal("forbidden", refused?.Code);
        Assert.Null(Permissions.Check(Role.Transcriber, Operation.PublishCaptions));
    }
}

public class EventAuthorTests
{
    [Fact]
    public void Every_event_names_the_role_and_link_generation_that_caused_it()
    {
        var m = TestMeeting.Started();
        var (_, decision) = Decider.Execute(m.State, new Domain.Queue.RegisterSpeaker("Lê Văn Tư", "Thôn Đông"), new CommandContext(Actor.Organizer, m.Now, Generation: 3));
        Assert.All(decision.Events, e => Assert.Equal(new EventAuthor(Role.Organizer, 3), e.By));
    }

    [Fact]
    public void A_participant_is_known_by_the_name_they_registered_with_and_the_secretary_by_the_name_typed()
    {
        var m = TestMeeting.Started();
        var speakerId = m.Request("p1", "Lê Văn Tư");
        var withdrawn = m.Ok(new Domain.Queue.WithdrawSpeaker(speakerId), Actor.Participant("p1"));
        Assert.Equal(new EventAuthor(Role.Participant, 0, "p1", "Lê Văn Tư"), Assert.Single(withdrawn).By);

        var notes = m.Ok(new Domain.Minutes.SetStepNotes(m.State.Agenda[0].Id, "Ghi chú", 0, "Trần Thị Bình"), Actor.Secretary);
        Assert.Equal(new EventAuthor(Role.Secretary, 0, null, "Trần Thị Bình"), Assert.Single(notes).By);
    }
}
