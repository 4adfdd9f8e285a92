using System.Text;
using System.Text.Json.Nodes;

namespace LiveSession.Records;

/// <summary>Whom a request is about: a name, a phone number, or both (then an entry with another number is someone else).</summary>
public sealed record PersonQuery(string? Name, string? Phone)
{
    public bool IsEmpty => Normalized(Name) is null && Digits(Phone) is null;

    public bool MatchesName(string? name) => Normalized(Name) is { } wanted && string.Equals(Normalized(name), wanted, StringComparison.OrdinalIgnoreCase);

    public bool MatchesPhone(string? phone) => Digits(Phone) is { } wanted && Digits(phone) == wanted;

    /// <summary>An entry with this name and phone is the person's: the same number, or the same name with no other number.</summary>
    public bool Matches(string? name, string? phone) =>
        MatchesPhone(phone) || (MatchesName(name) && (Digits(Phone) is null || Digits(phone) is null));

    /// <summary>Spaces collapsed and letters composed (NFC), so "Nguyễn  Văn A" typed two ways is one name.</summary>
    public static string? Normalized(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : string.Join(' ', name.Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The last nine digits, so "0912 345 678" and "+84912345678" are one number; null when fewer than six digits.</summary>
    public static string? Digits(string? phone)
    {
        if (phone is null) return null;
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length < 6 ? null : digits[Math.Max(0, digits.Length - 9)..];
    }
}

/// <summary>What to write over a person's entries: a correction (the fields given), or <see cref="Erase"/> (de-identify).</summary>
public sealed record PersonChange(string? Name = null, string? Locality = null, string? Phone = null, bool Erase = false)
{
    /// <summary>What a de-identified entry is called instead of the person's name.</summary>
    public const string ErasedName = "Người dân (đã xóa thông tin cá nhân)";
}

/// <summary>
/// The personal fields of the domain's JSON (a meeting's state, its events, the follow-up's events), found by their
/// property names wherever they are nested: a speaker's <c>name</c>, a turn's <c>speakerName</c>, a kiến nghị's
/// <c>citizenName</c>, a question's <c>askerName</c>, an event author's <c>person</c>, with the <c>locality</c> and the
/// <c>phone</c>/<c>askerPhone</c> beside them.
/// </summary>
public static class PersonalJson
{
    public static readonly IReadOnlyList<string> NameKeys = ["name", "speakerName", "citizenName", "askerName", "person"];
    public static readonly IReadOnlyList<string> PhoneKeys = ["phone", "askerPhone"];
    public const string LocalityKey = "locality";

    /// <summary>Every object of the tree that names a person (has a name or a phone property), depth first.</summary>
    public static IEnumerable<JsonObject> PersonObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (NameKeys.Any(o.ContainsKey) || PhoneKeys.Any(o.ContainsKey)) yield return o;
                foreach (var child in o.Select(p => p.Value).ToList())
                    foreach (var found in PersonObjects(child)) yield return found;
                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                    foreach (var found in PersonObjects(child)) yield return found;
                break;
        }
    }

    public static string? NameOf(JsonObject o) => NameKeys.Select(k => Text(o, k)).FirstOrDefault(v => v is not null);
    public static string? PhoneOf(JsonObject o) => PhoneKeys.Select(k => Text(o, k)).FirstOrDefault(v => v is not null);

    /// <summary>The objects about the person.</summary>
    public static IEnumerable<JsonObject> About(JsonNode? root, PersonQuery person) =>
        PersonObjects(root).Where(o => person.Matches(NameOf(o), PhoneOf(o)));

    public static string? Text(JsonObject o, string key) =>
        o.TryGetPropertyValue(key, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Sets every phone property to null; how many numbers were there.</summary>
    public static int ErasePhones(JsonNode? root)
    {
        var erased = 0;
        foreach (var o in PersonObjects(root))
            foreach (var key in PhoneKeys.Where(k => Text(o, k) is not null))
            {
                o[key] = null;
                erased++;
            }
        return erased;
    }

    /// <summary>The phone fields of an object, changed as asked (erased, or corrected where the object has a number field).</summary>
    public static Dictionary<string, JsonNode?> PhoneFields(JsonObject o, PersonChange change) =>
        PhoneKeys.Where(o.ContainsKey).Where(_ => change.Erase || change.Phone is not null)
            .ToDictionary(k => k, k => change.Erase ? null : (JsonNode?)JsonValue.Create(change.Phone));

    /// <summary>The name and locality fields of an object, changed as asked.</summary>
    public static Dictionary<string, JsonNode?> IdentityFields(JsonObject o, PersonChange change)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var name = change.Erase ? PersonChange.ErasedName : change.Name;
        if (name is not null)
            foreach (var key in NameKeys.Where(k => Text(o, k) is not null)) fields[key] = JsonValue.Create(name);
        if (o.ContainsKey(LocalityKey) && (change.Erase || change.Locality is not null))
            fields[LocalityKey] = change.Erase ? null : JsonValue.Create(change.Locality);
        return fields;
    }

    /// <summary>Writes the fields into the object; returns what they were, to put back.</summary>
    public static Dictionary<string, JsonNode?> Write(JsonObject o, IReadOnlyDictionary<string, JsonNode?> fields)
    {
        var before = fields.Keys.ToDictionary(k => k, k => o[k]?.DeepClone(), StringComparer.Ordinal);
        foreach (var (key, value) in fields) o[key] = value?.DeepClone();
        return before;
    }

    /// <summary>Whether writing the fields would change anything.</summary>
    public static bool Changes(JsonObject o, IReadOnlyDictionary<string, JsonNode?> fields) =>
        fields.Any(f => !JsonNode.DeepEquals(o[f.Key], f.Value));
}

/// <summary>One entry held about a person, as the office's answer to their request lists it.</summary>
/// <param name="Store">Where it is held: "records" (archived meeting), "live" (Redis), "follow-up" (kiến nghị dossier), "pre-meeting".</param>
/// <param name="Kind">What it is, in Vietnamese ("Đăng ký phát biểu", "Lượt phát biểu", "Kiến nghị", "Câu hỏi"…).</param>
/// <param name="InSignedDocument">The entry's name or locality is in the signed biên bản or thông báo kết luận: kept on deletion.</param>
/// <param name="Files">Recordings ("audio/{meeting}/{turn}") and photos ("attachments/{meeting}/{id}") that belong to it.</param>
public sealed record PersonFinding(
    string MeetingId, string Meeting, string Store, string Kind, string? Id, string? Name, string? Locality, string? Phone, string? Text,
    bool InSignedDocument, IReadOnlyList<string> Files);

/// <summary>The result of rewriting one JSON document for a person: how many entries changed, how many were kept for the signed documents.</summary>
public readonly record struct JsonChange(string Json, int Changed, int Kept);

/// <summary>Rewrites of a meeting's JSON for a person or for retention, never changing what its signed documents show.</summary>
public static class PersonalRewrite
{
    // Vietnamese left readable, as the domain writes it.
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The meeting state with the person's entries changed, entry by entry and field group by field group (phone, then name
    /// and locality): a change that would alter the signed documents (<paramref name="signedDocuments"/>, a fingerprint of
    /// them made from a state's JSON) is put back and counted as kept.
    /// </summary>
    public static JsonChange State(string stateJson, PersonQuery person, PersonChange change, Func<string, string> signedDocuments)
    {
        var root = JsonNode.Parse(stateJson)!;
        var signed = signedDocuments(stateJson);
        int changed = 0, kept = 0;
        foreach (var entry in PersonalJson.About(root, person).ToList())
        {
            var any = false;
            foreach (var fields in new[] { PersonalJson.PhoneFields(entry, change), PersonalJson.IdentityFields(entry, change) })
            {
                if (!PersonalJson.Changes(entry, fields)) continue;
                var before = PersonalJson.Write(entry, fields);
                if (signedDocuments(root.ToJsonString(Readable)) == signed) any = true;
                else
                {
                    PersonalJson.Write(entry, before);
                    kept++;
                }
            }
            if (any) changed++;
        }
        return new JsonChange(root.ToJsonString(Readable), changed, kept);
    }

    /// <summary>An event's (or any history's) JSON with the person's entries changed; the names and localities only when <paramref name="identity"/>.</summary>
    public static JsonChange History(string json, PersonQuery person, PersonChange change, bool identity)
    {
        var root = JsonNode.Parse(json)!;
        var changed = 0;
        foreach (var entry in PersonalJson.About(root, person).ToList())
        {
            var fields = new Dictionary<string, JsonNode?>(PersonalJson.PhoneFields(entry, change), StringComparer.Ordinal);
            if (identity)
                foreach (var (k, v) in PersonalJson.IdentityFields(entry, change)) fields[k] = v;
            if (!PersonalJson.Changes(entry, fields)) continue;
            PersonalJson.Write(entry, fields);
            changed++;
        }
        return new JsonChange(changed == 0 ? json : root.ToJsonString(Readable), changed, 0);
    }

    /// <summary>The JSON with every phone number erased (retention); unchanged text when there was none.</summary>
    public static JsonChange ErasePhones(string json)
    {
        var root = JsonNode.Parse(json);
        var erased = PersonalJson.ErasePhones(root);
        return new JsonChange(erased == 0 ? json : root!.ToJsonString(Readable), erased, 0);
    }

    /// <summary>The person's entries in a meeting state, each marked whether the signed documents show its name or locality.</summary>
    public static IReadOnlyList<PersonFinding> Find(string stateJson, string store, PersonQuery person, Func<string, string> signedDocuments)
    {
        var root = JsonNode.Parse(stateJson)!;
        var meetingId = PersonalJson.Text(root.AsObject(), "id") ?? "";
        var meeting = root["info"] is JsonObject info ? PersonalJson.Text(info, "title") ?? meetingId : meetingId;
        var signed = signedDocuments(stateJson);
        var findings = new List<PersonFinding>();
        foreach (var entry in PersonalJson.About(root, person).ToList())
        {
            var (kind, text) = Describe(entry);
            var before = PersonalJson.Write(entry, PersonalJson.IdentityFields(entry, new PersonChange(Erase: true)));
            var inSigned = signedDocuments(root.ToJsonString(Readable)) != signed;
            PersonalJson.Write(entry, before);
            var id = PersonalJson.Text(entry, "id");
            var files = new List<string>();
            if (PersonalJson.Text(entry, "attachmentId") is { } photo) files.Add($"attachments/{meetingId}/{photo}");
            if (entry.ContainsKey("speakerName") && id is not null) files.Add($"audio/{meetingId}/{id}");
            findings.Add(new PersonFinding(meetingId, meeting, store, kind, id, PersonalJson.NameOf(entry), PersonalJson.Text(entry, PersonalJson.LocalityKey),
                PersonalJson.PhoneOf(entry), text, inSigned, files));
        }
        return findings;
    }

    private static (string Kind, string? Text) Describe(JsonObject o) =>
        o.ContainsKey("speakerName") ? ("Lượt phát biểu", PersonalJson.Text(o, "topic"))
        : o.ContainsKey("citizenName") ? ("Kiến nghị", PersonalJson.Text(o, "summary"))
        : o.ContainsKey("askerName") ? ("Câu hỏi bằng văn bản", PersonalJson.Text(o, "text"))
        : o.ContainsKey("requestedMinutes") ? ("Đăng ký phát biểu", PersonalJson.Text(o, "topic"))
        : o.ContainsKey("person") ? ("Người thực hiện thao tác", null)
        : ("Mục khác", null);
}
