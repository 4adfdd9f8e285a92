namespace LiveSession.Domain.Tests;

/// <summary>
/// A meeting under test: its current state, a fixed clock the test advances, and every event accepted
/// so far. <see cref="Ok"/> asserts a command is accepted; <see cref="Refused"/> asserts it is refused
/// with the given code and leaves the very same state instance behind.
/// </summary>
internal sealed class TestMeeting
{
    public const string Id = "hn-2025-03";
    public static readonly DateTimeOffset T0 = new(2025, 3, 15, 1, 0, 0, TimeSpan.Zero);
    /// <summary>The audit's author of what the chair does with a first-generation link.</summary>
    public static readonly EventAuthor ByChair = new(Role.Chair, 0);

    /// <summary>Hall speakers registered by <see cref="Started"/>: name, locality, topic.</summary>
    public static readonly (string Name, string Locality, string Topic)[] Citizens =
    [
        ("Nguyễn Văn An", "Thôn Đông", "Đường giao thông nông thôn"),
        ("Trần Thị Bình", "Thôn Tây", "Cấp giấy chứng nhận quyền sử dụng đất"),
        ("Lê Văn Cường", "Tổ dân phố 3", "Ô nhiễm môi trường"),
        ("Phạm Thị Dung", "Thôn Nam", "Chế độ chính sách"),
        ("Hoàng Văn Em", "Thôn Bắc", "An ninh trật tự"),
    ];

    public MeetingState State { get; private set; }
    public DateTimeOffset Now { get; private set; } = T0;
    public List<MeetingEvent> Events { get; } = [];

    private TestMeeting(MeetingState state) => State = state;

    public static TestMeeting Empty() => new(MeetingState.Empty(Id));

    public static CreateMeeting CreateCommand(IReadOnlyList<string>? agendaTitles = null) => new(
        "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2025",
        MeetingKind.Periodic,
        MeetingForm.Hybrid,
        "Hội trường UBND xã",
        new DateTimeOffset(2025, 3, 15, 8, 0, 0, TimeSpan.FromHours(7)),
        "Nguyễn Văn Chủ",
        "Trần Thị Thư",
        agendaTitles);

    /// <summary>A created, not yet started meeting with the default agenda.</summary>
    public static TestMeeting Created()
    {
        var meeting = Empty();
        meeting.Ok(CreateCommand(), Actor.Organizer);
        return meeting;
    }

    /// <summary>A started meeting with <paramref name="queued"/> hall speakers queued (s1, s2, …).</summary>
    public static TestMeeting Started(int queued = 0)
    {
        var meeting = Created();
        meeting.Ok(new StartMeeting());
        meeting.Queue(queued);
        return meeting;
    }

    /// <summary>Registers the next <paramref name="count"/> citizens at the hall desk.</summary>
    public TestMeeting Queue(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (name, locality, topic) = Citizens[State.Speakers.Count % Citizens.Length];
            Ok(new RegisterSpeaker(name, locality, Topic: topic), Actor.Organizer);
        }
        return this;
    }

    /// <summary>An online participant asks to speak; returns the new registration's id.</summary>
    public string Request(string participantId, string name = "Đỗ Thị Giang")
    {
        Ok(new RegisterSpeaker(name, "Thôn Trung", Topic: "Hỏi về trợ cấp"), Actor.Participant(participantId));
        return State.Speakers[^1].Id;
    }

    public TestMeeting Advance(double seconds)
    {
        Now = Now.AddSeconds(seconds);
        return this;
    }

    /// <summary>The network the next commands come from (<see cref="CommandContext.Origin"/>); null for none.</summary>
    public string? Origin { get; set; }

    public CommandContext Context(Actor? actor = null) => new(actor ?? Actor.Chair, Now, Origin);

    /// <summary>Executes a command whatever the outcome (the default actor is the chair).</summary>
    public Decision Do(MeetingCommand command, Actor? actor = null)
    {
        var (state, decision) = Decider.Execute(State, command, Context(actor));
        State = state;
        Events.AddRange(decision.Events);
        return decision;
    }

    /// <summary>Executes a command that must be accepted; returns the events it caused.</summary>
    public IReadOnlyList<MeetingEvent> Ok(MeetingCommand command, Actor? actor = null)
    {
        var before = State.Version;
        var decision = Do(command, actor);
        Assert.True(decision.IsAccepted, $"{command.GetType().Name} was refused: {decision.Error}");
        Assert.NotEmpty(decision.Events);
        Assert.Equal(before + decision.Events.Count, State.Version);
        return decision.Events;
    }

    /// <summary>Executes a command that must be refused with <paramref name="code"/>; the state must be the same instance.</summary>
    public DomainError Refused(MeetingCommand command, string code, Actor? actor = null)
    {
        var before = State;
        var (after, decision) = Decider.Execute(before, command, Context(actor));
        Assert.False(decision.IsAccepted, $"{command.GetType().Name} was accepted but should be refused with \"{code}\".");
        Assert.Empty(decision.Events);
        Assert.Same(before, after);
        Assert.Equal(before.Version, after.Version);
        var error = decision.Error!;
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    public Speaker Speaker(string id) => State.FindSpeaker(id) ?? throw new Xunit.Sdk.XunitException($"No speaker {id}");
    public Turn Turn(string id) => State.FindTurn(id) ?? throw new Xunit.Sdk.XunitException($"No turn {id}");
    public Turn CurrentTurn => State.CurrentTurn ?? throw new Xunit.Sdk.XunitException("Nobody has the floor");
    public double Remaining => State.Floor!.Timer.RemainingAt(Now);
}
