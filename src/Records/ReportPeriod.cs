namespace LiveSession.Records;

/// <summary>A period the office reports on: a half-year or a year, in Vietnam dates (inclusive), never past today.</summary>
public sealed record ReportPeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>
    /// The periods offered on <paramref name="today"/>: the current half-year so far, the half-year before it,
    /// this year so far and last year.
    /// </summary>
    public static IReadOnlyList<ReportPeriod> Choices(DateOnly today)
    {
        var firstHalf = today.Month <= 6;
        var current = firstHalf ? FirstHalf(today.Year) : SecondHalf(today.Year);
        var previous = firstHalf ? SecondHalf(today.Year - 1) : FirstHalf(today.Year);
        return [current.Until(today), previous, Year(today.Year).Until(today), Year(today.Year - 1)];
    }

    /// <summary>
    /// The period the report opens on. A half-year's report is made once it has ended, so in the first month of a
    /// half-year (January, July) that is the half-year just ended; later on, the current half-year so far.
    /// </summary>
    public static ReportPeriod Default(DateOnly today) => Choices(today)[today.Month is 1 or 7 ? 1 : 0];

    public static ReportPeriod FirstHalf(int year) => new($"6 tháng đầu năm {year}", new(year, 1, 1), new(year, 6, 30));

    public static ReportPeriod SecondHalf(int year) => new($"6 tháng cuối năm {year}", new(year, 7, 1), new(year, 12, 31));

    public static ReportPeriod Year(int year) => new($"Năm {year}", new(year, 1, 1), new(year, 12, 31));

    /// <summary>Dates the office typed in itself.</summary>
    public static ReportPeriod Custom(DateOnly from, DateOnly to) => new($"Từ {from:dd/MM/yyyy} đến {to:dd/MM/yyyy}", from, to);

    private ReportPeriod Until(DateOnly today) => today < To ? this with { Name = $"{Name} (đến {today:dd/MM/yyyy})", To = today } : this;
}
