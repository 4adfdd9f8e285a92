using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Floor;

/// <summary>Resumes the paused timer of the current turn.</summary>
public sealed record StartTimer : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) => state.Floor switch
    {
        null => FloorRules.NobodySpeaking,
        { Timer.IsRunning: true } => DomainError.State("Đồng hồ đang chạy."),
        _ => new TimerStarted(),
    };
}

public sealed record TimerStarted : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Floor = state.Floor! with { Timer = state.Floor.Timer.Resume(At) } };
}

public sealed record PauseTimer : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) => state.Floor switch
    {
        null => FloorRules.NobodySpeaking,
        { Timer.IsRunning: false } => DomainError.State("Đồng hồ đang tạm dừng."),
        _ => new TimerPaused(),
    };
}

public sealed record TimerPaused : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Floor = state.Floor! with { Timer = state.Floor.Timer.Pause(At) } };
}

/// <summary>Gives the current speaker more time (+30 s, +1 min…).</summary>
public sealed record ExtendTimer(int Seconds) : MeetingCommand
{
    public const int MaxSeconds = 600;

    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Text.Range(Seconds, 1, MaxSeconds, "Số giây thêm") is { } error) return error;
        return state.Floor is null ? FloorRules.NobodySpeaking : new TimerExtended(Seconds);
    }
}

public sealed record TimerExtended(int Seconds) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Floor = state.Floor! with { Timer = state.Floor.Timer.Extend(Seconds) } };
}
