using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;
using LiveSession.Paperwork;
using LiveSession.Records;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Privacy;

/// <summary>
/// The office's answers to a citizen's requests (see <see cref="IPersonalDataRequests"/>) across every store: the archived
/// meetings and the follow-up in the records database, the meetings in Redis, the recordings and photos on disk. What the
/// signed biên bản and thông báo kết luận show is never changed; what is kept for them is said, with the reason.
/// </summary>
public sealed partial class PersonalDataRequests(
    MeetingAdministration administration, PersonalDataRecords records, LiveCopies live, PersonalFiles files, Audit.AuditTrail audit,
    IOptions<PrivacyOptions> privacy, IOptions<PaperworkOptions> paperwork, TimeProvider clock, ILogger<PersonalDataRequests> logger) : IPersonalDataRequests
{
    public const string KeptForSignedDocuments =
        "giữ nguyên vì có trong biên bản hoặc thông báo kết luận đã ký (văn bản công, lưu theo quy định về lưu trữ)";
    public const string KeptWhileLive = "hội nghị đang diễn ra: chỉ sửa hoặc xóa được sau khi hội nghị kết thúc";

    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The office of the key, when it may answer requests: it sees and changes only its own meetings' data.</summary>
    private OfficeGrant? Office(string? adminKey) =>
        Permissions.Allows(Holder.Office, Operation.AnswerPersonalDataRequests) ? administration.OfficeOf(adminKey) : null;

    private string SignedDocuments(string stateJson) => LiveSession.Paperwork.SignedDocuments.Content(stateJson, paperwork.Value.Holidays);

    public async Task<PersonReport?> FindAsync(PersonQuery person, string? adminKey)
    {
        if (Office(adminKey) is not { } office || person.IsEmpty) return null;
        var report = await ReportAsync(office, person);
        await RecordAsync(office, "find", person, $"findings={report.Findings.Count}");
        return report;
    }

    public async Task<PersonExport?> ExportAsync(PersonQuery person, string? adminKey)
    {
        if (Office(adminKey) is not { } office || person.IsEmpty) return null;
        var report = await ReportAsync(office, person);
        await RecordAsync(office, "export", person, $"findings={report.Findings.Count}");
        return new PersonExport(JsonSerializer.SerializeToUtf8Bytes(report, ExportJson), PersonalDataDocuments.Export(report));
    }

    public Task<PersonOutcome?> CorrectAsync(PersonQuery person, PersonChange change, string? adminKey) =>
        ChangeAsync("correct", person, change with { Erase = false }, adminKey);

    public Task<PersonOutcome?> DeleteAsync(PersonQuery person, string? adminKey) =>
        ChangeAsync("delete", person, new PersonChange(Erase: true), adminKey);

    public async Task<byte[]?> RecordOfProcessingAsync(string? adminKey)
    {
        if (Office(adminKey) is not { } office) return null;
        await audit.OfficeAsync($"{Operation.AnswerPersonalDataRequests} record-of-processing", "downloaded", office);
        return PersonalDataDocuments.RecordOfProcessing(privacy.Value, PaperworkOptions.VietnamToday(clock));
    }

    public async Task<IReadOnlyList<OfficeAuditEntry>?> OfficeAuditAsync(string? adminKey) =>
        Office(adminKey) is { } office ? await audit.OfficeEntriesAsync(office) : null;

    private async Task<PersonReport> ReportAsync(OfficeGrant office, PersonQuery person)
    {
        var findings = new List<PersonFinding>(await records.FindAsync(office.Id, person, SignedDocuments));
        foreach (var state in await live.AllAsync(office))
            findings.AddRange(PersonalRewrite.Find(DomainJson.Serialize(state), "live", person, SignedDocuments));
        return new PersonReport(person, clock.GetUtcNow(),
            [.. findings.Select(f => f with { Files = [.. f.Files.Where(files.Exists)] })]);
    }

    private async Task<PersonOutcome?> ChangeAsync(string what, PersonQuery person, PersonChange change, string? adminKey)
    {
        if (Office(adminKey) is not { } office || person.IsEmpty) return null;
        var found = await ReportAsync(office, person);
        var changes = new List<StoreChange>(await records.ChangeAsync(office.Id, person, change, SignedDocuments));
        var kept = new List<string>();
        foreach (var state in await live.AllAsync(office))
        {
            if (!PersonalRewrite.Find(DomainJson.Serialize(state), "live", person, SignedDocuments).Any()) continue;
            var title = state.Info?.Title ?? state.Id;
            if (state.Status != MeetingStatus.Closed)
            {
                kept.Add($"{title} (Redis): {KeptWhileLive}");
                continue;
            }
            var (changed, keptHere) = (0, 0);
            var rewritten = await live.RewriteAsync(state.Id, snapshot =>
            {
                var result = PersonalRewrite.State(snapshot, person, change, SignedDocuments);
                (changed, keptHere) = (result.Changed, result.Kept);
                return (result.Json, e =>
                {
                    var history = PersonalRewrite.History(e, person, change, identity: result.Kept == 0);
                    changed += history.Changed;
                    return history.Json;
                });
            });
            if (!rewritten) kept.Add($"{title} (Redis): có thao tác mới trong lúc sửa, hãy thực hiện lại yêu cầu");
            else changes.Add(new StoreChange("live", state.Id, changed, keptHere));
        }
        var titles = found.Findings.GroupBy(f => f.MeetingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Meeting, StringComparer.Ordinal);
        foreach (var c in changes.Where(c => c.Kept > 0))
            kept.Add($"{(c.MeetingId is { } m && titles.TryGetValue(m, out var t) ? t : c.MeetingId)} ({c.Store}): {c.Kept} mục {KeptForSignedDocuments}");

        var deleted = change.Erase ? found.Findings.SelectMany(f => f.Files).Distinct(StringComparer.Ordinal).Sum(files.Delete) : 0;
        var outcome = new PersonOutcome(changes, deleted, kept);
        var keptCount = changes.Sum(c => c.Kept);
        await RecordAsync(office, what, person, string.Create(CultureInfo.InvariantCulture,
            $"changed={outcome.Changed} files={deleted} kept={keptCount}{(kept.Count > 0 ? "; " + string.Join("; ", kept) : "")}"));
        LogChanged(what, outcome.Changed, deleted, keptCount);
        return outcome;
    }

    /// <summary>The request in the office's audit, naming the person only by initials and the phone's last three digits.</summary>
    private Task RecordAsync(OfficeGrant office, string what, PersonQuery person, string outcome) =>
        audit.OfficeAsync($"{Operation.AnswerPersonalDataRequests} {what} {Masked(person)}", outcome, office);

    public static string Masked(PersonQuery person)
    {
        var initials = PersonQuery.Normalized(person.Name) is { } name ? string.Concat(name.Split(' ').Select(w => $"{w[0]}.")) : "-";
        var phone = PersonQuery.Digits(person.Phone) is { } digits ? $"***{digits[^3..]}" : "-";
        return $"[{initials} {phone}]";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data request {What}: {Changed} entries changed, {Files} files deleted, {Kept} kept for the signed documents")]
    private partial void LogChanged(string what, int changed, int files, int kept);
}
