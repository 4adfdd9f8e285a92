using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Domain.Tests.FollowUp;

/// <summary>
/// A follow-up dossier under test beside its live meeting (a <see cref="TestMeeting"/>), on a clock of its own.
/// <see cref="Ok"/> asserts a command is accepted; <see cref="Refused"/> that it is refused with a code and leaves the very
/// same dossier instance behind.
/// </summary>
internal sealed class TestDossier
{
    public const string UnitA = "Công chức Địa chính – Xây dựng";
    public const string UnitB = "Công an xã";

    public TestMeeting Meeting { get; }
    public PetitionDossier Dossier { get; private set; } = PetitionDossier.Empty(TestMeeting.Id);
    /// <summary>Ten days before the meeting of 15/3/2025: kiến nghị are still collected (the cut-off is 14/3).</summary>
    public DateTimeOffset Now { get; set; } = TestMeeting.T0.AddDays(-10);
    public List<FollowUpEvent> Events { get; } = [];

    private TestDossier(TestMeeting meeting) => Meeting = meeting;

    public static FollowUpActor As(Holder holder) => holder == Holder.Unit ? FollowUpActor.ForUnit(UnitA) : new FollowUpActor(holder);

    public static PreMeetingPetition Entry(string name, string unit = UnitA, int line = 0, string summary = "Đề nghị cấp giấy chứng nhận quyền sử dụng đất") =>
        new(line, name, "Thôn Đông", summary, "Đất đai", PetitionSource.VillageHead, "Trưởng thôn Đông", new DateOnly(2025, 3, 1), unit);

    /// <summary>The installation's own office's register of kiến nghị received outside any meeting, empty; now is 1/4/2025.</summary>
    public static TestDossier Register()
    {
        var d = new TestDossier(TestMeeting.Created()) { Now = new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero) };
        d.Dossier = PetitionDossier.Empty(IndirectRegister.IdOf(null));
        return d;
    }

    /// <summary>A planned meeting with two collected items: tn1 for <see cref="UnitA"/>, tn2 for <see cref="UnitB"/>.</summary>
    public static TestDossier Collecting()
    {
        var d = new TestDossier(TestMeeting.Created());
        d.Ok(new AddPreMeetingPetitions([Entry("Nguyễn Văn An", line: 2), Entry("Trần Thị Bình", UnitB, 3, "Mất trật tự ban đêm")]));
        return d;
    }

    /// <summary>
    /// A closed meeting followed up: tn1 was taken in as k1 (answer prepared, answered on the spot); k2 is assigned to
    /// <see cref="UnitA"/> until 30/4/2025; k3 is passed up to the district. Now is 1/4/2025.
    /// </summary>
    public static TestDossier Following()
    {
        var d = Collecting();
        d.Ok(new PrepareAnswer("tn1", "Hồ sơ đủ điều kiện, cấp trong tháng 4."), As(Holder.Unit));
        var m = d.Meeting;
        d.TakeAtTheMeeting("tn1");
        m.Ok(new StartMeeting());
        m.Ok(new NextAgendaItem());
        m.Queue(2);
        m.Ok(new CallNext());
        m.Ok(new EndTurn());
        m.Ok(new ResolvePetition("k1", PetitionResolution.AnsweredOnSpot), Actor.Secretary);
        m.Ok(new MarkPetition("t1", "Đề nghị sửa đường liên thôn"), Actor.Secretary);
        m.Ok(new ResolvePetition("k2", PetitionResolution.Assigned, UnitA, new DateOnly(2025, 4, 30)), Actor.Secretary);
        m.Ok(new MarkPetition("t1", "Đề nghị làm rõ nguồn gốc đất"), Actor.Secretary);
        m.Ok(new ResolvePetition("k3", PetitionResolution.Escalated, "UBND huyện"), Actor.Secretary);
        m.Ok(new CloseMeeting());
        d.Now = new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero);
        d.Ok(new TakeIntoMeeting());
        d.Ok(new OpenFollowUp());
        return d;
    }

    /// <summary>The organizer takes pre-meeting items into the live meeting (the meeting's own write, with their numbers).</summary>
    public void TakeAtTheMeeting(params string[] numbers) =>
        Meeting.Ok(new ImportRegistrations([.. numbers.Select((n, i) => Dossier.FindPreMeeting(n)!).Select((p, i) => new RegistrationRow(i + 1, p.CitizenName, p.Locality,
            Topic: p.Summary, Field: p.Field, Kind: RegistrationKind.Petition, PreparedAnswer: p.PreparedAnswer, PreMeetingNumber: p.Number))]), Actor.Organizer);

    public FollowUpContext Context(FollowUpActor? actor) => new(actor ?? FollowUpActor.Office, Now, Meeting.State);

    public FollowUpDecision Do(FollowUpCommand command, FollowUpActor? actor = null)
    {
        var (dossier, decision) = FollowUpDecider.Execute(Dossier, command, Context(actor));
        Dossier = dossier;
        Events.AddRange(decision.Events);
        return decision;
    }

    /// <summary>Executes a command that must be accepted (by the office unless told); returns its events, which must not be none.</summary>
    public IReadOnlyList<FollowUpEvent> Ok(FollowUpCommand command, FollowUpActor? actor = null)
    {
        var before = Dossier.Version;
        var decision = Do(command, actor);
        Assert.True(decision.IsAccepted, $"{command.GetType().Name} was refused: {decision.Error}");
        Assert.NotEmpty(decision.Events);
        Assert.Equal(before + decision.Events.Count, Dossier.Version);
        return decision.Events;
    }

    /// <summary>Executes a command that must be refused with <paramref name="code"/>; the dossier must be the same instance.</summary>
    public DomainError Refused(FollowUpCommand command, string code, FollowUpActor? actor = null)
    {
        var before = Dossier;
        var (after, decision) = FollowUpDecider.Execute(before, command, Context(actor));
        Assert.False(decision.IsAccepted, $"{command.GetType().Name} was accepted but should be refused with \"{code}\".");
        Assert.Empty(decision.Events);
        Assert.Same(before, after);
        Assert.Equal(code, decision.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Error.Message));
        return decision.Error;
    }

    public PreMeetingItem PreMeeting(string number) => Dossier.FindPreMeeting(number) ?? throw new Xunit.Sdk.XunitException($"No item {number}");
    public FollowedPetition Followed(string id) => Dossier.FindFollowed(id) ?? throw new Xunit.Sdk.XunitException($"No kiến nghị {id}");
}
