using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;

namespace LiveSession.FanoutBench;

/// <summary>
/// What the chair does in one cycle of a meeting, each step a command decided from the chair's current state.
/// Every step changes something the hall screen shows (the queue's first entries or count, the floor, the timer, the
/// step), so every client — whole-state or view — gets one message per step. The cycle can repeat indefinitely:
/// it registers one speaker and calls one, and the agenda wraps around.
/// </summary>
public static class MeetingScript
{
    public static IReadOnlyList<(string Name, Func<MeetingState, MeetingCommand> Command)> Cycle { get; } =
    [
        ("register speaker", s => new RegisterSpeaker($"Người đăng ký số {s.Speakers.Count + 1}", "Thôn Bắc", Topic: "Đề nghị lắp đèn đường")),
        ("move last queued to top", s => new MoveSpeakerToTop(s.Queue[^1])),
        ("swap first two in queue", s => new MoveSpeaker(s.Queue[0], 1)),
        ("timer pause / start", ToggleTimer),
        ("timer start / pause", ToggleTimer),
        ("timer +30 s", _ => new ExtendTimer(30)),
        ("end turn (timer stops)", _ => new EndTurn()),
        ("call next", _ => new CallNext()),
        ("next agenda step", s => new StartAgendaItem(s.Agenda[(s.CurrentAgendaItem is { } item ? s.Agenda.IndexOf(item) + 1 : 0) % s.Agenda.Count].Id)),
    ];

    private static MeetingCommand ToggleTimer(MeetingState state) =>
        state.Floor is { Timer.IsRunning: true } ? new PauseTimer() : new StartTimer();
}
