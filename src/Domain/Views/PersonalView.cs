using System.Collections.Immutable;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Survey;

namespace LiveSession.Domain.Views;

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
