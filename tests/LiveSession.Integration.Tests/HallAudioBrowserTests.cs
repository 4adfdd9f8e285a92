using System.Globalization;
using System.Text.Json;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// "Nghe hội trường": the hall microphone page (Chromium's fake microphone playing a real Vietnamese clip, looped) is
/// heard on participants' phones. Each page's sound is measured where it leaves the page (an analyser on the listener's
/// output node) and where it enters the microphone page (an analyser on the microphone's stream), both every 20 ms on
/// the same machine clock, and the two energy envelopes are aligned. The lock screen (Media Session) names the meeting and
/// who has the floor, and a phone whose screen locked (hidden, its sound suspended, the page frozen) plays again after.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HallAudioBrowserTests(RedisServer redis, ITestOutputHelper output)
    : BrowserTest(redis, Browser.FakeMicrophone(Clip))
{
    private static readonly string Clip = Path.Combine(Repository.Root, "tests", "fixtures", "vi-speech", "audio", "vivos_VIVOSSPK01_R050.wav");

    /// <summary>
    /// The envelope of what a phone plays must correlate with the microphone's at some delay (Pearson r over 20 ms RMS
    /// steps, smoothed over 140 ms). 0.6 because the same speech through the Opus codec, the browser's audio processing and a jitter buffer
    /// that may cut a frame stays well above it (r ≈ 0.8–0.95 here), while the clip against itself at a wrong delay, or
    /// silence, or another sound, stays below 0.4: the syllables of speech come 150–300 ms apart.
    /// </summary>
    private const double Correlates = 0.6;
    /// <summary>Below this RMS a page plays nothing (its output is exact zeros when nothing is scheduled).</summary>
    private const double Silent = 1e-4;

    /// <summary>Every 20 ms, the RMS of the last ~21 ms through an analyser, stamped on the machine's clock (ms).</summary>
    private const string Tap = """
        window.__envelope = [];
        window.__tap = analyser => {
          const data = new Float32Array(analyser.fftSize);
          setInterval(() => {
            analyser.getFloatTimeDomainData(data);
            let sum = 0;
            for (const v of data) sum += v * v;
            window.__envelope.push([performance.timeOrigin + performance.now(), Math.sqrt(sum / data.length)]);
          }, 20);
        };
        """;

    /// <summary>The microphone page's input: its getUserMedia stream, tapped before it goes to the hub.</summary>
    private const string MicrophoneTap = Tap + """
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async constraints => {
          const stream = await original(constraints);
          const context = new AudioContext();
          const analyser = context.createAnalyser();
          analyser.fftSize = 1024;
          context.createMediaStreamSource(stream).connect(analyser);
          window.__tap(analyser);
          return stream;
        };
        """;

    /// <summary>When each hall audio packet reached the phone (machine clock, ms) and when it was spoken (hub clock, ms).</summary>
    private const string ArrivalTap = """
        window.__arrivals = [];
        const NativeWebSocket = window.WebSocket;
        window.WebSocket = class extends NativeWebSocket {
          constructor(...args) {
            super(...args);
            this.addEventListener("message", e => {
              if (typeof e.data !== "string" || !e.data.includes('"HallAudio"')) return;
              const now = performance.timeOrigin + performance.now();
              for (const m of e.data.split("\x1e")) if (m.includes('"HallAudio"')) window.__arrivals.push([now, JSON.parse(m).arguments[0].at]);
            });
          }
        };
        """;

    /// <summary>A listening phone's output: the gain node every packet plays through.</summary>
    private const string OutputTap = Tap + """
        const analyser = LiveHallAudio.context.createAnalyser();
        analyser.fftSize = 1024;
        LiveHallAudio.output.connect(analyser);
        window.__tap(analyser);
        """;

    [Fact]
    public async Task Two_phones_hear_the_hall_microphone_and_an_online_speaker_hears_no_echo_of_themselves()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        // One phone decodes with WebCodecs, the other with the WASM decoder (what a browser without WebCodecs gets).
        var phones = new[] { await ListenerAsync(Host, id), await ListenerAsync(Host, id, wasm: true) };
        Assert.Equal("webcodecs", await phones[0].EvaluateAsync<string>("document.documentElement.dataset.hallDecoder"));
        Assert.Equal("wasm", await phones[1].EvaluateAsync<string>("document.documentElement.dataset.hallDecoder"));
        await Eventually.TrueAsync(() => chair.HallListeners?.Count == 2, "the chair is told that two listen");
        var microphone = await MicrophoneAsync(Host, id);

        var bound = await phones[0].EvaluateAsync<double>("LiveHallAudio.jitter.bound") * 1000;
        await Eventually.TrueAsync(async () => (await EnvelopeAsync(microphone)).Count >= 300 && (await EnvelopeAsync(phones[1])).Count >= 300,
            "six seconds of the hall heard on both phones", 40);
        var hubAhead = (Host.Clock.GetUtcNow() - DateTimeOffset.UtcNow).TotalMilliseconds;
        var spoken = await EnvelopeAsync(microphone);
        var received = await ReceivedAsync(id, hubAhead);
        foreach (var phone in phones)
        {
            // How late the packets reached the phone after the hub's stamp of when they were spoken (the host's and the
            // network's share); the page may add at most its jitter buffer's bound on top of it.
            var arrivals = JsonSerializer.Deserialize<List<double[]>>(await phone.EvaluateAsync<string>("JSON.stringify(window.__arrivals)"))!
                .Select(a => a[0] - (a[1] - hubAhead)).Order().ToList();
            var (transport, latest) = (arrivals[arrivals.Count / 2], arrivals[^1]);
            var heard = await EnvelopeAsync(phone);
            var (r, lag) = Align(received, heard, Math.Min(0, arrivals[0]) - 100, latest + bound);
            // The same from the microphone page's own input (its capture path, in a loaded browser, adds its own delay).
            var (mouthR, mouthLag) = Align(spoken, heard, 0, 3 * bound);
            output.WriteLine($"phone ({await phone.EvaluateAsync<string>("document.documentElement.dataset.hallDecoder")}): r = {r:F2} at {lag:F0} ms after the hub's stamp; " +
                $"packets came {transport:F0} ms (p50), {arrivals[arrivals.Count * 95 / 100]:F0} ms (p95) after it; " +
                $"jitter buffer {await phone.EvaluateAsync<string>("JSON.stringify({ target: LiveHallAudio.jitter.target, ...LiveHallAudio.jitter.stats })")}, bound {bound:F0} ms; " +
                $"against the microphone page's input r = {mouthR:F2} at {mouthLag:F0} ms");
            Assert.True(r >= Correlates, $"the phone's sound follows the hall microphone's (r = {r:F2} at {lag} ms)");
            Assert.InRange(lag - transport, -40, bound);
        }
        await Browser.ScreenshotAsync(phones[0], "participant-hall-audio-360x740");

        // The first phone is given the floor as an online speaker and speaks: the hall mix is now its own voice.
        var (speaker, other) = (phones[0], phones[1]);
        await speaker.GetByLabel("Họ và tên").FillAsync("Lý Thị Hạnh");
        await speaker.GetByTestId("speaker-form").GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Eventually.TrueAsync(() => chair.State!.Speakers.Count == 1, "the chair sees the request");
        var speakerId = chair.State!.Speakers[0].Id;
        Assert.True((await chair.ExecuteAsync(new ApproveSpeaker(speakerId))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallSpeaker(speakerId))).Ok);
        await Expect(speaker.Locator("html[data-hall-muted='1']")).ToHaveCountAsync(1);
        await Expect(speaker.GetByTestId("hall-state")).ToContainTextAsync("tạm tắt tiếng hội trường");
        await speaker.Locator("#recording-no").CheckAsync();
        await speaker.GetByRole(AriaRole.Button, new() { Name = "Bật micro để phát biểu" }).ClickAsync();
        await Expect(speaker.Locator("#mic-state")).ToHaveTextAsync("Micro đang bật: mời bạn nói.");

        var (before, otherBefore) = (await PacketsAsync(speaker), await PlayedAsync(other));
        await ClearAsync(speaker);
        // The online speaker's voice reaches the other phone, and the speaker's page receives it too, but plays none of it.
        await Eventually.TrueAsync(async () => await PacketsAsync(speaker) >= before + 20 && await PlayedAsync(other) >= otherBefore + 20,
            "two seconds of the online speaker's voice sent to both", 30);
        var echo = (await EnvelopeAsync(speaker)).Max(e => e[1]);
        Assert.True(echo < Silent, $"the speaker's page plays nothing of the hall (RMS {echo})");

        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        await Expect(speaker.Locator("html[data-hall-muted='0']")).ToHaveCountAsync(1);
        await Expect(speaker.GetByTestId("hall-state")).ToHaveTextAsync("Đang nghe hội trường.");
        await ClearAsync(speaker);
        await Eventually.TrueAsync(async () => (await EnvelopeAsync(speaker)).Any(e => e[1] > 100 * Silent),
            "after the turn the phone hears the hall again", 20);
    }

    [Fact]
    public async Task A_listener_whose_host_restarts_hears_the_hall_again()
    {
        // The microphone streams to one host, the phone listens on another: the frames cross the backplane.
        var id = await Host.CreateMeetingAsync();
        var port = RedisServer.FreePort();
        // Real hosts share one wall clock: the listeners each host vouches for in Redis are counted against it.
        var first = new TestHost(Redis, port, clock: Host.Clock);
        var phone = await ListenerAsync(first, id);
        await MicrophoneAsync(Host, id);
        await Eventually.TrueAsync(async () => await PlayedAsync(phone) >= 10, async () => $"the phone plays the hall ({await DiagnoseAsync(phone, first, id)})", 30);

        await first.DisposeAsync();
        await Expect(phone.GetByText("Mất kết nối, đang kết nối lại…")).ToBeVisibleAsync();
        var before = await PlayedAsync(phone);
        await using var restarted = new TestHost(Redis, port, clock: Host.Clock);
        await Expect(phone.GetByText("Mất kết nối, đang kết nối lại…")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Eventually.TrueAsync(async () => await PlayedAsync(phone) >= before + 10,
            async () => $"the phone plays the hall again, from live ({await DiagnoseAsync(phone, restarted, id)})", 30);
        Assert.Equal("on", await phone.EvaluateAsync<string>("document.documentElement.dataset.hallListening"));
    }

    [Fact]
    public async Task The_lock_screen_names_the_meeting_and_who_has_the_floor_and_the_sound_comes_back_after_a_lock()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var phone = await ListenerAsync(Host, id);
        var microphone = await MicrophoneAsync(Host, id);
        await Eventually.TrueAsync(async () => await PlayedAsync(phone) >= 10, "the phone plays the hall", 30);
        // Media Session: the title is who has the floor (nobody yet: the listening itself), the artist the meeting.
        await MediaSessionIsAsync(phone, "Nghe hội trường", "Hội nghị đối thoại thử nghiệm", "playing");

        foreach (var (name, turn) in new[] { "Nguyễn Thị Lan", "Trần Văn Minh" }.Select((name, turn) => (name, turn)))
        {
            if (turn > 0) Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
            Assert.True((await chair.ExecuteAsync(new RegisterSpeaker(name, "Thôn Đông"))).Ok);
            Assert.True((await chair.ExecuteAsync(new CallNext())).Ok);
            await MediaSessionIsAsync(phone, name, "Hội nghị đối thoại thử nghiệm", "playing");
        }

        // The screen locks: the page is hidden, the system suspends its sound, then freezes the page (no script, no
        // network events) while the hall goes on speaking for two seconds.
        await SetVisibilityAsync(phone, "hidden");
        await phone.EvaluateAsync("LiveHallAudio.context.suspend()");
        Assert.Equal("suspended", await phone.EvaluateAsync<string>("LiveHallAudio.context.state"));
        var (packets, played) = (await PacketsAsync(phone), await PlayedAsync(phone));
        var cdp = await phone.Context.NewCDPSessionAsync(phone);
        await cdp.SendAsync("Page.setWebLifecycleState", new Dictionary<string, object> { ["state"] = "frozen" });
        var spoken = (await EnvelopeAsync(microphone)).Count;
        await Eventually.TrueAsync(async () => (await EnvelopeAsync(microphone)).Count >= spoken + 100, "two seconds spoken while the phone is locked");
        await cdp.SendAsync("Page.setWebLifecycleState", new Dictionary<string, object> { ["state"] = "active" });
        // The packets held during the lock reach the page at once; none of them is queued to play late.
        await Eventually.TrueAsync(async () => await PacketsAsync(phone) >= packets + 20, "the packets of the two seconds reach the page");
        Assert.Equal(played, await PlayedAsync(phone));

        // Unlocked: the page's sound is resumed, and it plays the hall again from what comes after the lock.
        await ClearAsync(phone);
        await SetVisibilityAsync(phone, "visible");
        await Eventually.TrueAsync(async () => await phone.EvaluateAsync<string>("LiveHallAudio.context.state") == "running", "the page's sound is resumed");
        await Eventually.TrueAsync(async () => await PlayedAsync(phone) >= played + 10 && (await EnvelopeAsync(phone)).Any(e => e[1] > 100 * Silent),
            "the phone plays the hall again after the lock", 30);
        await MediaSessionIsAsync(phone, "Trần Văn Minh", "Hội nghị đối thoại thử nghiệm", "playing");
    }

    /// <summary>Waits until the page's Media Session shows this title (who has the floor), artist (the meeting) and state.</summary>
    private static Task MediaSessionIsAsync(IPage phone, string title, string artist, string state)
    {
        const string Read = "JSON.stringify([navigator.mediaSession.metadata?.title, navigator.mediaSession.metadata?.artist, navigator.mediaSession.playbackState])";
        string[] expected = [title, artist, state];
        return Eventually.TrueAsync(async () => JsonSerializer.Deserialize<string[]>(await phone.EvaluateAsync<string>(Read))!.SequenceEqual(expected),
            async () => $"the lock screen shows {string.Join(" · ", expected)} (it shows {await phone.EvaluateAsync<string>(Read)})");
    }

    /// <summary>What a locked or unlocked screen tells the page: its visibility, and a visibilitychange event.</summary>
    private static Task SetVisibilityAsync(IPage page, string state) => page.EvaluateAsync("""
        state => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
          Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
          document.dispatchEvent(new Event("visibilitychange"));
        }
        """, state);

    /// <summary>What the phone and its host say about the listening, for a failure's message.</summary>
    private static async Task<string> DiagnoseAsync(IPage phone, TestHost host, string meetingId) =>
        await phone.EvaluateAsync<string>("JSON.stringify([document.documentElement.dataset, document.getElementById('alert-text').textContent, document.getElementById('hall-state').textContent])") +
        $"; listening there: {host.Services.GetRequiredService<LiveSession.Hub.Audio.HallListeners>().ListeningHere(meetingId)}" +
        $", in Redis: {await host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase().SortedSetLengthAsync($"ls:{{{meetingId}}}:hall-listeners")}";

    /// <summary>A phone (360×740) on <paramref name="host"/> that pressed "Nghe hội trường", its output tapped.</summary>
    private async Task<IPage> ListenerAsync(TestHost host, string meetingId, bool wasm = false)
    {
        var phone = await OpenAsync(new Uri(host.BaseAddress, $"/join?t={Uri.EscapeDataString(host.Token(meetingId, Role.Participant))}"), 360, 740,
            ArrivalTap + (wasm ? "localStorage.setItem('ls-hall-decoder', 'wasm');" : ""));
        await Expect(phone.GetByTestId("participant")).ToBeVisibleAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Nghe hội trường" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Dừng nghe" })).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("hall-state")).ToHaveTextAsync("Đang nghe hội trường.");
        await phone.EvaluateAsync(OutputTap);
        return phone;
    }

    /// <summary>The hall microphone page on <paramref name="host"/>, switched on, its input tapped.</summary>
    private async Task<IPage> MicrophoneAsync(TestHost host, string meetingId)
    {
        var page = await OpenAsync(new Uri(host.BaseAddress, $"/mic?t={Uri.EscapeDataString(host.Token(meetingId, Role.Microphone))}"), 1280, 800, MicrophoneTap);
        await page.GetByTestId("mic-toggle").ClickAsync();
        await Expect(page.GetByText("Đang gửi âm thanh tới máy chủ.")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A page in its own browser context, with a script that runs before the page's own.</summary>
    private async Task<IPage> OpenAsync(Uri url, int width, int height, string? initScript)
    {
        var context = await Chromium.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN" });
        if (initScript is not null) await context.AddInitScriptAsync(initScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>
    /// The hall's speech as the host took it (the meeting's audio stream in Redis, which is what it encoded), as 20 ms RMS
    /// steps on the machine's clock.
    /// </summary>
    private async Task<List<double[]>> ReceivedAsync(string meetingId, double hubAhead)
    {
        var entries = await Host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase()
            .StreamRangeAsync($"ls:{{{meetingId}}}:audio");
        var envelope = new List<double[]>();
        foreach (var entry in entries)
        {
            var (at, pcm) = ((long)entry["at"], (byte[])entry["pcm"]!);
            var samples = LiveSession.Client.Protocol.AudioFormat.ToFloats(pcm);
            for (var i = 0; i + 320 <= samples.Length; i += 320)
                envelope.Add([at + i / 16.0 - hubAhead, Math.Sqrt(samples.AsSpan(i, 320).ToArray().Average(v => (double)v * v))]);
        }
        return envelope;
    }

    private static async Task<List<double[]>> EnvelopeAsync(IPage page) =>
        JsonSerializer.Deserialize<List<double[]>>(await page.EvaluateAsync<string>("JSON.stringify(window.__envelope || [])"))!;

    private static Task ClearAsync(IPage page) => page.EvaluateAsync("window.__envelope.length = 0");

    private static async Task<int> PlayedAsync(IPage page) =>
        int.Parse(await page.EvaluateAsync<string>("document.documentElement.dataset.hallPlayed"), CultureInfo.InvariantCulture);

    private static async Task<int> PacketsAsync(IPage page) =>
        int.Parse(await page.EvaluateAsync<string>("document.documentElement.dataset.hallPackets"), CultureInfo.InvariantCulture);

    /// <summary>
    /// The delay (<paramref name="fromMs"/> to <paramref name="toMs"/>, 20 ms steps) at which the ear's envelope best follows the mouth's,
    /// and the correlation there; the ear's first second (the buffer filling) is left out.
    /// </summary>
    internal static (double R, double LagMs) Align(IReadOnlyList<double[]> mouth, IReadOnlyList<double[]> ear, double fromMs, double toMs)
    {
        (mouth, ear) = (Smooth(mouth), Smooth(ear));
        var heard = ear.Where(e => e[0] >= ear[0][0] + 1000).ToList();
        var best = (R: double.MinValue, LagMs: 0.0);
        for (var lag = fromMs; lag <= toMs; lag += 20)
        {
            var pairs = heard.Select(e => (Ear: e[1], Mouth: At(mouth, e[0] - lag))).Where(p => p.Mouth is not null).ToList();
            if (pairs.Count < 100) continue;
            var r = Pearson(pairs.Select(p => p.Ear).ToArray(), pairs.Select(p => p.Mouth!.Value).ToArray());
            if (r > best.R) best = (r, lag);
        }
        return best;
    }

    /// <summary>
    /// Each value averaged with its neighbours 60 ms either side (seven steps): the syllables' rhythm stays, and the
    /// 20–50 ms shifts of a jitter buffer that grows or cuts a frame within the window no longer count against it.
    /// </summary>
    private static List<double[]> Smooth(IReadOnlyList<double[]> envelope) =>
        envelope.Select((e, i) => new[] { e[0], envelope.Skip(Math.Max(0, i - 3)).Take(7).Average(n => n[1]) }).ToList();

    /// <summary>The envelope's value nearest to <paramref name="time"/>, or null outside it.</summary>
    private static double? At(IReadOnlyList<double[]> envelope, double time)
    {
        if (envelope.Count == 0 || time < envelope[0][0] || time > envelope[^1][0]) return null;
        var (low, high) = (0, envelope.Count - 1);
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (envelope[middle][0] <= time) low = middle; else high = middle;
        }
        return time - envelope[low][0] <= envelope[high][0] - time ? envelope[low][1] : envelope[high][1];
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
