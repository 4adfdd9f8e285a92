using System.Globalization;
using LiveSession.Domain.Meetings;

namespace LiveSession.Moderator.Setup;

/// <summary>Quotas typed one per line as "Tên: số người" (e.g. "Hội Nông dân xã: 3"), for the composition editor.</summary>
public static class QuotaText
{
    public static string Format(IEnumerable<Quota> quotas) => string.Join('\n', quotas.Select(q => $"{q.Group}: {q.Count}"));

    /// <summary>The quotas of <paramref name="text"/>, or the Vietnamese reason a line cannot be read.</summary>
    public static string? Parse(string? text, QuotaKind kind, out List<Quota> quotas)
    {
        quotas = [];
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var colon = line.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                return $"Dòng {i + 1} (\"{(line.Length <= 30 ? line : line[..30] + "…")}\"): hãy ghi theo mẫu \"Tên: số người\".";
            quotas.Add(new Quota(line[..colon].Trim(), kind, count));
        }
        return null;
    }
}
