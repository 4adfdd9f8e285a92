namespace LiveSession.Paperwork;

/// <summary>DOCX → PDF through LibreOffice (soffice --headless), when it is installed.</summary>
public sealed class PdfConverter
{
    public static bool IsAvailable => throw new NotImplementedException();

    public Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
