using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace LiveSession.Domain.Survey;

/// <summary>
/// The satisfaction survey (phiếu lấy ý kiến hài lòng) of a meeting. It may be closed and opened
/// again: answers are kept, and whoever answered already still cannot answer a second time.
/// </summary>
public sealed record SurveyState
{
    public bool IsOpen { get; init; }
    /// <summary>When it was last opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }
    /// <summary>When it was last closed; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>One answer per participant, by participant id.</summary>
    public ImmutableDictionary<string, SurveyAnswer> Answers { get; init; } = ImmutableDictionary<string, SurveyAnswer>.Empty;

    /// <summary>The tally of the paper ballots entered at the desk; null until entered (and in meetings stored before it existed).</summary>
    public PaperBallots? Paper { get; init; }
    /// <summary>Whether the chair shows the results on the hall screen.</summary>
    public bool ResultsShown { get; init; }

    // Computed from the answers; left out of the JSON so a snapshot does not carry every comment twice.
    [JsonIgnore]
    public SurveyResults Results => SurveyResults.Of(Answers, Paper);
}

/// <summary>The tally of the paper ballots: how many were handed in, and how many chose each score (blank ones choose none).</summary>
/// <param name="CountBySatisfaction">Index 0 is score 1, index 4 score 5.</param>
public sealed record PaperBallots(int Ballots, ImmutableArray<int> CountBySatisfaction)
{
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>How many ballots chose a score.</summary>
    public int Scored => CountBySatisfaction.IsDefault ? 0 : CountBySatisfaction.Sum();

    public bool SameAs(PaperBallots other) => Ballots == other.Ballots && CountBySatisfaction.SequenceEqual(other.CountBySatisfaction);
}

/// <summary>One participant's answer; <see cref="ConcernsAnswered"/> is null when they did not say.</summary>
public sealed record SurveyAnswer(int Satisfaction, bool? ConcernsAnswered, string? Comment, DateTimeOffset AnsweredAt);

/// <summary>The tally of a survey: the phones' answers and the paper ballots together.</summary>
/// <param name="Count">Every answer: the phones' answers and the paper ballots.</param>
/// <param name="AverageSatisfaction">Over the answers that chose a score; null when none did.</param>
/// <param name="CountBySatisfaction">How many chose each score, phones and paper: index 0 is score 1, index 4 score 5.</param>
/// <param name="ConcernsAnsweredYes">The phones' answers only: the paper ballot asks for the score alone.</param>
/// <param name="Comments">The comments given, oldest first.</param>
public sealed record SurveyResults(
    int Count,
    double? AverageSatisfaction,
    IReadOnlyList<int> CountBySatisfaction,
    int ConcernsAnsweredYes,
    int ConcernsAnsweredNo,
    int ConcernsAnsweredNotStated,
    IReadOnlyList<string> Comments)
{
    /// <summary>How many answered by phone.</summary>
    public int PhoneAnswers { get; init; }
    /// <summary>How many paper ballots were handed in.</summary>
    public int PaperBallots { get; init; }

    public int CountOf(int satisfaction) => CountBySatisfaction[satisfaction - SurveyRules.MinSatisfaction];

    public static SurveyResults Of(IReadOnlyDictionary<string, SurveyAnswer> answers, PaperBallots? paper = null)
    {
        var counts = new int[SurveyRules.Scores];
        foreach (var answer in answers.Values) counts[answer.Satisfaction - SurveyRules.MinSatisfaction]++;
        if (paper is { CountBySatisfaction.IsDefault: false })
            for (var i = 0; i < counts.Length && i < paper.CountBySatisfaction.Length; i++) counts[i] += paper.CountBySatisfaction[i];
        var scored = counts.Sum();
        var total = 0;
        for (var i = 0; i < counts.Length; i++) total += counts[i] * (i + SurveyRules.MinSatisfaction);
        // A dictionary's order is not meaningful: order comments by time, ties by participant id.
        var comments = answers
            .Where(p => p.Value.Comment is not null)
            .OrderBy(p => p.Value.AnsweredAt).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.Comment!)
            .ToImmutableList();
        return new SurveyResults(
            answers.Count + (paper?.Ballots ?? 0),
            scored == 0 ? null : (double)total / scored,
            [.. counts],
            answers.Values.Count(a => a.ConcernsAnswered == true),
            answers.Values.Count(a => a.ConcernsAnswered == false),
            answers.Values.Count(a => a.ConcernsAnswered is null),
            comments)
        {
            PhoneAnswers = answers.Count,
            PaperBallots = paper?.Ballots ?? 0,
        };
    }
}

/// <summary>The survey's wording, for every screen that shows it.</summary>
public static class SurveyWording
{
    public const string Title = "Phiếu lấy ý kiến về hội nghị đối thoại";
    public const string SatisfactionQuestion = "Ông/bà hài lòng thế nào về hội nghị?";
    public const string ConcernsAnsweredQuestion = "Ý kiến, kiến nghị của ông/bà đã được giải đáp chưa?";
    public const string CommentQuestion = "Góp ý khác";
    public const string Yes = "Đã được giải đáp";
    public const string No = "Chưa được giải đáp";

    /// <summary>The label of each score, from 1 to 5.</summary>
    public static IReadOnlyList<string> SatisfactionLabels { get; } =
        ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"];

    public static string SatisfactionLabel(int satisfaction) => SatisfactionLabels[satisfaction - SurveyRules.MinSatisfaction];
}
