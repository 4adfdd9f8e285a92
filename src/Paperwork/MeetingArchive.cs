using LiveSession.Domain.FollowUp;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>What the records hold about a meeting besides its live state: the kiến nghị collected beforehand and the follow-up of each kiến nghị.</summary>
/// <param name="Refusals">The refused commands the audit kept (the accepted ones are the events themselves).</param>
public sealed record DossierRecords(
    IReadOnlyList<PreMeetingItem> PreMeeting, IReadOnlyList<FollowedPetition> FollowUp, IReadOnlyList<Domain.Access.AuditEntry>? Refusals = null)
{
    public static DossierRecords None { get; } = new([], []);
}

/// <summary>
/// The meeting's dossier (hồ sơ) in one zip, as the seeds list it: the plan with its assignments, the
/// invitation list, the report of the kiến nghị collected beforehand with their prepared answers, the
/// minutes, the conclusion notice, the follow-up report, the event log (JSON) and the agenda; PDFs of the
/// two signed documents when the given converter is on (see <see cref="PaperworkOptions.PdfConverter"/>) and made them.
/// </summary>
public static class MeetingArchive
{
    public const string PlanEntry = "ke-hoach-va-phan-cong.docx";
    public const string InvitationsEntry = "danh-sach-khach-moi.docx";
    public const string InvitationLettersEntry = "giay-moi.docx";
    public const string AnnouncementEntry = "thong-bao-cong-khai.docx";
    public const string PreMeetingEntry = "bao-cao-tong-hop-kien-nghi-truoc-hoi-nghi.docx";
    public const string MinutesEntry = "bien-ban.docx";
    public const string NoticeEntry = "thong-bao-ket-luan.docx";
    public const string FollowUpEntry = "bao-cao-ket-qua-giai-quyet.docx";
    public const string EventsEntry = "su-kien.json";
    public const string AgendaEntry = "chuong-trinh.json";
    /// <summary>Who did what: every event with its author, and the refused commands.</summary>
    public const string AuditEntry = "nhat-ky-thao-tac.csv";
    /// <summary>Who spoke how long, per speaker and per thôn / tổ dân phố.</summary>
    public const string SpeakersEntry = "thoi-luong-phat-bieu.csv";
    public const string LocalitiesEntry = "thoi-luong-phat-bieu-theo-thon.csv";

    // The domain's JSON shape (polymorphic events), indented and with Vietnamese left readable for the archive.
    private static readonly JsonSerializerOptions Json = new(DomainJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<byte[]> BuildAsync(
        DocumentContext context, IReadOnlyList<VersionedEvent> events, DossierRecords records, PdfConverter? pdf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(records);
        var documents = new (string Name, byte[] Docx)[]
        {
            (MinutesEntry, MinutesDocument.Build(context)),
            (NoticeEntry, ConclusionNotice.Build(context)),
        };

        var entries = new List<(string Name, byte[] Content)>
        {
            (PlanEntry, PlanDocument.Build(context, records.PreMeeting)),
            (InvitationsEntry, InvitationList.Build(context)),
            (InvitationLettersEntry, Invitations.Letters(context)),
            (AnnouncementEntry, Invitations.Announcement(context)),
            (PreMeetingEntry, PreMeetingReport.Build(context, records.PreMeeting)),
        };
        entries.AddRange(documents);
        entries.Add((FollowUpEntry, PublicationList.BuildFollowUpReport(context, records.FollowUp)));
        entries.Add((EventsEntry, JsonSerializer.SerializeToUtf8Bytes(events, Json)));
        entries.Add((AgendaEntry, JsonSerializer.SerializeToUtf8Bytes(context.State.Agenda, Json)));
        entries.Add((AuditEntry, AuditLog.Csv(AuditLog.Of(events, records.Refusals ?? []))));
        entries.Add((SpeakersEntry, SpeakingTimes.BySpeakerCsv(context.State)));
        entries.Add((LocalitiesEntry, SpeakingTimes.ByGroupCsv(context.State)));
        if (pdf is { IsAvailable: true })
        {
            var converted = await Task.WhenAll(documents.Select(d => pdf.ConvertAsync(d.Docx, cancellationToken)));
            for (var i = 0; i < documents.Length; i++)
                if (converted[i] is { } bytes)
                    entries.Add((Path.ChangeExtension(documents[i].Name, ".pdf"), bytes));
        }

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
