using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>One zip with the minutes, the notice, the event log (JSON) and the agenda (and PDFs when they could be made).</summary>
public static class MeetingArchive
{
    public static Task<byte[]> BuildAsync(DocumentContext context, IReadOnlyList<VersionedEvent> events, PdfConverter? pdf = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
