namespace LiveSession.Components.Tests;

/// <summary>Builds real meeting states by running domain commands, as the host would, on a test clock.</summary>
internal sealed class MeetingBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 15, 1, 0, 0, TimeSpan.Zero);

    public MeetingState State { get; private set; } = MeetingState.Empty("m1");
    public DateTimeOffset Now { get; private set; } = T0;

    public static MeetingBuilder Started()
    {
        var meeting = new MeetingBuilder()
            .Run(new CreateMeeting("Hội nghị đối thoại năm 2026", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã", T0, "Nguyễn Văn Chủ", "Trần Thị Thư"), Actor.Organizer)
            .Run(new StartMeeting())
            .Run(new NextAgendaItem());
        return meeting;
    }

    public MeetingBuilder Run(MeetingCommand command, Actor? actor = null)
    {
        var (state, decision) = Decider.Execute(State, command, new CommandContext(actor ?? Actor.Chair, Now));
        Assert.True(decision.IsAccepted, decision.Error?.Message);
        State = state;
        return this;
    }

    public MeetingBuilder Queue(params string[] names)
    {
        foreach (var name in names) Run(new RegisterSpeaker(name, "Thôn Đông", Topic: "Đường giao thông"), Actor.Organizer);
        return this;
    }

    public MeetingBuilder Advance(int seconds)
    {
        Now = Now.AddSeconds(seconds);
        return this;
    }
}
