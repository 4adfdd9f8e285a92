using System.Net.Http.Json;
using System.Text.Json;

/// <summary>A meeting created through the HTTP API as the office creates one, for a bench run.</summary>
internal static class BenchMeetings
{
    /// <summary>Creates the meeting and returns its role tokens by role name ("chair", "participant"…).</summary>
    public static async Task<Func<string, string>> CreateAsync(Uri baseUrl, string adminKey, string title)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = JsonContent.Create(new
            {
                title, kind = "periodic", form = "hybrid", venue = "Hội trường UBND xã",
                scheduledStart = DateTimeOffset.UtcNow, chairName = "Nguyễn Văn An", secretaryName = "Trần Thị Bình",
            }),
        };
        create.Headers.Add("X-Admin-Key", adminKey);
        var created = await (await http.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return role => Uri.UnescapeDataString(created.GetProperty("links").GetProperty(role).GetString()!.Split("?t=")[1]);
    }
}
