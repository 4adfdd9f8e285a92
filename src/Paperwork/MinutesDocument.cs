namespace LiveSession.Paperwork;

/// <summary>The biên bản (Mẫu 1.9, Nghị định 30/2020/NĐ-CP) of a meeting as a DOCX file.</summary>
public static class MinutesDocument
{
    public static byte[] Build(DocumentContext context) => throw new NotImplementedException();
}
