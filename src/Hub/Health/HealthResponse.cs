using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveSession.Hub.Health;

/// <summary>Writes the health report as JSON: overall status and each check's status and description.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
}
