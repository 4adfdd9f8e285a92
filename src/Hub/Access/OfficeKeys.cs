using LiveSession.Domain.Access;
using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Access;

/// <summary>Which office an admin key opens: the installation's own (<see cref="LiveSessionOptions.AdminKey"/>) or one of <see cref="LiveSessionOptions.Offices"/>.</summary>
public sealed class OfficeKeys(IOptions<LiveSessionOptions> options)
{
    public const int MaxIdLength = 40;

    /// <summary>The office <paramref name="adminKey"/> opens; null for a wrong or empty key.</summary>
    public OfficeGrant? Of(string? adminKey)
    {
        var settings = options.Value;
        if (ConfiguredKey.Matches(settings.AdminKey, adminKey)) return new OfficeGrant(null, settings.OfficeName);
        return settings.Offices.FirstOrDefault(o => ConfiguredKey.Matches(o.AdminKey, adminKey)) is { } office
            ? new OfficeGrant(office.Id, office.Name)
            : null;
    }

    /// <summary>Why the configured offices cannot be used (checked at start-up), or null.</summary>
    public static string? Problem(LiveSessionOptions settings)
    {
        foreach (var office in settings.Offices)
            if (office.Id.Length is 0 or > MaxIdLength || !office.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return $"LiveSession:Offices: the id \"{office.Id}\" must be 1–{MaxIdLength} letters, digits or '-'.";
            else if (office.AdminKey.Length < 16)
                return $"LiveSession:Offices: the office \"{office.Id}\" needs an admin key of at least 16 characters.";
        if (settings.Offices.Select(o => o.Id).Distinct().Count() < settings.Offices.Count)
            return "LiveSession:Offices: two offices have the same id.";
        var keys = settings.Offices.Select(o => o.AdminKey).Append(settings.AdminKey).Where(k => k.Length > 0).ToList();
        return keys.Distinct().Count() < keys.Count ? "LiveSession:Offices: two offices have the same admin key." : null;
    }
}
