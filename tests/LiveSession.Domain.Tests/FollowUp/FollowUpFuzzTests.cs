using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Domain.Tests.FollowUp;

/// <summary>
/// Garbage follow-up commands from every kind of holder, on dossiers at each stage: the decider never throws, a refusal
/// changes nothing and says why, and what it accepts was open to that holder, in its own office.
/// </summary>
public class FollowUpFuzzTests
{
    private static readonly string?[] Texts =
    [
        null, "", "   ", "\u0000\u001f", "<script>alert(1)</script>", "'; DROP TABLE \"Petitions\"; --", new string('ạ', 20_000),
        "k1", "k2", "k9", "tn1", "tn2", "tn-1", TestDossier.UnitA, TestDossier.UnitB, "Đã giải quyết xong.",
    ];

    private static readonly DateOnly[] Dates = [DateOnly.MinValue, DateOnly.MaxValue, new(2025, 3, 1), new(2025, 5, 30), new(2020, 1, 1)];

    private static readonly Func<TestDossier>[] Stages = [TestDossier.Collecting, TestDossier.Following];

    [Fact]
    public void ThreeThousandGarbageCommands_NeverThrow_RefusalsChangeNothing_AndOnlyAllowedHoldersOfTheOfficeChangeAnything()
    {
        var random = new Random(20261207);
        var dossiers = Stages.Select(stage => stage()).ToArray();
        var (accepted, refused) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var d = dossiers[random.Next(dossiers.Length)];
            var command = Garbage(random);
            var actor = Actor(random);
            var context = new FollowUpContext(actor, d.Now, d.Meeting.State);
            var (after, decision) = FollowUpDecider.Execute(d.Dossier, command, context);
            if (decision.Error is { } error)
            {
                Assert.Same(d.Dossier, after);
                Assert.False(string.IsNullOrWhiteSpace(error.Code), $"{command}: a refusal without a code");
                Assert.False(string.IsNullOrWhiteSpace(error.Message), $"{command}: a refusal without a message");
                refused++;
                continue;
            }
            Assert.Contains(actor.Holder, command.AllowedHolders);
            if (actor.Holder is Holder.Office or Holder.Unit) Assert.Null(actor.OfficeId); // the test meeting is the installation's own
            Assert.All(decision.Events, e => Assert.Equal((context.Now, actor), (e.At, e.By)));
            Assert.Equal(DomainJson.Serialize(after), DomainJson.Serialize(FollowUpDecider.Fold(d.Dossier, decision.Events)));
            accepted++;
        }
        // Both outcomes happened: the fuzz reached the rules, not only the gate.
        Assert.True(accepted > 0 && refused > 2000, $"{accepted} accepted, {refused} refused");
    }

    private static FollowUpActor Actor(Random random)
    {
        var holder = Enum.GetValues<Holder>()[random.Next(Enum.GetValues<Holder>().Length)];
        var office = random.Next(3) == 0 ? "xa-binh-an" : null;
        return random.Next(4) switch
        {
            0 => new FollowUpActor(holder, OfficeId: office),
            1 => new FollowUpActor(holder, Text(random), Text(random), office),
            _ => new FollowUpActor(holder, random.Next(2) == 0 ? TestDossier.UnitA : TestDossier.UnitB, OfficeId: office),
        };
    }

    private static FollowUpCommand Garbage(Random random) => random.Next(8) switch
    {
        0 => new AddPreMeetingPetitions([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new Minutes.PreMeetingPetition(
            random.Next(-2, 5), Text(random)!, Text(random), Text(random)!, Text(random), (Minutes.PetitionSource)random.Next(-1, 8),
            Text(random), Dates[random.Next(Dates.Length)], Text(random)!))]),
        1 => new PrepareAnswer(Text(random)!, Text(random)!),
        2 => new TakeIntoMeeting(),
        3 => new OpenFollowUp(),
        4 => new RecordProgress(Text(random)!, (FollowUpStatus)random.Next(-1, 8), Text(random)),
        5 => new ReassignPetition(Text(random)!, Text(random)!, Text(random)!),
        6 => new ChangeDeadline(Text(random)!, Dates[random.Next(Dates.Length)], Text(random)!),
        _ => new CloseFollowUp(Text(random)!, Text(random)),
    };

    private static string? Text(Random random) => Texts[random.Next(Texts.Length)];
}
