using System.Text;

namespace LiveSession.Domain.Meetings;

/// <summary>Checks and normalises the free text users type: trimmed, Unicode NFC, bounded, no control characters.</summary>
public static class Text
{
    public const int NameMax = 100;
    public const int ShortMax = 120;
    public const int TitleMax = 300;

    /// <summary>Normalises a required field; returns the error to report when it is empty, too long or unprintable.</summary>
    public static DomainError? Required(string? value, string label, int max, out string normalized)
    {
        normalized = Normalize(value);
        if (normalized.Length == 0)
            return DomainError.Invalid($"{label} không được để trống.");
        return Check(normalized, label, max);
    }

    /// <summary>Normalises an optional field (empty becomes null).</summary>
    public static DomainError? Optional(string? value, string label, int max, out string? normalized)
    {
        var text = Normalize(value);
        normalized = text.Length == 0 ? null : text;
        return normalized is null ? null : Check(text, label, max);
    }

    /// <summary>Like <see cref="Required"/>, for a long text that may span lines (line breaks become "\n", tabs are kept).</summary>
    public static DomainError? RequiredMultiline(string? value, string label, int max, out string normalized)
    {
        normalized = NormalizeMultiline(value);
        if (normalized.Length == 0)
            return DomainError.Invalid($"{label} không được để trống.");
        return Check(normalized, label, max, multiline: true);
    }

    /// <summary>Like <see cref="Optional"/>, for a long text that may span lines.</summary>
    public static DomainError? OptionalMultiline(string? value, string label, int max, out string? normalized)
    {
        var text = NormalizeMultiline(value);
        normalized = text.Length == 0 ? null : text;
        return normalized is null ? null : Check(text, label, max, multiline: true);
    }

    private static string Normalize(string? value) => (value ?? "").Trim().Normalize(NormalizationForm.FormC);

    private static string NormalizeMultiline(string? value) => Normalize(value?.ReplaceLineEndings("\n"));

    private static DomainError? Check(string text, string label, int max, bool multiline = false)
    {
        if (text.Length > max)
            return DomainError.Invalid($"{label} dài quá {max} ký tự.");
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\t')))
            return DomainError.Invalid($"{label} chứa ký tự không hợp lệ.");
        if (text.Any(IsBidiControl))
            return DomainError.Invalid($"{label} chứa ký tự đảo chiều chữ (như U+202E), có thể làm chữ hiện ngược trên màn hình: hãy gõ lại.");
        if (!text.Any(IsVisible))
            return DomainError.Invalid($"{label} chỉ gồm ký tự không nhìn thấy được.");
        return null;
    }

    /// <summary>Marks and overrides that reorder text (LRE…RLO, LRI…PDI, LRM, RLM, ALM): a name with one shows reversed.</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Not a space, a format character (zero-width space and joiners, BOM) or a blank filler letter.</summary>
    private static bool IsVisible(char c) =>
        !char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format
        && c is not ('\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E');

    public const int PhoneMax = 20;
    public const int PhoneMinDigits = 8;
    public const int PhoneMaxDigits = 15;

    public static DomainError PhoneInvalid { get; } =
        DomainError.Invalid($"Số điện thoại không hợp lệ (chỉ gồm chữ số, {PhoneMinDigits}–{PhoneMaxDigits} số).");

    /// <summary>An optional phone number: digits with optional "+", spaces, dots or dashes; 8 to 15 digits.</summary>
    public static DomainError? Phone(string? value, out string? normalized)
    {
        if (Optional(value, "Số điện thoại", PhoneMax, out normalized) is { } error) return error;
        if (normalized is null) return null;
        var digits = normalized.Count(char.IsAsciiDigit);
        return normalized.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-') && digits is >= PhoneMinDigits and <= PhoneMaxDigits
            ? null
            : PhoneInvalid;
    }

    public static DomainError? Range(int value, int min, int max, string label) =>
        value < min || value > max ? DomainError.Invalid($"{label} phải từ {min} đến {max}.") : null;
}
