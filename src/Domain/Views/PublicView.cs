using System.Collections.Immutable;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Survey;

namespace LiveSession.Domain.Views;

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
            info.Title, info.Venue, state.Status, ViewLabels.Status(state.Status),
            step is null ? null : state.Agenda.IndexOf(step) + 1, state.Agenda.Count, step?.Title,
            ViewLabels.CurrentStep(state), state.ListClosed, state.LinkGeneration(Role.Participant));

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
            ? new SurveyView(sv.IsOpen, sv.IsOpen ? null : SurveySummary.Of(sv.Results), sv.ResultsShown)
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

/// <summary>The survey: open or not; once closed, its tally (never the answers or the comments), and whether the chair shows it on the hall screen.</summary>
public sealed record SurveyView(bool IsOpen, SurveySummary? Results, bool ResultsShown = false);

/// <param name="Count">Phones' answers and paper ballots together.</param>
public sealed record SurveySummary(int Count, double? AverageSatisfaction, ImmutableArray<int> CountBySatisfaction, int Yes, int No, int NotStated,
    int PhoneAnswers = 0, int PaperBallots = 0)
{
    public static SurveySummary Of(SurveyResults r) => new(
        r.Count, r.AverageSatisfaction is { } a ? Math.Round(a, 2) : null, [.. r.CountBySatisfaction],
        r.ConcernsAnsweredYes, r.ConcernsAnsweredNo, r.ConcernsAnsweredNotStated, r.PhoneAnswers, r.PaperBallots);

    public bool Equals(SurveySummary? o) => o is not null && Count == o.Count && AverageSatisfaction == o.AverageSatisfaction
        && CountBySatisfaction.SequenceEqual(o.CountBySatisfaction) && Yes == o.Yes && No == o.No && NotStated == o.NotStated
        && PhoneAnswers == o.PhoneAnswers && PaperBallots == o.PaperBallots;
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

    /// <summary>Every part, as <see cref="Changed"/> names them.</summary>
    public static IReadOnlyList<string> Parts { get; } = [HeaderPart, FloorPart, QueuePart, ScreenQuestionPart, SurveyPart];

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
