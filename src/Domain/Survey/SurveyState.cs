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

    // Computed from the answers; left out of the JSON so a snapshot does not carry every comment twice.
    [JsonIgnore]
    public SurveyResults Results => SurveyResults.Of(Answers);
}

/// <summary>One participant's answer; <see cref="ConcernsAnswered"/> is null when they did not say.</summary>
public sealed record SurveyAnswer(int Satisfaction, bool? ConcernsAnswered, string? Comment, DateTimeOffset AnsweredAt);

/// <summary>The tally of a survey.</summary>
/// <param name="CountBySatisfaction">How many chose each score: index 0 is score 1, index 4 score 5.</param>
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
    public int CountOf(int satisfaction) => CountBySatisfaction[satisfaction - SurveyRules.MinSatisfaction];

    public static SurveyResults Of(IReadOnlyDictionary<string, SurveyAnswer> answers)
    {
        var counts = new int[SurveyRules.MaxSatisfaction - SurveyRules.MinSatisfaction + 1];
        foreach (var answer in answers.Values) counts[answer.Satisfaction - SurveyRules.MinSatisfaction]++;
        // A dictionary's order is not meaningful: order comments by time, ties by participant id.
        var comments = answers
            .Where(p => p.Value.Comment is not null)
            .OrderBy(p => p.Value.AnsweredAt).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.Comment!)
            .ToImmutableList();
        return new SurveyResults(
            answers.Count,
            answers.Count == 0 ? null : answers.Values.Average(a => a.Satisfaction),
            [.. counts],
            answers.Values.Count(a => a.ConcernsAnswered == true),
            answers.Values.Count(a => a.ConcernsAnswered == false),
            answers.Values.Count(a => a.ConcernsAnswered is null),
            comments);
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
