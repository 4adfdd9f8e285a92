using LiveSession.Domain.Agenda;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Floor;

/// <summary>
/// Mời báo cáo: an official gives the scheduled report of the agenda step that is running — step 4, the Phó Chủ
/// tịch's report on the socio-economic situation, defence and security; step 5, the answers to the kiến nghị collected
/// before the meeting. The turn is timed by the step's planned minutes unless the chair gives others, recorded and
/// transcribed like any turn, and printed under its step in the biên bản. The step is named so that a click on a
/// console that still shows the previous step does not put the report under the wrong one.
/// </summary>
public sealed record StartReport(string OfficialId, string AgendaItemId, int? Minutes = null) : MeetingCommand
{
    public const int MaxMinutes = 120;

    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindOfficial(OfficialId ?? "") is not { } official)
            return DomainError.NotFound("cán bộ báo cáo", OfficialId ?? "");
        if (AgendaRules.Find(state, AgendaItemId, out var step) is { } e1) return e1;
        if (state.CurrentAgendaItemId != step.Id)
            return DomainError.State($"Bước \"{step.Title}\" chưa diễn ra: hãy chuyển sang bước này rồi mời báo cáo.");
        if (Minutes is { } minutes && Text.Range(minutes, 1, MaxMinutes, "Thời gian báo cáo (phút)") is { } e2) return e2;
        if (state.CurrentTurn is { Kind: TurnKind.Report } current && current.OfficialId == official.Id && current.AgendaItemId == step.Id)
            return DomainError.State($"{current.SpeakerName} đang báo cáo.");
        var turn = FloorRules.NewTurn(state, TurnKind.Report, official.Name.Length > 0 ? official.Name : official.Title, official.Title, step.Title)
            with { OfficialId = official.Id };
        return FloorRules.Open(state, turn, PlannedSeconds(step, Minutes));
    }

    /// <summary>The report's time: the chair's, else the step's planned minutes (at least one, at most <see cref="MaxMinutes"/>).</summary>
    public static int PlannedSeconds(AgendaItem step, int? minutes = null) =>
        (minutes ?? Math.Clamp(step.PlannedMinutes, 1, MaxMinutes)) * 60;
}
