namespace LiveSession.Paperwork;

/// <summary>Settings of the documents, bound from the "Paperwork" section: the public holidays that deadlines skip.</summary>
public sealed class PaperworkOptions
{
    public const string Section = "Paperwork";

    /// <summary>Days off besides weekends (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh…), as the government announces them each year.</summary>
    public List<DateOnly> PublicHolidays { get; set; } = [];

    public IReadOnlySet<DateOnly> Holidays => PublicHolidays.ToHashSet();

    /// <summary>Today in Vietnam, the day documents are dated and deadlines counted from.</summary>
    public static DateOnly VietnamToday(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
}
