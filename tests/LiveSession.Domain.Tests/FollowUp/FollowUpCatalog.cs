using LiveSession.Domain.Access;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Domain.Tests.FollowUp;

/// <summary>One sample of every follow-up command, with the dossier it is accepted on by an allowed holder.</summary>
internal static class FollowUpCatalog
{
    public static IReadOnlyList<(FollowUpCommand Command, Func<TestDossier> Fixture)> Samples { get; } =
    [
        (new AddPreMeetingPetitions([TestDossier.Entry("Lê Văn Cường")]), TestDossier.Collecting),
        (new PrepareAnswer("tn1", "Hồ sơ đủ điều kiện."), TestDossier.Collecting),
        (new TakeIntoMeeting(), Taken),
        (new OpenFollowUp(), Closed),
        (new RecordProgress("k2", FollowUpStatus.Answered, "Đã cấp giấy chứng nhận ngày 20/4/2025."), TestDossier.Following),
        (new ReassignPetition("k2", TestDossier.UnitB, "Thuộc thẩm quyền của công an xã."), TestDossier.Following),
        (new ChangeDeadline("k2", new DateOnly(2025, 5, 30), "Chờ kết quả đo đạc của huyện."), TestDossier.Following),
        (new CloseFollowUp("k1", "Người dân đã nhận giấy."), TestDossier.Following),
        (new RecordNoticeIssued(new DateOnly(2025, 3, 18)), TestDossier.Following),
        (new SetPublication(true), Noticed),
        (new ReceiveIndirectPetition("Hoàng Văn Em", "Thôn Bắc", "Đề nghị sửa cống thoát nước", "Thủy lợi", PetitionSource.Email,
            new DateOnly(2025, 3, 28), TestDossier.UnitA, new DateOnly(2025, 4, 15)), TestDossier.Register),
        (new SetCouncilSession(new DateOnly(2025, 6, 20)), TestDossier.Following),
        (new RecordResultsReported(new DateOnly(2025, 3, 25)), TestDossier.Following),
        (new RecordHigherLevelAnswer("k3", "UBND huyện đã giao Phòng Tài nguyên và Môi trường giải quyết."), TestDossier.Following),
    ];

    public static (FollowUpCommand Command, Func<TestDossier> Fixture) Sample(string typeName) =>
        Samples.Single(s => s.Command.GetType().Name == typeName);

    /// <summary>Every follow-up command the domain has, found by reflection: a new one without a sample fails the catalog test.</summary>
    public static IReadOnlyList<string> AllCommandNames { get; } =
        [.. typeof(FollowUpCommand).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(FollowUpCommand))).Select(t => t.Name).Order()];

    public static TheoryData<string> CommandNames => new(AllCommandNames);

    /// <summary>A holder allowed to send the command: the office where it may, else the unit the item is given to.</summary>
    public static FollowUpActor ActorFor(FollowUpCommand command) =>
        command.AllowedHolders.Contains(Holder.Office) ? FollowUpActor.Office : TestDossier.As(command.AllowedHolders.First());

    /// <summary>Following, with the notice's day recorded.</summary>
    private static TestDossier Noticed()
    {
        var d = TestDossier.Following();
        d.Ok(new RecordNoticeIssued(new DateOnly(2025, 3, 18)));
        return d;
    }

    /// <summary>Collecting, and the meeting took tn1 in (the dossier not told yet).</summary>
    private static TestDossier Taken()
    {
        var d = TestDossier.Collecting();
        d.TakeAtTheMeeting("tn1");
        return d;
    }

    /// <summary>A meeting closed with one kiến nghị, its follow-up not opened yet.</summary>
    private static TestDossier Closed()
    {
        var d = TestDossier.Collecting();
        d.Meeting.Ok(new StartMeeting());
        d.Meeting.Ok(new NextAgendaItem());
        d.Meeting.Queue(1);
        d.Meeting.Ok(new CallNext());
        d.Meeting.Ok(new MarkPetition("t1", "Đề nghị sửa đường liên thôn"), Actor.Secretary);
        d.Meeting.Ok(new CloseMeeting());
        return d;
    }
}
