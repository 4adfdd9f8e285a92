using LiveSession.Domain.Meetings;
// The commands below have a Text property, which hides the Text helper class inside them.
using TextRules = LiveSession.Domain.Meetings.Text;

namespace LiveSession.Domain.Questions;

/// <summary>
/// Sends a written question or petition, before or during the meeting. A participant's question is
/// always their own and carries their id; the organizer enters one on behalf of someone at the desk.
/// </summary>
public sealed record SubmitQuestion(
    string AskerName,
    string? Locality,
    string Text,
    string? Field,
    string? AttachmentId = null,
    string? AskerPhone = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => QuestionRules.Askers;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Check(AskerName, Locality, Text, Field, AttachmentId, out var question) is { } error) return error;
        if (TextRules.Phone(AskerPhone, out var phone) is { } badPhone) return badPhone;
        var participantId = context.Actor.Role == Role.Participant ? context.Actor.ParticipantId : null;
        if (participantId is not null)
        {
            var own = state.Questions.Where(q => q.ParticipantId == participantId).ToList();
            if (own.Count(q => q.Status == QuestionStatus.Pending) >= QuestionRules.MaxPendingPerParticipant)
                return new DomainError("too_many_pending",
                    $"Bạn đã có {QuestionRules.MaxPendingPerParticipant} câu hỏi đang chờ duyệt; hãy chờ ban tổ chức xem xét trước khi gửi thêm.");
            if (own.Count >= QuestionRules.MaxPerParticipant)
                return new DomainError("too_many_questions", $"Bạn đã gửi {QuestionRules.MaxPerParticipant} câu hỏi; hãy liên hệ bàn thư ký nếu cần gửi thêm.");
        }
        if (QuestionRules.CheckRoomFor(state, participantId is not null, 1) is { } full) return full;

        return new QuestionSubmitted(question with { Id = $"q{state.Questions.Count + 1}", ParticipantId = participantId, AskerPhone = phone });
    }
}

/// <summary>The submission time is the event's time, set when it is applied.</summary>
public sealed record QuestionSubmitted(Question Question) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Questions = state.Questions.Add(Question with { SubmittedAt = At }) };
}

/// <summary>Accepts a pending question for answering (it may then be shown on the hall screen).</summary>
public sealed record ApproveQuestion(string QuestionId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Find(state, QuestionId, out var question) is { } error) return error;
        return question.Status == QuestionStatus.Pending
            ? new QuestionApproved(QuestionId)
            : QuestionRules.WrongStatus(question);
    }
}

public sealed record QuestionApproved(string QuestionId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateQuestion(QuestionId, q => q with { Status = QuestionStatus.Approved });
}

/// <summary>Turns a pending or approved question down, with an optional reason for the asker.</summary>
public sealed record RejectQuestion(string QuestionId, string? Reason = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Find(state, QuestionId, out var question) is { } e1) return e1;
        if (TextRules.Optional(Reason, "Lý do", QuestionRules.ReasonMax, out var reason) is { } e2) return e2;
        return question.IsOpen
            ? new QuestionRejected(QuestionId, reason)
            : QuestionRules.WrongStatus(question);
    }
}

public sealed record QuestionRejected(string QuestionId, string? Reason) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateQuestion(QuestionId, q => q with { Status = QuestionStatus.Rejected, RejectReason = Reason })
            .OffScreen(QuestionId);
}

/// <summary>
/// Merges a question into another with the same content (gộp câu hỏi trùng): it is answered with
/// the target. Questions already merged into this one follow it to the target.
/// </summary>
public sealed record MergeQuestion(string QuestionId, string IntoId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Find(state, QuestionId, out var question) is { } e1) return e1;
        if (QuestionRules.Find(state, IntoId, out var target) is { } e2) return e2;
        if (QuestionId == IntoId)
            return DomainError.Invalid("Không thể gộp câu hỏi vào chính nó.");
        if (!question.IsOpen) return QuestionRules.WrongStatus(question);
        if (!target.IsOpen) return QuestionRules.WrongStatus(target);
        return new QuestionMerged(QuestionId, IntoId);
    }
}

public sealed record QuestionMerged(string QuestionId, string IntoId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with
        {
            Questions = state.Questions.ConvertAll(q =>
                q.Id == QuestionId ? q with { Status = QuestionStatus.Merged, MergedInto = IntoId }
                : q.MergedInto == QuestionId ? q with { MergedInto = IntoId }
                : q),
            ScreenQuestionId = state.ScreenQuestionId == QuestionId ? null : state.ScreenQuestionId,
        };
}

/// <summary>Records that a question was answered, optionally in a given turn (lượt phát biểu).</summary>
public sealed record MarkQuestionAnswered(string QuestionId, string? TurnId = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Find(state, QuestionId, out var question) is { } error) return error;
        if (TurnId is not null && state.FindTurn(TurnId) is null)
            return DomainError.NotFound("lượt phát biểu", TurnId);
        return question.IsOpen
            ? new QuestionAnswered(QuestionId, TurnId)
            : QuestionRules.WrongStatus(question);
    }
}

public sealed record QuestionAnswered(string QuestionId, string? TurnId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateQuestion(QuestionId, q => q with { Status = QuestionStatus.Answered, AnsweredInTurnId = TurnId })
            .OffScreen(QuestionId);
}

/// <summary>The asker takes back their own question while it is still pending.</summary>
public sealed record WithdrawQuestion(string QuestionId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => QuestionRules.AskerOnly;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionRules.Find(state, QuestionId, out var question) is { } error) return error;
        if (question.ParticipantId != context.Actor.ParticipantId)
            return new DomainError("forbidden", "Bạn chỉ có thể rút câu hỏi của chính mình.");
        return question.Status == QuestionStatus.Pending
            ? new QuestionWithdrawn(QuestionId)
            : QuestionRules.WrongStatus(question);
    }
}

public sealed record QuestionWithdrawn(string QuestionId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateQuestion(QuestionId, q => q with { Status = QuestionStatus.Withdrawn });
}

/// <summary>Shows an approved question on the hall screen; null takes it off.</summary>
public sealed record ShowQuestionOnScreen(string? QuestionId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QuestionId is null)
            return state.ScreenQuestionId is null
                ? DomainError.State("Màn hình hội trường không hiển thị câu hỏi nào.")
                : new ScreenQuestionChanged(null);
        if (QuestionRules.Find(state, QuestionId, out var question) is { } error) return error;
        if (question.Status != QuestionStatus.Approved)
            return DomainError.State($"Chỉ hiển thị được câu hỏi đã duyệt; câu hỏi {question.Id} đang ở trạng thái \"{QuestionRules.StatusName(question.Status)}\".");
        return state.ScreenQuestionId == QuestionId
            ? DomainError.State("Câu hỏi này đang được hiển thị.")
            : new ScreenQuestionChanged(QuestionId);
    }
}

public sealed record ScreenQuestionChanged(string? QuestionId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { ScreenQuestionId = QuestionId };
}

public static class QuestionRules
{
    public const int TextMax = 2000;
    public const int ReasonMax = TextRules.TitleMax;
    public const int AttachmentIdMax = 64;
    public const int MaxPendingPerParticipant = 5;
    /// <summary>Questions one participant may send over the meeting.</summary>
    public const int MaxPerParticipant = 20;
    /// <summary>Live questions (not rejected or withdrawn) of each kind: online, and typed in at the desk.</summary>
    public const int MaxQuestions = 2000;
    /// <summary>Questions of each kind ever sent, rejected and withdrawn included.</summary>
    public const int MaxEntries = 5000;

    public static readonly IReadOnlySet<Role> Askers = new HashSet<Role> { Role.Organizer, Role.Participant };
    public static readonly IReadOnlySet<Role> AskerOnly = new HashSet<Role> { Role.Participant };

    /// <summary>Checks and normalises what an asker sends; the result is a pending question without id or asker id yet.</summary>
    internal static DomainError? Check(string? askerName, string? locality, string? text, string? field, string? attachmentId, out Question question)
    {
        question = null!;
        if (TextRules.Required(askerName, "Họ tên", TextRules.NameMax, out var name) is { } e1) return e1;
        if (TextRules.Optional(locality, "Thôn/tổ dân phố", TextRules.ShortMax, out var place) is { } e2) return e2;
        if (TextRules.RequiredMultiline(text, "Nội dung câu hỏi", TextMax, out var body) is { } e3) return e3;
        if (TextRules.Optional(field, "Lĩnh vực", TextRules.ShortMax, out var area) is { } e4) return e4;
        if (CheckAttachment(attachmentId, out var attachment) is { } e5) return e5;
        question = new Question("", name, place, null, body, area, attachment, QuestionStatus.Pending, default);
        return null;
    }

    /// <summary>Online questions and the desk's each have their own room, so a flood online never stops the desk.</summary>
    internal static DomainError? CheckRoomFor(MeetingState state, bool online, int count)
    {
        var entries = state.Questions.Where(q => q.ParticipantId is not null == online).ToList();
        return entries.Count(q => q.Status is not (QuestionStatus.Rejected or QuestionStatus.Withdrawn)) + count > MaxQuestions
            || entries.Count + count > MaxEntries
            ? DomainError.State($"Đã đạt giới hạn {MaxQuestions} câu hỏi của hội nghị.")
            : null;
    }

    internal static DomainError? Find(MeetingState state, string? id, out Question question)
    {
        question = state.FindQuestion(id ?? "")!;
        return question is null ? DomainError.NotFound("câu hỏi", id ?? "") : null;
    }

    /// <summary>An attachment id is an opaque token from the upload service; empty means none.</summary>
    internal static DomainError? CheckAttachment(string? id, out string? attachment)
    {
        attachment = string.IsNullOrEmpty(id) ? null : id;
        if (attachment is null) return null;
        return attachment.Length <= AttachmentIdMax && attachment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? null
            : DomainError.Invalid("Mã tệp đính kèm không hợp lệ.");
    }

    internal static DomainError WrongStatus(Question question) =>
        new("invalid_state", $"Câu hỏi {question.Id} đang ở trạng thái \"{StatusName(question.Status)}\", không thể thực hiện.");

    public static string StatusName(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => "chờ duyệt",
        QuestionStatus.Approved => "đã duyệt",
        QuestionStatus.Rejected => "bị từ chối",
        QuestionStatus.Merged => "đã gộp",
        QuestionStatus.Answered => "đã trả lời",
        QuestionStatus.Withdrawn => "đã rút",
        _ => status.ToString(),
    };

    /// <summary>Takes a question off the hall screen once it is no longer to be asked.</summary>
    internal static MeetingState OffScreen(this MeetingState state, string questionId) =>
        state.ScreenQuestionId == questionId ? state with { ScreenQuestionId = null } : state;
}
