namespace LiveSession.Records;

/// <summary>One CSV cell, safe for a spreadsheet: quoted when needed, and never run as a formula.</summary>
public static class CsvCell
{
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A cell a spreadsheet would run as a formula (=HYPERLINK(…), +…, -…, @…) is kept as text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
    }
}
