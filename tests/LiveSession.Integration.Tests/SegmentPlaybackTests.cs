using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Audio;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The secretary clicks a piece of a turn's text and hears the recording from the moment it was said.</summary>
[Collection(RedisCollection.Name)]
public sealed class SegmentPlaybackTests(RedisServer redis) : BrowserTest(redis)
{
    private const double Low = 300, High = 900; // the two pieces of the turn, told apart by their pitch

    [Fact]
    public async Task A_clicked_piece_of_the_text_plays_from_where_it_was_said_even_after_the_microphone_was_off_for_a_while()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường làng"))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is not null, "the chair sees the turn");
        var turn = chair.State!.CurrentTurn!.Id;
        var meetingStart = chair.State.StartedAt!.Value;

        // The hall microphone hears one second at a low pitch, is off for twenty seconds, then one second at a high pitch.
        var microphone = await Connect(id, Role.Microphone);
        var firstSaid = Host.Clock.GetUtcNow();
        Assert.True((await Microphone.SpeakAsync(microphone, Microphone.Tone(1.0, Low))).Ok);
        Host.Clock.Shift += TimeSpan.FromSeconds(20);
        var secondSaid = Host.Clock.GetUtcNow();
        Assert.True((await Microphone.SpeakAsync(microphone, Microphone.Tone(1.0, High))).Ok);

        // Each moment is found in its own piece: the recording holds two seconds, not the twenty-two the turn lasted.
        var recordings = Host.Services.GetRequiredService<TurnRecordings>();
        var inFirst = recordings.PositionOf(id, turn, firstSaid.AddSeconds(0.4))!.Value;
        var inSecond = recordings.PositionOf(id, turn, secondSaid.AddSeconds(0.3))!.Value;
        Assert.InRange(inFirst.TotalSeconds, 0.1, 0.5);
        Assert.InRange(inSecond.TotalSeconds, 1.1, 1.5);
        Assert.InRange(await PitchFromAsync(id, turn, inFirst), Low - 100, Low + 100);
        Assert.InRange(await PitchFromAsync(id, turn, inSecond), High - 100, High + 100);

        // The worker's text of the second piece, numbered as it numbers it: milliseconds from the meeting's start.
        var transcriber = await Connect(id, Role.Transcriber);
        var sequence = (int)(secondSaid.AddSeconds(0.3) - meetingStart).TotalMilliseconds;
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment(turn, sequence, "đề nghị sửa đường làng"))).Ok);

        var secretary = await Chromium.OpenAsync(Page("/secretary", id, Role.Secretary), 1366, 900);
        var card = secretary.Locator($"[data-turn-id={turn}]");
        await card.GetByRole(AriaRole.Link, new() { Name = "đề nghị sửa đường làng" }).ClickAsync();
        var player = card.Locator("[data-role=turn-audio]");
        await Expect(player).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"&from=1\.[1-5]$"));
        // What the page plays is the rest of the turn from there: the high second, less the part before the click.
        // (A streamed Ogg's duration is known once the browser has read it to its end: it plays at once, so by its end.)
        var duration = await player.EvaluateAsync<double>("""
            a => new Promise((ok, fail) => {
              const known = () => { if (isFinite(a.duration)) ok(a.duration); };
              a.addEventListener("durationchange", known); a.addEventListener("ended", known); known();
              a.addEventListener("error", () => fail(a.error && a.error.message));
            })
            """);
        Assert.InRange(duration, 0.4, 0.95);

        // "Nghe lại" plays the whole turn again, from its start.
        await card.GetByRole(AriaRole.Button, new() { Name = "Nghe lại" }).ClickAsync();
        await Expect(player).ToHaveCountAsync(0);
        await card.GetByRole(AriaRole.Button, new() { Name = "Nghe lại" }).ClickAsync();
        await Expect(player).Not.ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("from="));

        // Once the turn ends, the page's totals count it: 22 seconds by the turn's clock (the microphone was off for 20).
        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        var totals = secretary.GetByTestId("speaking-totals-by-speaker");
        await Expect(totals).ToContainTextAsync("Nguyễn Văn An");
        await Expect(totals).ToContainTextAsync("Thôn Đông");
        await Browser.ScreenshotAsync(secretary, "secretary-segment-playback-and-totals");
        await secretary.GetByTestId("speaking-totals").ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "secretary-speaking-totals.png") });

        // The marks go with the recording, and are not counted as recordings of their own.
        Assert.Equal(1, Host.Services.GetRequiredService<LiveSession.Hub.Privacy.PersonalFiles>().DeleteRecordings(id));
        Assert.Null(recordings.PositionOf(id, turn, secondSaid));
    }

    [Fact]
    public async Task A_start_that_is_not_a_number_of_seconds_is_refused()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var turns = await FloorSteps.CitizensSpeakAsync(Host, id, chair, ("Trần Thị Bình", (string?)null));
        var recordings = Host.Services.GetRequiredService<TurnRecordings>();
        Assert.True(await recordings.AppendAsync(id, turns[0].Id, new byte[AudioFormat.BytesPerSecond], default));
        foreach (var from in new[] { "-1", "abc", "1e9", "NaN" })
        {
            using var refused = await WavFromAsync(id, turns[0].Id, from);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        using var pastTheEnd = await WavFromAsync(id, turns[0].Id, "30");
        Assert.Equal(HttpStatusCode.OK, pastTheEnd.StatusCode);
        Assert.Equal(44, (await pastTheEnd.Content.ReadAsByteArrayAsync()).Length);
    }

    /// <summary>The turn's recording as WAV, from <paramref name="from"/> (as the secretary's page would ask).</summary>
    private Task<HttpResponseMessage> WavFromAsync(string meetingId, string turnId, string from) =>
        Host.GetAsync($"/api/audio/turns/{turnId}.wav?from={Uri.EscapeDataString(from)}", meetingId, Role.Secretary);

    /// <summary>The pitch of the first 0.3 s the host sends from <paramref name="from"/> on, by counting zero crossings.</summary>
    private async Task<double> PitchFromAsync(string meetingId, string turnId, TimeSpan from)
    {
        using var wav = await WavFromAsync(meetingId, turnId, from.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        var pcm = (await wav.Content.ReadAsByteArrayAsync())[44..];
        var samples = Math.Min(pcm.Length / 2, (int)(0.3 * AudioFormat.SampleRate));
        var crossings = 0;
        for (var i = 1; i < samples; i++)
            if (Math.Sign(BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(2 * i))) != Math.Sign(BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(2 * i - 2))))
                crossings++;
        return crossings / 2.0 / (samples / (double)AudioFormat.SampleRate);
    }
}
