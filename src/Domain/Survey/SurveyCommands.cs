using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Survey;

/// <summary>The chair opens the survey, for the first time or again after closing it.</summary>
public sealed record OpenSurvey : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Survey is { IsOpen: true }
            ? DomainError.State("Phiếu lấy ý kiến đang mở.")
            : new SurveyOpened();
}

public sealed record SurveyOpened : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Survey = (state.Survey ?? new SurveyState()) with { IsOpen = true, OpenedAt = At, ClosedAt = null } };
}

/// <summary>The chair closes the survey; closing the meeting closes it too.</summary>
public sealed record CloseSurvey : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Survey is { IsOpen: true }
            ? new SurveyClosed()
            : DomainError.State("Phiếu lấy ý kiến chưa mở.");
}

public sealed record SurveyClosed : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Survey = state.Survey! with { IsOpen = false, ClosedAt = At } };
}

/// <summary>A participant answers the survey, once.</summary>
public sealed record AnswerSurvey(int Satisfaction, bool? ConcernsAnswered, string? Comment) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => SurveyRules.Respondents;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.Survey is not { IsOpen: true } survey)
            return new DomainError("survey_closed", state.Survey is null ? "Phiếu lấy ý kiến chưa được mở." : "Phiếu lấy ý kiến đã đóng.");
        var participantId = context.Actor.ParticipantId!;
        if (survey.Answers.ContainsKey(participantId))
            return new DomainError("already_answered", "Ông/bà đã gửi phiếu lấy ý kiến rồi.");
        if (Text.Range(Satisfaction, SurveyRules.MinSatisfaction, SurveyRules.MaxSatisfaction, "Mức độ hài lòng") is { } e1) return e1;
        if (Text.OptionalMultiline(Comment, "Góp ý", SurveyRules.CommentMax, out var comment) is { } e2) return e2;
        if (survey.Answers.Count >= SurveyRules.MaxAnswers)
            return DomainError.State($"Đã đạt giới hạn {SurveyRules.MaxAnswers} phiếu.");
        return new SurveyAnswered(participantId, new SurveyAnswer(Satisfaction, ConcernsAnswered, comment, default));
    }
}

/// <summary>The answer's time is the event's time, set when it is applied.</summary>
public sealed record SurveyAnswered(string ParticipantId, SurveyAnswer Answer) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Survey = state.Survey! with { Answers = state.Survey.Answers.SetItem(ParticipantId, Answer with { AnsweredAt = At }) } };
}

public static class SurveyRules
{
    public const int MinSatisfaction = 1;
    public const int MaxSatisfaction = 5;
    public const int CommentMax = 1000;
    public const int MaxAnswers = 5000;

    public static readonly IReadOnlySet<Role> Respondents = new HashSet<Role> { Role.Participant };
}
