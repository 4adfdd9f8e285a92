using System.IO.Compression;
using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>
/// The two documents of a meeting that are signed and public records: the biên bản and the thông báo kết luận. Personal
/// data is corrected or de-identified only where these stay the same; <see cref="Content"/> is what is compared.
/// </summary>
public static partial class SignedDocuments
{
    /// <summary>
    /// Both documents' parts, by name, as made from the state: the package's zip dates, its metadata part (language only) and
    /// the random relationship ids and names the OOXML library gives each build are left out, so two builds of the same content are byte-equal part by part.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> Parts(MeetingState state, IReadOnlySet<DateOnly> holidays, DateOnly today)
    {
        var context = new DocumentContext(state, holidays, today);
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, docx) in new[] { (MeetingArchive.MinutesEntry, MinutesDocument.Build(context)), (MeetingArchive.NoticeEntry, ConclusionNotice.Build(context)) })
            foreach (var (part, content) in PartsOf(docx).Where(p => !p.Key.StartsWith("package/", StringComparison.Ordinal)))
                parts[$"{name}/{part}"] = WithoutRelationshipIds(content);
        return parts;
    }

    private static byte[] WithoutRelationshipIds(byte[] xml) =>
        System.Text.Encoding.UTF8.GetBytes(RelationshipId().Replace(System.Text.Encoding.UTF8.GetString(xml), "R"));

    [System.Text.RegularExpressions.GeneratedRegex("R[0-9a-fA-F]{8,}|/package/services/metadata/core-properties/[0-9a-fA-F]+\\.psmdcp")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();

    /// <summary>Every part of a DOCX (or any zip) by its name, uncompressed.</summary>
    public static IReadOnlyDictionary<string, byte[]> PartsOf(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }, StringComparer.Ordinal);
    }

    /// <summary>A fingerprint of both documents made from a state's JSON: equal fingerprints, equal documents.</summary>
    public static string Content(string stateJson, IReadOnlySet<DateOnly> holidays)
    {
        var state = DomainJson.Deserialize<MeetingState>(stateJson)!;
        if (state.Info is null) return "";
        // The day the documents are made on only dates them; one fixed day compares the contents.
        var parts = Parts(state, holidays, state.Info.Day);
        return string.Join('\n', parts.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + ":" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(p.Value))));
    }
}
