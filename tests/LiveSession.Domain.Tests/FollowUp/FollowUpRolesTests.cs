using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Domain.Tests.FollowUp;

/// <summary>The holder × command catalog of the follow-up dossier, as <see cref="RolesTests"/> is the meeting's.</summary>
public class FollowUpRolesTests
{
    [Fact]
    public void EveryCommand_HasOneSampleInTheCatalog()
    {
        Assert.Equal(FollowUpCatalog.AllCommandNames, FollowUpCatalog.Samples.Select(s => s.Command.GetType().Name).Order());
    }

    [Theory]
    [MemberData(nameof(FollowUpCatalog.CommandNames), MemberType = typeof(FollowUpCatalog))]
    public void TheSample_IsAcceptedForAnAllowedHolder(string commandName)
    {
        var (command, fixture) = FollowUpCatalog.Sample(commandName);
        var events = fixture().Ok(command, FollowUpCatalog.ActorFor(command));
        Assert.All(events, e => Assert.Equal(FollowUpCatalog.ActorFor(command), e.By));
    }

    [Theory]
    [MemberData(nameof(FollowUpCatalog.CommandNames), MemberType = typeof(FollowUpCatalog))]
    public void EveryHolderNotAllowed_IsRefused_AndNothingChanges(string commandName)
    {
        var (command, fixture) = FollowUpCatalog.Sample(commandName);
        var d = fixture();
        var refused = Enum.GetValues<Holder>().Where(h => !command.AllowedHolders.Contains(h)).ToList();
        Assert.NotEmpty(refused);
        foreach (var holder in refused)
        {
            var error = d.Refused(command, "forbidden", TestDossier.As(holder));
            Assert.Equal($"Vai trò {HolderNames.Vietnamese(holder)} không được phép thực hiện thao tác này.", error.Message);
        }
    }

    [Fact]
    public void WhoMayDoWhat_IsTodaysRule()
    {
        Holder[] collectors = [Holder.Office, Holder.Chair, Holder.Organizer];
        Assert.True(new AddPreMeetingPetitions([]).AllowedHolders.SetEquals(collectors));
        Assert.True(new TakeIntoMeeting().AllowedHolders.SetEquals(collectors));
        Assert.True(new PrepareAnswer("tn1", "").AllowedHolders.SetEquals([Holder.Unit]));
        Assert.True(new RecordProgress("k1", FollowUpStatus.InProgress).AllowedHolders.SetEquals([Holder.Office, Holder.Unit]));
        foreach (var officeOnly in new FollowUpCommand[] { new OpenFollowUp(), new ReassignPetition("k1", "", ""), new ChangeDeadline("k1", default, ""), new CloseFollowUp("k1") })
            Assert.True(officeOnly.AllowedHolders.SetEquals([Holder.Office]), officeOnly.GetType().Name);
        // The MTTQ oversees and the meeting's other links have no part in the follow-up: none of them changes anything.
        foreach (var (command, _) in FollowUpCatalog.Samples)
            Assert.Empty(command.AllowedHolders.Intersect([Holder.Overseer, Holder.Secretary, Holder.Screen, Holder.Participant, Holder.Transcriber, Holder.Microphone, Holder.Worker, Holder.Anyone]));
    }

    [Fact]
    public void AUnit_ActsOnlyOnItsOwnItems_AndOnlyAsItself()
    {
        var before = TestDossier.Collecting();
        var error = before.Refused(new PrepareAnswer("tn2", "Không phải việc của địa chính."), "forbidden", TestDossier.As(Holder.Unit));
        Assert.Equal("Kiến nghị này không giao cho đơn vị của bạn.", error.Message);
        before.Refused(new PrepareAnswer("tn1", "Trả lời."), "forbidden", new FollowUpActor(Holder.Unit));
        before.Refused(new PrepareAnswer("tn1", "Trả lời."), "forbidden", new FollowUpActor(Holder.Unit, " "));

        var after = TestDossier.Following();
        after.Refused(new RecordProgress("k2", FollowUpStatus.InProgress), "forbidden", FollowUpActor.ForUnit(TestDossier.UnitB));
        after.Refused(new RecordProgress("k3", FollowUpStatus.Answered, "Đã trả lời."), "forbidden", TestDossier.As(Holder.Unit)); // the district's
        after.Ok(new RecordProgress("k2", FollowUpStatus.InProgress, "Đang đo đạc."), TestDossier.As(Holder.Unit));
    }
}
