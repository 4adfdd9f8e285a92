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
        state with { Survey = (state.Survey ?? new SurveyState()) with { IsOpen = true, OpenedAt = At, ClosedAt = null, ResultsShown = false } };
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

/// <summary>
/// The desk or the secretary enters the tally of the paper ballots collected in the hall: how many ballots, and how many
/// chose each score (a ballot may leave the score blank). It replaces the previous tally, so a miscount is corrected by entering it again.
/// </summary>
/// <param name="CountBySatisfaction">Five counts: index 0 is score 1, index 4 score 5.</param>
public sealed record RecordPaperBallots(int Ballots, IReadOnlyList<int> CountBySatisfaction) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => SurveyRules.PaperTally;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.Status == MeetingStatus.Scheduled)
            return new DomainError("meeting_not_started", "Hội nghị chưa bắt đầu, chưa có phiếu giấy để nhập.");
        if (Text.Range(Ballots, 0, SurveyRules.MaxPaperBallots, "Số phiếu giấy") is { } e1) return e1;
        if (CountBySatisfaction is null || CountBySatisfaction.Count != SurveyRules.Scores)
            return DomainError.Invalid($"Cần nhập số phiếu cho đủ {SurveyRules.Scores} mức hài lòng.");
        long scored = 0;
        for (var i = 0; i < SurveyRules.Scores; i++)
        {
            var label = SurveyWording.SatisfactionLabels[i];
            if (Text.Range(CountBySatisfaction[i], 0, SurveyRules.MaxPaperBallots, $"Số phiếu \"{label}\"") is { } e2) return e2;
            scored += CountBySatisfaction[i];
        }
        if (scored > Ballots)
            return DomainError.Invalid($"Tổng số phiếu theo mức hài lòng ({scored}) lớn hơn số phiếu giấy ({Ballots}).");
        var tally = new PaperBallots(Ballots, [.. CountBySatisfaction]);
        return state.Survey?.Paper is { } before && before.SameAs(tally)
            ? DomainError.State("Kết quả phiếu giấy không thay đổi.")
            : new PaperBallotsRecorded(tally);
    }
}

public sealed record PaperBallotsRecorded(PaperBallots Tally) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Survey = (state.Survey ?? new SurveyState()) with { Paper = Tally with { RecordedAt = At } } };
}

/// <summary>The chair shows the survey's results on the hall screen, or takes them off. Reopening the survey takes them off.</summary>
public sealed record ShowSurveyResults(bool Shown) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Chair;
    public override bool RequiresMeetingInProgress => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Survey is not { } survey ? DomainError.State("Chưa có phiếu lấy ý kiến nào.")
        : Shown && survey.IsOpen ? DomainError.State("Đóng phiếu trước khi chiếu kết quả.")
        : survey.ResultsShown == Shown ? DomainError.State(Shown ? "Kết quả đang được chiếu." : "Kết quả không được chiếu.")
        : new SurveyResultsShown(Shown);
}

public sealed record SurveyResultsShown(bool Shown) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Survey = state.Survey! with { ResultsShown = Shown } };
}

public static class SurveyRules
{
    public const int MinSatisfaction = 1;
    public const int MaxSatisfaction = 5;
    public const int CommentMax = 1000;
    public const int MaxAnswers = 5000;
    public const int Scores = MaxSatisfaction - MinSatisfaction + 1;
    /// <summary>More paper ballots than any hall holds is a typing mistake.</summary>
    public const int MaxPaperBallots = 5000;

    public static readonly IReadOnlySet<Role> Respondents = new HashSet<Role> { Role.Participant };
    /// <summary>Who enters the paper ballots' tally: the registration desk and the secretary (and the chair, who may do anything of the meeting's).</summary>
    public static readonly IReadOnlySet<Role> PaperTally = new HashSet<Role> { Role.Chair, Role.Organizer, Role.Secretary };
}
