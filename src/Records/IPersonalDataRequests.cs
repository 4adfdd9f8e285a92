using LiveSession.Domain.Access;

namespace LiveSession.Records;

/// <summary>Everything held about a person, found for their request.</summary>
public sealed record PersonReport(PersonQuery Query, DateTimeOffset At, IReadOnlyList<PersonFinding> Findings);

/// <summary>
/// What a correction or a deletion did: the entries changed in each store, the files deleted, and what was kept and why
/// (<see cref="Kept"/>, shown to the office and kept in the audit).
/// </summary>
public sealed record PersonOutcome(IReadOnlyList<StoreChange> Changes, int FilesDeleted, IReadOnlyList<string> Kept)
{
    public int Changed => Changes.Sum(c => c.Changed);
}

/// <summary>A person's export: the findings as JSON and as a readable DOCX.</summary>
public sealed record PersonExport(byte[] Json, byte[] Docx);

/// <summary>
/// The office's answers to a citizen's requests about their data (Luật 91/2025/QH15: to see, export, correct and delete
/// it), each allowed by the admin key only (null otherwise) and kept in the office's audit with its outcome.
/// </summary>
public interface IPersonalDataRequests
{
    Task<PersonReport?> FindAsync(PersonQuery person, string? adminKey);
    Task<PersonExport?> ExportAsync(PersonQuery person, string? adminKey);
    Task<PersonOutcome?> CorrectAsync(PersonQuery person, PersonChange change, string? adminKey);
    Task<PersonOutcome?> DeleteAsync(PersonQuery person, string? adminKey);
    /// <summary>The record of processing (DOCX) made from the configuration.</summary>
    Task<byte[]?> RecordOfProcessingAsync(string? adminKey);
    /// <summary>The office's own audit: retention runs and these requests, the newest first.</summary>
    Task<IReadOnlyList<OfficeAuditEntry>?> OfficeAuditAsync(string? adminKey);
}
