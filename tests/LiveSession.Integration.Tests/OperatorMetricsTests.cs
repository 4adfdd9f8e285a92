using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Meetings;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>
/// /metrics: the figures an operator watches, in Prometheus's text format, for the office only. Several test hosts share
/// this process and the meter's name, so counts are checked as at least what this test did; the backlog by its own meeting.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed partial class OperatorMetricsTests(RedisServer redis) : HostTest(redis)
{
    [Fact]
    public async Task The_office_reads_connections_commands_commit_latency_transcription_backlog_and_redis_memory_and_no_one_else_does()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var transcriber = await Connect(id, Role.Transcriber);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông"))).Ok);
        Assert.False((await chair.ExecuteAsync(new WithdrawSpeaker("no-such-speaker"))).Ok);
        Assert.True((await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(true, 7.5, 0, Host.Clock.GetUtcNow()))).Ok);

        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/metrics?t={Uri.EscapeDataString(Host.Token(id, Role.Chair))}")).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { MeetingsApi.AdminKeyHeader, "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { MeetingsApi.AdminKeyHeader, TestHost.AdminKey } } };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(Value(text, "livesession_connections") >= 2, text);
        Assert.True(Value(text, "livesession_commands_total", "outcome=\"accepted\"") >= 3, text); // create, start, register
        Assert.True(Value(text, "livesession_commands_total", "outcome=\"refused\"") >= 1, text);
        Assert.True(Value(text, "livesession_commit_duration_seconds_count") >= 3, text);
        Assert.True(Value(text, "livesession_commit_duration_seconds_bucket", "le=\"+Inf\"") >= 3, text);
        Assert.Equal(7.5, Value(text, "livesession_transcription_backlog_seconds", $"meeting=\"{id}\""));
        Assert.True(Value(text, "livesession_redis_memory_bytes") > 100_000, text);
    }

    /// <summary>The largest value of a metric's lines (one per meter that has it) carrying the given label.</summary>
    private static double Value(string text, string metric, string label = "") =>
        text.Split('\n').Where(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => SampleLine().Match(line)).Where(m => m.Success && m.Groups["name"].Value == metric)
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(double.NaN).Max();

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[-+0-9.eE]+|\+Inf|NaN)( \d+)?$")]
    private static partial Regex SampleLine();
}
