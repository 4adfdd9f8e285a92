using System.Collections.Immutable;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Minutes;

/// <summary>Machine speech-to-text of one turn, in pieces; the secretary's correction lives beside it.</summary>
/// <param name="Sequence">Where the piece's utterance starts in the meeting's audio (the worker's numbering, in ms).</param>
/// <param name="EndSequence">Where the audio it was heard in ends, on the same scale: a restarted worker resumes there.</param>
public sealed record TranscriptSegment(int Sequence, string Text, DateTimeOffset At, int? EndSequence = null);

/// <summary>What the minutes hold for one turn: the machine transcript and the people's corrected text.</summary>
public sealed record TurnMinutes
{
    public static TurnMinutes Empty { get; } = new();

    public ImmutableList<TranscriptSegment> Machine { get; init; } = [];
    public EditableText Corrected { get; init; } = EditableText.Empty;

    public string MachineText => string.Join(" ", Machine.Select(s => s.Text));
    /// <summary>What the minutes say: the correction when there is one, else the machine text.</summary>
    public string? Text => Corrected.Text ?? (Machine.IsEmpty ? null : MachineText);
}

/// <summary>A line of the attendance (thành phần tham dự): a group and how many came.</summary>
public sealed record AttendanceLine(string Group, int Count);

/// <summary>What the paperwork needs beyond the plan: the issuing body, its superior, the place name, the recipients.</summary>
public sealed record PaperworkDetails(
    string IssuingBody,
    string? SuperiorBody,
    string PlaceName,
    string ChairTitle,
    ImmutableList<string> Recipients);

public static class MinutesRules
{
    public const int SegmentMax = 2000;
    public const int MaxSegmentsPerTurn = 2000;
    public const int CorrectedMax = 20_000;
    public const int NotesMax = 10_000;
    public const int MaxAttendanceLines = 50;
    public const int MaxAttendees = 100_000;
    public const int MaxRecipients = 30;

    public static readonly IReadOnlySet<Role> Writers = new HashSet<Role> { Role.Secretary, Role.Chair };
    public static readonly IReadOnlySet<Role> Transcribers = new HashSet<Role> { Role.Transcriber };
    public static readonly IReadOnlySet<Role> Office = new HashSet<Role> { Role.Secretary, Role.Chair, Role.Organizer };

    internal static DomainError? FindTurn(MeetingState state, string? turnId) =>
        state.FindTurn(turnId ?? "") is null ? DomainError.NotFound("lượt phát biểu", turnId ?? "") : null;
}

/// <summary>
/// A piece of machine transcript for a turn, from the speech-to-text worker. A piece already received
/// (same turn and sequence, e.g. resent after a worker restart) is acknowledged without a change.
/// </summary>
public sealed record AddTranscriptSegment(string TurnId, int Sequence, string Text, int? EndSequence = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Transcribers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (MinutesRules.FindTurn(state, TurnId) is { } e1) return e1;
        if (Meetings.Text.Required(Text, "Đoạn ghi lời", MinutesRules.SegmentMax, out var text) is { } e2) return e2;
        if (Sequence < 0 || EndSequence < Sequence) return DomainError.Invalid("Số thứ tự đoạn ghi lời không hợp lệ.");
        var minutes = state.MinutesOf(TurnId);
        if (minutes.Machine.Any(s => s.Sequence == Sequence)) return Decision.Accept();
        if (minutes.Machine.Count >= MinutesRules.MaxSegmentsPerTurn)
            return DomainError.State("Lượt phát biểu này đã có quá nhiều đoạn ghi lời.");
        return new TranscriptSegmentAdded(TurnId, new TranscriptSegment(Sequence, text, default, EndSequence));
    }
}

public sealed record TranscriptSegmentAdded(string TurnId, TranscriptSegment Segment) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.UpdateMinutes(TurnId, m => m with
    {
        Machine = m.Machine.Add(Segment with { At = At }).Sort((a, b) => a.Sequence.CompareTo(b.Sequence)),
    });
}

/// <summary>The secretary's corrected text of a turn, edited from <see cref="BaseRevision"/>; machine text never overwrites it.</summary>
public sealed record CorrectTurnText(string TurnId, string Text, int BaseRevision, string? EditorName = null) : MeetingCommand
{
    public override string? ActingPerson => EditorName;
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (MinutesRules.FindTurn(state, TurnId) is { } e1) return e1;
        if (Meetings.Text.RequiredMultiline(Text, "Nội dung lượt phát biểu", MinutesRules.CorrectedMax, out var text) is { } e2) return e2;
        if (Editors.Check(EditorName, context.Actor, out var editor) is { } e3) return e3;
        var corrected = state.MinutesOf(TurnId).Corrected;
        if (corrected.CheckBase(BaseRevision, "Nội dung lượt này") is { } conflict) return conflict;
        return corrected.Text == text ? DomainError.State("Nội dung không thay đổi.") : new TurnTextCorrected(TurnId, text, editor);
    }
}

public sealed record TurnTextCorrected(string TurnId, string Text, string Editor) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateMinutes(TurnId, m => m with { Corrected = m.Corrected.With(Text, Editor, At) });
}

/// <summary>The secretary's free notes on an agenda step, edited from <see cref="BaseRevision"/>.</summary>
public sealed record SetStepNotes(string AgendaItemId, string Text, int BaseRevision, string? EditorName = null) : MeetingCommand
{
    public override string? ActingPerson => EditorName;
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.Agenda.Find(a => a.Id == AgendaItemId) is null) return DomainError.NotFound("bước chương trình", AgendaItemId ?? "");
        if (Meetings.Text.OptionalMultiline(Text, "Ghi chú", MinutesRules.NotesMax, out var text) is { } e1) return e1;
        if (Editors.Check(EditorName, context.Actor, out var editor) is { } e2) return e2;
        var notes = state.StepNotes.GetValueOrDefault(AgendaItemId) ?? EditableText.Empty;
        if (notes.CheckBase(BaseRevision, "Ghi chú của bước này") is { } conflict) return conflict;
        return (notes.Text ?? "") == (text ?? "") ? DomainError.State("Ghi chú không thay đổi.") : new StepNotesSet(AgendaItemId, text ?? "", editor);
    }
}

public sealed record StepNotesSet(string AgendaItemId, string Text, string Editor) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        StepNotes = state.StepNotes.SetItem(AgendaItemId, (state.StepNotes.GetValueOrDefault(AgendaItemId) ?? EditableText.Empty).With(Text, Editor, At)),
    };
}

/// <summary>Who attended, by group (đại biểu, Nhân dân thôn …, trực tuyến): replaces the whole list.</summary>
public sealed record RecordAttendance(IReadOnlyList<AttendanceLine> Lines) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Office;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Lines is null || Lines.Count > MinutesRules.MaxAttendanceLines)
            return DomainError.Invalid($"Thành phần tham dự có tối đa {MinutesRules.MaxAttendanceLines} dòng.");
        var lines = ImmutableList.CreateBuilder<AttendanceLine>();
        foreach (var line in Lines)
        {
            if (line is null) return DomainError.Invalid("Dòng thành phần tham dự không hợp lệ.");
            if (Meetings.Text.Required(line.Group, "Thành phần", Meetings.Text.ShortMax, out var group) is { } e1) return e1;
            if (Meetings.Text.Range(line.Count, 0, MinutesRules.MaxAttendees, $"Số người ({group})") is { } e2) return e2;
            lines.Add(new AttendanceLine(group, line.Count));
        }
        return new AttendanceRecorded(lines.ToImmutable());
    }
}

public sealed record AttendanceRecorded(ImmutableList<AttendanceLine> Lines) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Attendance = Lines };
}

/// <summary>
/// The secretary records that the chair and the secretary signed the printed biên bản: from then on the meeting's end
/// is final (it can no longer be reopened). The text may still be corrected, as a record of what was signed is the paper.
/// </summary>
public sealed record RecordMinutesSigned : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.Status != MeetingStatus.Closed ? DomainError.State("Biên bản chỉ được ký sau khi hội nghị kết thúc.")
        : state.MinutesSignedAt is not null ? DomainError.State("Đã ghi nhận biên bản được ký.")
        : new MinutesSigned();
}

public sealed record MinutesSigned : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { MinutesSignedAt = At };
}

/// <summary>Sets the issuing body, the place name, the chair's title and the recipients (nơi nhận) of the documents.</summary>
public sealed record SetPaperworkDetails(
    string IssuingBody, string? SuperiorBody, string PlaceName, string ChairTitle, IReadOnlyList<string> Recipients) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Office;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Meetings.Text.Required(IssuingBody, "Cơ quan ban hành", Meetings.Text.ShortMax, out var body) is { } e1) return e1;
        if (Meetings.Text.Optional(SuperiorBody, "Cơ quan cấp trên", Meetings.Text.ShortMax, out var superior) is { } e2) return e2;
        if (Meetings.Text.Required(PlaceName, "Địa danh", Meetings.Text.NameMax, out var place) is { } e3) return e3;
        if (Meetings.Text.Required(ChairTitle, "Chức vụ người chủ trì", Meetings.Text.ShortMax, out var title) is { } e4) return e4;
        var recipients = ImmutableList.CreateBuilder<string>();
        foreach (var recipient in Recipients ?? [])
        {
            if (Meetings.Text.Optional(recipient, "Nơi nhận", Meetings.Text.ShortMax, out var name) is { } e5) return e5;
            if (name is not null) recipients.Add(name);
        }
        if (recipients.Count > MinutesRules.MaxRecipients) return DomainError.Invalid($"Tối đa {MinutesRules.MaxRecipients} nơi nhận.");
        return new PaperworkDetailsSet(new PaperworkDetails(body, superior, place, title, recipients.ToImmutable()));
    }
}

public sealed record PaperworkDetailsSet(PaperworkDetails Details) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { Paperwork = Details };
}

/// <summary>
/// The chair or the secretary corrects which citizen's turn an answer was for — the key or the button chose the wrong
/// one — or unlinks it (<see cref="QuestionTurnId"/> null: it answered no one's turn). The event keeps who did it.
/// </summary>
public sealed record RelinkAnswer(string AnswerTurnId, string? QuestionTurnId, string? EditorName = null) : MeetingCommand
{
    public override string? ActingPerson => EditorName;
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.FindTurn(AnswerTurnId ?? "") is not { } answer) return DomainError.NotFound("lượt trả lời", AnswerTurnId ?? "");
        if (answer.Kind != Floor.TurnKind.Answer) return DomainError.Invalid("Chỉ lượt trả lời của cán bộ mới gắn được với một lượt hỏi.");
        if (QuestionTurnId is not null)
        {
            if (state.FindTurn(QuestionTurnId) is not { } asked) return DomainError.NotFound("lượt phát biểu", QuestionTurnId);
            if (asked.Kind is not (Floor.TurnKind.Citizen or Floor.TurnKind.FollowUp))
                return DomainError.Invalid("Lượt trả lời chỉ gắn được với lượt phát biểu của người dân.");
            if (asked.StartedAt > answer.StartedAt) return DomainError.Invalid("Lượt hỏi phải diễn ra trước lượt trả lời.");
        }
        if (Editors.Check(EditorName, context.Actor, out var editor) is { } e) return e;
        if (answer.RelatesToTurnId == QuestionTurnId) return DomainError.State("Lượt trả lời đã gắn như vậy.");
        return new AnswerRelinked(AnswerTurnId!, QuestionTurnId, editor);
    }
}

public sealed record AnswerRelinked(string AnswerTurnId, string? QuestionTurnId, string Editor) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.UpdateTurn(AnswerTurnId, t => t with { RelatesToTurnId = QuestionTurnId });
}
