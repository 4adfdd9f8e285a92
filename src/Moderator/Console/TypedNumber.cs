using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace LiveSession.Moderator.Console;

/// <summary>A whole number typed in a number field; null while the field holds none. The domain judges its range.</summary>
public static class TypedNumber
{
    public static int? Of(ChangeEventArgs e) =>
        int.TryParse(e.Value as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
