using System.Globalization;
using System.Text;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Records;

namespace LiveSession.Paperwork;

/// <summary>A meeting's audit: its events with their authors and the refused commands, in time order; as CSV for the dossier.</summary>
public static class AuditLog
{
    public static IReadOnlyList<AuditEntry> Of(IEnumerable<VersionedEvent> events, IEnumerable<AuditEntry> refusals) =>
        [.. events.Select(e => new AuditEntry(e.Event.At, e.Version, DomainJson.EventName(e.Event), e.Event.By))
            .Concat(refusals).OrderBy(e => e.At).ThenBy(e => e.Version ?? long.MaxValue)];

    /// <summary>UTF-8 with a byte-order mark (Excel reads Vietnamese right); cells never run as formulas.</summary>
    public static byte[] Csv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("thoi_gian_utc,phien_ban,thao_tac,tu_choi,vai_tro,lien_ket_so,nguoi_tham_du,ten\r\n");
        foreach (var e in entries)
            csv.AppendJoin(',',
                    e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.Version?.ToString(CultureInfo.InvariantCulture) ?? "",
                    CsvCell.Of(e.What), CsvCell.Of(e.RefusedCode),
                    e.By?.Role.ToString() ?? "", e.By?.Generation.ToString(CultureInfo.InvariantCulture) ?? "",
                    CsvCell.Of(e.By?.ParticipantId), CsvCell.Of(e.By?.Person))
                .Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
