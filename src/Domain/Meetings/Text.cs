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

    private static string Normalize(string? value) => (value ?? "").Trim().Normalize(NormalizationForm.FormC);

    private static DomainError? Check(string text, string label, int max)
    {
        if (text.Length > max)
            return DomainError.Invalid($"{label} dài quá {max} ký tự.");
        if (text.Any(c => char.IsControl(c)))
            return DomainError.Invalid($"{label} chứa ký tự không hợp lệ.");
        return null;
    }

    public static DomainError? Range(int value, int min, int max, string label) =>
        value < min || value > max ? DomainError.Invalid($"{label} phải từ {min} đến {max}.") : null;
}
