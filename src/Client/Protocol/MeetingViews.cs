using System.Collections.Immutable;
using LiveSession.Client.Components;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Survey;

namespace LiveSession.Client.Protocol;

/// <summary>
/// What the hall screen and online participants see of a meeting: the public parts only, never the
/// whole state. No phone numbers, no participant ids, no pending questions, no single survey answer.
/// Each part is replaced as a whole when it changes (see <see cref="PublicViewDelta"/>).
/// </summary>
public sealed record PublicView(
    long Version,
    HeaderView Header,
    FloorView? Floor,
    QueueView Queue,
    ScreenQuestionView? ScreenQuestion,
    SurveyView? Survey)
{
    /// <summary>How many queued speakers the public view lists (the rest are only counted).</summary>
    public const int ListedSpeakers = 10;

    public static PublicView Of(MeetingState state)
    {
        var info = state.Info!;
        var step = state.CurrentAgendaItem;
        var header = new HeaderView(
            info.Title, info.Venue, state.Status, MeetingLabels.Status(state.Status),
            step is null ? null : state.Agenda.IndexOf(step) + 1, state.Agenda.Count, step?.Title,
            MeetingLabels.CurrentStep(state), state.ListClosed, state.LinkGeneration(Role.Participant));

        FloorView? floor = null;
        if (state.Floor is { } f && state.CurrentTurn is { } turn)
        {
            var official = turn.OfficialId is null ? null : state.FindOfficial(turn.OfficialId);
            var speaker = turn.SpeakerId is null ? null : state.FindSpeaker(turn.SpeakerId);
            floor = new FloorView(turn.Id, turn.Kind, turn.SpeakerName,
                turn.Kind == TurnKind.Answer ? null : turn.Locality, turn.Topic,
                official?.Title, official is { Name.Length: > 0 }, speaker?.Channel, f.Timer);
        }

        var next = ImmutableArray.CreateBuilder<QueueEntryView>(Math.Min(ListedSpeakers, state.Queue.Count));
        foreach (var id in state.Queue.Take(ListedSpeakers))
            if (state.FindSpeaker(id) is { } s)
                next.Add(new QueueEntryView(s.Name, s.Locality ?? s.Organisation, s.Topic, s.Channel));

        ScreenQuestionView? question = state.ScreenQuestionId is { } qid && state.FindQuestion(qid) is { } q
            ? new ScreenQuestionView(q.Id, q.AskerName, q.Locality, q.Text, q.Field)
            : null;

        SurveyView? survey = state.Survey is { } sv
            ? new SurveyView(sv.IsOpen, sv.IsOpen ? null : SurveySummary.Of(sv.Results))
            : null;

        return new PublicView(state.Version, header, floor, new QueueView(state.Queue.Count, next.ToImmutable()), question, survey);
    }
}

/// <param name="StepLabel">"Bước 6/9: Nhân dân phát biểu ý kiến", or null when no step runs.</param>
/// <param name="JoinLinkGeneration">Generation of the participants' link: when it changes, the hall screen fetches its new join link.</param>
public sealed record HeaderView(
    string Title, string Venue, MeetingStatus Status, string StatusLabel,
    int? StepNumber, int StepCount, string? StepTitle, string? StepLabel, bool ListClosed, int JoinLinkGeneration);

/// <summary>Who has the floor. For an answer, <see cref="Name"/> is the official's name (or title when unnamed).</summary>
public sealed record FloorView(
    string TurnId, TurnKind Kind, string Name, string? Locality, string? Topic,
    string? OfficialTitle, bool OfficialNamed, Channel? Channel, SpeakingTimer Timer);

/// <summary>The queue: how many wait, and the first <see cref="PublicView.ListedSpeakers"/> of them.</summary>
public sealed record QueueView(int Count, ImmutableArray<QueueEntryView> Next)
{
    public bool Equals(QueueView? other) => other is not null && Count == other.Count && Next.SequenceEqual(other.Next);
    public override int GetHashCode() => HashCode.Combine(Count, Next.Length);
}

public sealed record QueueEntryView(string Name, string? Locality, string? Topic, Channel Channel);

/// <summary>The approved question the organizer put on the hall screen.</summary>
public sealed record ScreenQuestionView(string Id, string AskerName, string? Locality, string Text, string? Field);

/// <summary>The survey: open or not; once closed, its tally (never the answers or the comments).</summary>
public sealed record SurveyView(bool IsOpen, SurveySummary? Results);

public sealed record SurveySummary(int Count, double? AverageSatisfaction, ImmutableArray<int> CountBySatisfaction, int Yes, int No, int NotStated)
{
    public static SurveySummary Of(SurveyResults r) => new(
        r.Count, r.AverageSatisfaction is { } a ? Math.Round(a, 2) : null, [.. r.CountBySatisfaction],
        r.ConcernsAnsweredYes, r.ConcernsAnsweredNo, r.ConcernsAnsweredNotStated);

    public bool Equals(SurveySummary? o) => o is not null && Count == o.Count && AverageSatisfaction == o.AverageSatisfaction
        && CountBySatisfaction.SequenceEqual(o.CountBySatisfaction) && Yes == o.Yes && No == o.No && NotStated == o.NotStated;
    public override int GetHashCode() => HashCode.Combine(Count, AverageSatisfaction);
}

/// <summary>
/// The parts of the public view that changed at <see cref="Version"/>. A part named in
/// <see cref="Changed"/> replaces the client's part if the client's copy is older; parts not named
/// are unchanged (a null part that is named means "now empty", e.g. nobody has the floor).
/// </summary>
public sealed record PublicViewDelta(
    long Version,
    ImmutableArray<string> Changed,
    HeaderView? Header = null,
    FloorView? Floor = null,
    QueueView? Queue = null,
    ScreenQuestionView? ScreenQuestion = null,
    SurveyView? Survey = null)
{
    public const string HeaderPart = "header", FloorPart = "floor", QueuePart = "queue", ScreenQuestionPart = "screenQuestion", SurveyPart = "survey";

    /// <summary>The parts that differ between two views, or null when none does.</summary>
    public static PublicViewDelta? Between(PublicView? before, PublicView after)
    {
        var changed = ImmutableArray.CreateBuilder<string>();
        if (before?.Header != after.Header) changed.Add(HeaderPart);
        if (before is null || before.Floor != after.Floor) changed.Add(FloorPart);
        if (before?.Queue != after.Queue) changed.Add(QueuePart);
        if (before is null || before.ScreenQuestion != after.ScreenQuestion) changed.Add(ScreenQuestionPart);
        if (before is null || before.Survey != after.Survey) changed.Add(SurveyPart);
        if (changed.Count == 0) return null;
        bool Has(string part) => changed.Contains(part);
        return new PublicViewDelta(after.Version, changed.ToImmutable(),
            Has(HeaderPart) ? after.Header : null,
            Has(FloorPart) ? after.Floor : null,
            Has(QueuePart) ? after.Queue : null,
            Has(ScreenQuestionPart) ? after.ScreenQuestion : null,
            Has(SurveyPart) ? after.Survey : null);
    }
}

/// <summary>What only one participant sees: their own registration to speak, their own questions, whether they answered the survey.</summary>
public sealed record PersonalView(long Version, MyRegistration? Registration, ImmutableArray<MyQuestion> Questions, bool SurveyAnswered)
{
    public const int ListedQuestions = 20;

    public static PersonalView Empty(long version) => new(version, null, [], false);

    /// <summary>The personal view of one participant (slow path: scans the state; see <see cref="PersonalViews"/>).</summary>
    public static PersonalView Of(MeetingState state, string participantId) =>
        PersonalViews.Of(state).For(participantId, state.Version);
}

/// <param name="Position">0 = next to speak; null when not in the queue.</param>
public sealed record MyRegistration(string SpeakerId, SpeakerStatus Status, string? Topic, string? Field, int RequestedMinutes, int? Position, bool? RecordingConsent = null);

public sealed record MyQuestion(string Id, string Text, string? Field, QuestionStatus Status, string? RejectReason, bool HasAttachment, DateTimeOffset SubmittedAt);

/// <summary>Every participant's personal view of one state, indexed once (for comparing before and after a commit).</summary>
public sealed class PersonalViews
{
    private readonly Dictionary<string, MyRegistration> _registrations = [];
    private readonly Dictionary<string, List<MyQuestion>> _questions = [];
    private readonly IReadOnlyDictionary<string, SurveyAnswer> _answers;

    private PersonalViews(MeetingState state)
    {
        var positions = new Dictionary<string, int>(state.Queue.Count);
        for (var i = 0; i < state.Queue.Count; i++) positions[state.Queue[i]] = i;
        // The latest registration of each participant; an open one wins over a later ended one (there is at most one open).
        foreach (var s in state.Speakers)
        {
            if (s.ParticipantId is not { } p) continue;
            if (_registrations.TryGetValue(p, out var known) && IsOpen(known.Status) && !s.IsOpen) continue;
            _registrations[p] = new MyRegistration(s.Id, s.Status, s.Topic, s.Field, s.RequestedMinutes,
                positions.TryGetValue(s.Id, out var at) ? at : null, s.RecordingConsent);
        }
        for (var i = state.Questions.Count - 1; i >= 0; i--)
        {
            var q = state.Questions[i];
            if (q.ParticipantId is not { } p) continue;
            if (!_questions.TryGetValue(p, out var list)) _questions[p] = list = [];
            if (list.Count < PersonalView.ListedQuestions)
                list.Add(new MyQuestion(q.Id, q.Text, q.Field, q.Status, q.RejectReason, q.AttachmentId is not null, q.SubmittedAt));
        }
        _answers = state.Survey?.Answers ?? ImmutableDictionary<string, SurveyAnswer>.Empty;
    }

    public static PersonalViews Of(MeetingState state) => new(state);

    private static bool IsOpen(SpeakerStatus s) => s is SpeakerStatus.Requested or SpeakerStatus.Queued or SpeakerStatus.Speaking;

    /// <summary>
    /// The participants whose view differs between two states, found by comparing the indexed parts in place: a commit
    /// touches a few of a meeting's many participants, and no view is built for the others.
    /// </summary>
    public static IEnumerable<string> Changed(PersonalViews before, PersonalViews after)
    {
        var seen = new HashSet<string>();
        foreach (var views in new[] { after, before })
        {
            foreach (var p in views._registrations.Keys) if (seen.Add(p) && Differs(before, after, p)) yield return p;
            foreach (var p in views._questions.Keys) if (seen.Add(p) && Differs(before, after, p)) yield return p;
            foreach (var p in views._answers.Keys) if (seen.Add(p) && Differs(before, after, p)) yield return p;
        }
    }

    private static bool Differs(PersonalViews before, PersonalViews after, string participantId) =>
        !Equals(before._registrations.GetValueOrDefault(participantId), after._registrations.GetValueOrDefault(participantId))
        || before._answers.ContainsKey(participantId) != after._answers.ContainsKey(participantId)
        || !(before._questions.GetValueOrDefault(participantId) ?? []).SequenceEqual(after._questions.GetValueOrDefault(participantId) ?? []);

    public PersonalView For(string participantId, long version) => new(
        version,
        _registrations.GetValueOrDefault(participantId),
        _questions.TryGetValue(participantId, out var q) ? [.. q] : [],
        _answers.ContainsKey(participantId));
}

/// <summary>A line of live captions (phụ đề) from the transcription worker; not part of the meeting state.</summary>
/// <param name="Final">False while the line is still being recognised (it will be replaced).</param>
public sealed record CaptionLine(string? TurnId, string Text, bool Final, DateTimeOffset At)
{
    public const int TextMax = 500;

    /// <summary>Adds a line to the kept ones: it replaces a partial line of the same turn; at most <paramref name="keep"/> stay.</summary>
    public static void Append(List<CaptionLine> lines, CaptionLine line, int keep)
    {
        if (lines.Count > 0 && !lines[^1].Final && lines[^1].TurnId == line.TurnId) lines.RemoveAt(lines.Count - 1);
        lines.Add(line);
        if (lines.Count > keep) lines.RemoveRange(0, lines.Count - keep);
    }

    /// <summary>Stored lines as a client shows them: partial lines already replaced dropped.</summary>
    public static IReadOnlyList<CaptionLine> Collapse(IEnumerable<CaptionLine> stored, int keep)
    {
        var lines = new List<CaptionLine>();
        foreach (var line in stored) Append(lines, line, keep);
        return lines;
    }
}

/// <summary>A fresh view for the hall screen or a participant (on join and when asked).</summary>
/// <param name="Localities">The meeting's thôn / tổ dân phố, suggested when a participant types theirs.</param>
/// <param name="JoinLink">For the hall screen: the short link participants open (also drawn as a QR code).</param>
/// <param name="PrivacyNotice">For a participant: the office's notice on personal data, shown before they send anything.</param>
public sealed record ViewSnapshot(
    PublicView Public, PersonalView? Personal, IReadOnlyList<CaptionLine> Captions, DateTimeOffset ServerTime,
    IReadOnlyList<string>? Localities = null, string? JoinLink = null, IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? PrivacyNotice = null);
