namespace LiveSession.Domain.Floor;

/// <summary>
/// The speaking timer as data: nothing ticks on the server. Clients render
/// <see cref="RemainingAt"/> against server time; a negative remainder is overtime.
/// </summary>
public sealed record SpeakingTimer(int AllottedSeconds, DateTimeOffset? RunningSince, double ElapsedBeforeSeconds = 0)
{
    public static SpeakingTimer StartNew(int allottedSeconds, DateTimeOffset now) => new(allottedSeconds, now);

    public bool IsRunning => RunningSince is not null;

    public double ElapsedAt(DateTimeOffset now) =>
        ElapsedBeforeSeconds + (RunningSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0);

    public double RemainingAt(DateTimeOffset now) => AllottedSeconds - ElapsedAt(now);

    public bool IsOvertimeAt(DateTimeOffset now) => RemainingAt(now) < 0;

    public SpeakingTimer Pause(DateTimeOffset now) => new(AllottedSeconds, null, ElapsedAt(now));

    public SpeakingTimer Resume(DateTimeOffset now) => this with { RunningSince = now };

    public SpeakingTimer Extend(int seconds) => this with { AllottedSeconds = AllottedSeconds + seconds };
}
