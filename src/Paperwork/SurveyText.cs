using System.Globalization;
using LiveSession.Domain.Survey;

namespace LiveSession.Paperwork;

/// <summary>How the documents state a meeting's satisfaction survey: phones' answers and paper ballots together.</summary>
public static class SurveyText
{
    /// <summary>"Số phiếu lấy ý kiến: 42 (40 phiếu giấy, 2 phiếu trả lời trên điện thoại); điểm hài lòng trung bình: 4,2/5."</summary>
    public static string CountAndAverage(SurveyResults results) =>
        $"Số phiếu lấy ý kiến: {results.Count} ({results.PaperBallots} phiếu giấy, {results.PhoneAnswers} phiếu trả lời trên điện thoại); "
        + $"điểm hài lòng trung bình: {(results.AverageSatisfaction is { } average ? OneDecimal(average) : "–")}/5.";

    /// <summary>One line per score, from the most satisfied: "Rất hài lòng: 14 phiếu".</summary>
    public static IEnumerable<string> ByScore(SurveyResults results)
    {
        for (var score = SurveyRules.MaxSatisfaction; score >= SurveyRules.MinSatisfaction; score--)
            yield return $"{SurveyWording.SatisfactionLabel(score)}: {results.CountOf(score)} phiếu";
        var blank = results.Count - results.CountBySatisfaction.Sum();
        if (blank > 0) yield return $"Không chọn mức hài lòng: {blank} phiếu";
    }

    /// <summary>The phones' answer to whether their concerns were answered (the paper ballot asks for the score only).</summary>
    public static string? ConcernsAnswered(SurveyResults results) => results.PhoneAnswers == 0 ? null
        : $"Trên điện thoại, {results.ConcernsAnsweredYes} phiếu cho biết ý kiến, kiến nghị đã được giải đáp, {results.ConcernsAnsweredNo} phiếu chưa được giải đáp, "
          + $"{results.ConcernsAnsweredNotStated} phiếu không trả lời.";

    public static string OneDecimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');
}
