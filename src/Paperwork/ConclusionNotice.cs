namespace LiveSession.Paperwork;

/// <summary>The thông báo kết luận (Mẫu 1.4, Nghị định 30/2020/NĐ-CP) of a meeting as a DOCX file.</summary>
public static class ConclusionNotice
{
    /// <summary>5 working days after the meeting day (weekends and holidays skipped).</summary>
    public static DateOnly DueDate(DocumentContext context) => throw new NotImplementedException();

    public static byte[] Build(DocumentContext context) => throw new NotImplementedException();
}
