namespace LiveSession.Paperwork;

/// <summary>
/// Settings of the documents, bound from the "Paperwork" section: the public holidays that deadlines skip,
/// and how the biên bản and the thông báo kết luận are made into PDF.
/// </summary>
public sealed class PaperworkOptions
{
    public const string Section = "Paperwork";

    /// <summary>Days off besides weekends (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh…), as the government announces them each year.</summary>
    public List<DateOnly> PublicHolidays { get; set; } = [];

    /// <summary>
    /// The program that turns DOCX into PDF (LibreOffice): unset = <c>soffice</c> found on PATH; a path, or a program
    /// name looked up on PATH; <c>none</c> = no PDF (the pages offer DOCX only and the PDF downloads answer 501).
    /// </summary>
    public string? PdfConverter { get; set; }

    /// <summary>How long one conversion may take before LibreOffice is killed.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Conversions run at once, each LibreOffice with a profile of its own (the machine is small).</summary>
    public int PdfConcurrency { get; set; } = 2;

    public IReadOnlySet<DateOnly> Holidays => PublicHolidays.ToHashSet();

    /// <summary>Today in Vietnam, the day documents are dated and deadlines counted from.</summary>
    public static DateOnly VietnamToday(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
}
