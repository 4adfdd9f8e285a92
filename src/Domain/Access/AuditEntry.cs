using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Access;

/// <summary>One line of a meeting's audit: an accepted change (with its version) or a refused command.</summary>
public sealed record AuditEntry(DateTimeOffset At, long? Version, string What, EventAuthor? By, string? RefusedCode = null)
{
    /// <summary>"chair (liên kết đời 1)", "participant p1a2 — Nguyễn Văn A", as a short label for pages and files.</summary>
    public string Who => By is not { } by ? "(không ghi nhận)"
        : $"{RoleNames.Vietnamese(by.Role)} · liên kết số {by.Generation}"
          + (by.ParticipantId is { } p ? $" · {p}" : "") + (by.Person is { } person ? $" · {person}" : "");
}

/// <summary>One line of the office's own audit: a retention run or a person's request, with what it did.</summary>
public sealed record OfficeAuditEntry(DateTimeOffset At, string What, string Outcome);
