using System.Collections.Immutable;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;

namespace LiveSession.Domain.Minutes;

/// <summary>The chair's resolution of a kiến nghị.</summary>
public enum PetitionResolution
{
    /// <summary>Not resolved yet.</summary>
    Open,
    /// <summary>Trả lời trực tiếp tại hội nghị.</summary>
    AnsweredOnSpot,
    /// <summary>Giao đơn vị giải quyết, có thời hạn.</summary>
    Assigned,
    /// <summary>Đề xuất cấp trên giải quyết.</summary>
    Escalated,
    /// <summary>Trả lời bằng văn bản trong 5 ngày làm việc.</summary>
    WrittenAnswer,
}

/// <summary>
/// A kiến nghị: raised in a turn, sent as a written question at the meeting (<see cref="QuestionId"/>), or
/// collected before the meeting (with a prepared answer and <see cref="PreMeetingNumber"/>, the "tn…" number it had in the
/// follow-up dossier). Its answer may link the answering turn; the chair resolves it. <see cref="OffTopic"/>: a question
/// outside the meeting's content (câu hỏi ngoài nội dung), received and answered in writing, under no turn.
/// </summary>
public sealed record Petition(
    string Id,
    string Summary,
    string? Field,
    string CitizenName,
    string? Locality,
    string? RaisedInTurnId = null,
    string? PreparedAnswer = null,
    string? Answer = null,
    string? AnsweredBy = null,
    string? AnsweringTurnId = null,
    PetitionResolution Resolution = PetitionResolution.Open,
    string? ResponsibleUnit = null,
    DateOnly? Deadline = null,
    string? QuestionId = null,
    string? PreMeetingNumber = null,
    bool OffTopic = false);

public static class PetitionRules
{
    public const int SummaryMax = 1000;
    public const int AnswerMax = 10_000;
    public const int MaxPetitions = 2000;
    /// <summary>Longest pre-meeting number ("tn123").</summary>
    public const int PreMeetingNumberMax = 20;
    /// <summary>Days, from the meeting, within which a written answer is due (working days).</summary>
    public const int WrittenAnswerWorkingDays = 5;

    internal static DomainError? Find(MeetingState state, string? id, out Petition petition)
    {
        petition = state.Petitions.Find(p => p.Id == id)!;
        return petition is null ? DomainError.NotFound("kiến nghị", id ?? "") : null;
    }

    /// <summary>The kiến nghị made from a written question, if any: a question gives at most one.</summary>
    public static Petition? FromQuestion(MeetingState state, string questionId) => state.Petitions.Find(p => p.QuestionId == questionId);

    /// <summary>The kiến nghị a pre-meeting item ("tn1") became when it was taken into the meeting, if it was.</summary>
    public static Petition? FromPreMeeting(MeetingState state, string number) => state.Petitions.Find(p => p.PreMeetingNumber == number);

    internal static DomainError? CheckRoomFor(MeetingState state, int count) =>
        state.Petitions.Count + count > MaxPetitions ? DomainError.State($"Đã đạt giới hạn {MaxPetitions} kiến nghị.") : null;

    public static string ResolutionName(PetitionResolution resolution) => resolution switch
    {
        PetitionResolution.Open => "chưa kết luận",
        PetitionResolution.AnsweredOnSpot => "đã trả lời tại hội nghị",
        PetitionResolution.Assigned => "giao đơn vị giải quyết",
        PetitionResolution.Escalated => "đề xuất cấp trên giải quyết",
        PetitionResolution.WrittenAnswer => "trả lời bằng văn bản",
        _ => resolution.ToString(),
    };
}

/// <summary>Marks a kiến nghị raised in a citizen's turn; the citizen and locality come from the turn.</summary>
public sealed record MarkPetition(string TurnId, string Summary, string? Field = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindTurn(TurnId ?? "") is not { } turn) return DomainError.NotFound("lượt phát biểu", TurnId ?? "");
        if (turn.Kind is not (TurnKind.Citizen or TurnKind.FollowUp))
            return DomainError.State("Kiến nghị chỉ được ghi từ lượt phát biểu của người dân.");
        if (Text.RequiredMultiline(Summary, "Tóm tắt kiến nghị", PetitionRules.SummaryMax, out var summary) is { } e1) return e1;
        if (Text.Optional(Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e2) return e2;
        if (PetitionRules.CheckRoomFor(state, 1) is { } full) return full;
        return new PetitionMarked(new Petition($"k{state.PetitionsCreated + 1}", summary, field ?? turn.Topic, turn.SpeakerName, turn.Locality, turn.Id));
    }
}

public sealed record PetitionMarked(Petition Petition) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.AddPetition(Petition);
}

/// <summary>
/// Takes an approved written question into the kiến nghị, with its asker, locality, field and text (or a shorter
/// <see cref="Summary"/> typed by the secretary), so that it reaches the minutes without being typed again.
/// <see cref="InWriting"/>: the question is outside the meeting's content and is answered in writing (by
/// <see cref="ResponsibleUnit"/>), like <see cref="RecordOffTopicPetition"/>.
/// </summary>
public sealed record ConvertQuestionToPetition(string QuestionId, string? Summary = null, bool InWriting = false, string? ResponsibleUnit = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindQuestion(QuestionId ?? "") is not { } question) return DomainError.NotFound("câu hỏi", QuestionId ?? "");
        if (question.Status is not (QuestionStatus.Approved or QuestionStatus.Answered))
            return DomainError.State($"Chỉ chuyển thành kiến nghị được câu hỏi đã duyệt; câu hỏi {question.Id} đang ở trạng thái \"{QuestionRules.StatusName(question.Status)}\".");
        if (PetitionRules.FromQuestion(state, question.Id) is { } existing)
            return DomainError.State($"Câu hỏi {question.Id} đã được chuyển thành kiến nghị {existing.Id}.");
        if (Text.RequiredMultiline(Summary ?? question.Text, "Tóm tắt kiến nghị", PetitionRules.SummaryMax, out var summary) is { } e1) return e1;
        if (Text.Optional(ResponsibleUnit, "Đơn vị trả lời", Text.ShortMax, out var unit) is { } e2) return e2;
        if (unit is not null && !InWriting) return DomainError.Invalid("Đơn vị trả lời chỉ ghi khi câu hỏi được trả lời bằng văn bản.");
        if (PetitionRules.CheckRoomFor(state, 1) is { } full) return full;
        var petition = new Petition($"k{state.PetitionsCreated + 1}", summary, question.Field, question.AskerName, question.Locality,
            QuestionId: question.Id);
        return InWriting
            ? new OffTopicPetitionRecorded(petition with { OffTopic = true, Resolution = PetitionResolution.WrittenAnswer, ResponsibleUnit = unit })
            : new PetitionMarked(petition);
    }
}

/// <summary>Records the answer to a kiến nghị; with an answering turn, who answered comes from it.</summary>
public sealed record RecordPetitionAnswer(string PetitionId, string Answer, string? AnsweringTurnId = null, string? AnsweredBy = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (PetitionRules.Find(state, PetitionId, out _) is { } e1) return e1;
        if (Text.RequiredMultiline(Answer, "Nội dung trả lời", PetitionRules.AnswerMax, out var answer) is { } e2) return e2;
        if (Text.Optional(AnsweredBy, "Người trả lời", Text.ShortMax, out var by) is { } e3) return e3;
        if (AnsweringTurnId is not null)
        {
            if (state.FindTurn(AnsweringTurnId) is not { } turn) return DomainError.NotFound("lượt phát biểu", AnsweringTurnId);
            by ??= turn.Kind is TurnKind.Answer or TurnKind.Report && turn.Locality is { } title && title != turn.SpeakerName ? $"{turn.SpeakerName}, {title}" : turn.SpeakerName;
        }
        return new PetitionAnswered(PetitionId, answer, by, AnsweringTurnId);
    }
}

public sealed record PetitionAnswered(string PetitionId, string Answer, string? AnsweredBy, string? AnsweringTurnId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.UpdatePetition(PetitionId, p => p with
    {
        Answer = Answer,
        AnsweredBy = AnsweredBy,
        AnsweringTurnId = AnsweringTurnId,
    });
}

/// <summary>
/// The chair's resolution: answered on the spot (needs an answer), assigned to a unit with a deadline,
/// escalated to a higher level (the unit proposed to), or a written answer (the deadline is computed
/// by the office from working days).
/// </summary>
public sealed record ResolvePetition(string PetitionId, PetitionResolution Resolution, string? ResponsibleUnit = null, DateOnly? Deadline = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (PetitionRules.Find(state, PetitionId, out var petition) is { } e1) return e1;
        if (!Enum.IsDefined(Resolution)) return DomainError.Invalid("Hình thức kết luận không hợp lệ.");
        if (Text.Optional(ResponsibleUnit, "Đơn vị giải quyết", Text.ShortMax, out var unit) is { } e2) return e2;
        switch (Resolution)
        {
            case PetitionResolution.AnsweredOnSpot when petition.Answer is null && petition.PreparedAnswer is null:
                return DomainError.State("Hãy ghi nội dung trả lời trước khi kết luận là đã trả lời tại hội nghị.");
            case PetitionResolution.Assigned when unit is null || Deadline is null:
                return DomainError.Invalid("Giao đơn vị giải quyết cần ghi đơn vị và thời hạn.");
            case PetitionResolution.Assigned when Deadline < DateOnly.FromDateTime(context.Now.UtcDateTime):
                return DomainError.Invalid("Thời hạn giải quyết không được ở trong quá khứ.");
            case PetitionResolution.Escalated when unit is null:
                return DomainError.Invalid("Đề xuất cấp trên cần ghi cơ quan được đề xuất.");
        }
        var deadline = Resolution is PetitionResolution.Assigned ? Deadline : null;
        var responsible = Resolution is PetitionResolution.Assigned or PetitionResolution.Escalated or PetitionResolution.WrittenAnswer ? unit : null;
        return new PetitionResolved(PetitionId, Resolution, responsible, deadline);
    }
}

public sealed record PetitionResolved(string PetitionId, PetitionResolution Resolution, string? ResponsibleUnit, DateOnly? Deadline) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.UpdatePetition(PetitionId, p => p with
    {
        Resolution = Resolution,
        ResponsibleUnit = ResponsibleUnit,
        Deadline = Deadline,
    });
}

/// <summary>Removes a kiến nghị marked by mistake.</summary>
public sealed record RemovePetition(string PetitionId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        PetitionRules.Find(state, PetitionId, out _) is { } error ? error : new PetitionRemoved(PetitionId);
}

public sealed record PetitionRemoved(string PetitionId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Petitions = state.Petitions.RemoveAll(p => p.Id == PetitionId) };
}
