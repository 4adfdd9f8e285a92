using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>One zip with the minutes, the notice, the event log (JSON) and the agenda (and PDFs when they could be made).</summary>
public static class MeetingArchive
{
    public const string MinutesEntry = "bien-ban.docx";
    public const string NoticeEntry = "thong-bao-ket-luan.docx";
    public const string EventsEntry = "su-kien.json";
    public const string AgendaEntry = "chuong-trinh.json";

    // The domain's JSON shape (polymorphic events), indented and with Vietnamese left readable for the archive.
    private static readonly JsonSerializerOptions Json = new(DomainJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<byte[]> BuildAsync(DocumentContext context, IReadOnlyList<VersionedEvent> events, PdfConverter? pdf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var documents = new (string Name, byte[] Docx)[]
        {
            (MinutesEntry, MinutesDocument.Build(context)),
            (NoticeEntry, ConclusionNotice.Build(context)),
        };

        var entries = new List<(string Name, byte[] Content)>(documents);
        entries.Add((EventsEntry, JsonSerializer.SerializeToUtf8Bytes(events, Json)));
        entries.Add((AgendaEntry, JsonSerializer.SerializeToUtf8Bytes(context.State.Agenda, Json)));
        if (pdf is not null && PdfConverter.IsAvailable)
            foreach (var (name, docx) in documents)
                if (await pdf.ConvertAsync(docx, cancellationToken) is { } converted)
                    entries.Add((Path.ChangeExtension(name, ".pdf"), converted));

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var target = entry.Open();
                await target.WriteAsync(content, cancellationToken);
            }
        }
        return stream.ToArray();
    }
}
