using System.Collections.Concurrent;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// Stands in for whisper in these tests only (the test models have no weights and say nothing): one
/// segment per call, saying how long the audio was — so a partial (the speech so far) and the final
/// text of the same utterance differ, and two utterances of different length are told apart.
/// </summary>
/// <param name="answers">
/// How many calls it answers; after them it hangs until its worker is stopped, as a stuck worker would (all when null).
/// </param>
public sealed class ScriptedRecognizer(int? answers = null)
{
    private int _calls;

    public int Calls => _calls;

    public static string TextFor(float[] samples) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"câu nói dài {samples.Length / 16000.0:0.0} giây");

    public IReadOnlyList<SegmentData> Decode(float[] samples, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) > answers)
        {
            cancellationToken.WaitHandle.WaitOne();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return [new SegmentData(TextFor(samples), TimeSpan.Zero, TimeSpan.FromSeconds(samples.Length / 16000.0), 0, "vi")];
    }

    /// <summary>Real Silero VAD with this recognizer: what a worker meeting decoder is in these tests.</summary>
    public MeetingDecoder WithRealVad()
    {
        var vad = WhisperVad.FromPath(TestData.VadModel);
        return new MeetingDecoder(samples => vad.DetectSpeech(samples, new VadOptions()), Decode, vad.Dispose);
    }
}

/// <summary>
/// The worker's path into a real hub (Kestrel + redis-server): real audio, real Silero VAD, the hub
/// sink and audio feed, floor control from the chair; only the recogniser is scripted.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HubTranscriptionTests(RedisServer redis) : HostTest(redis)
{
    /// <summary>Bounds a wait on the worker (generous: all test projects share 2 cores in CI); the waits end when their condition holds.</summary>
    internal const int Wait = 60;
    /// <summary>How long a test watches for a duplicate to show up after the text it expects arrived.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1.5);

    internal static float[] Clip(int index) => TestData.Load(TestData.SpeechClips[index].Path);

    private static async Task<int> ReplayAsync(TestHost host, string meetingId, string recording, DateTimeOffset origin, ScriptedRecognizer recognizer)
    {
        await using var transcriber = await host.ConnectAsync(meetingId, Role.Transcriber);
        using var decoder = recognizer.WithRealVad();
        var pipeline = new TranscriptPipeline(
            new FileReplaySource(recording, origin, paced: false),
            new UtteranceSegmenter(decoder.DetectSpeech, new VadOptions()),
            decoder.Recognize,
            new HubTranscriptSink(transcriber, TimeProvider.System, NullLogger.Instance),
            NullLogger.Instance,
            partials: PartialOptions.None);
        var finals = 0;
        pipeline.Finalized += _ => finals++;
        await pipeline.RunAsync(CancellationToken.None);
        return finals;
    }

    /// <summary>
    /// The worker following the meeting's live audio, as in production but with the scripted recogniser. It runs on the
    /// machine's clock while the host runs on its test clock, months earlier: like a worker on another machine whose clock
    /// is set differently, it must place the meeting's audio by the hub's clock.
    /// </summary>
    private CancellationTokenSource StartWorker(string meetingId, ScriptedRecognizer recognizer, out Task running)
    {
        var stop = new CancellationTokenSource();
        var follower = new MeetingFollower(Host.HubUrl, new MeetingOptions { Token = Host.Token(meetingId, Role.Transcriber) },
            new TranscriptionOptions(), recognizer.WithRealVad, TimeProvider.System, NullLogger<MeetingFollower>.Instance);
        running = Task.Run(() => follower.RunAsync(stop.Token));
        return stop;
    }

    /// <summary>The chair takes the floor; returns the new turn once the chair's own view has it.</summary>
    internal static async Task<string> TakeTheFloorAsync(MeetingConnection chair, string what)
    {
        var before = chair.State!.CurrentTurn?.Id;
        Assert.True((await chair.ExecuteAsync(new Interject(what))).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn?.Id is { } id && id != before, $"the turn \"{what}\" reached the chair", Wait);
        return chair.State!.CurrentTurn!.Id;
    }

    /// <summary>Every caption line a client was shown, in order.</summary>
    private static ConcurrentQueue<CaptionLine> Watch(MeetingConnection client)
    {
        var seen = new ConcurrentQueue<CaptionLine>();
        client.Changed += _ =>
        {
            if (client.Captions.LastOrDefault() is { } last && !seen.Contains(last)) seen.Enqueue(last);
            return Task.CompletedTask;
        };
        return seen;
    }

    [Fact]
    public async Task Speech_while_nobody_holds_the_floor_lands_on_the_chairs_turn_of_the_current_step_instead_of_being_dropped()
    {
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new Domain.Agenda.StartAgendaItem("a1"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.ChairTurnId is { } id && chair.State.FindTurn(id)!.AgendaItemId == "a1", "the chair's floor of step 1", Wait);
        var opening = chair.State!.FindTurn(chair.State.ChairTurnId!)!;
        Assert.Null(chair.State.Floor); // nobody was given the floor
        var recording = TestData.TempFile(".wav");
        WaveFile.WriteMono16(recording, Clip(0), 16000);

        Assert.Equal(1, await ReplayAsync(Host, meetingId, recording, opening.StartedAt, new ScriptedRecognizer()));

        await Eventually.TrueAsync(() => chair.State!.MinutesOf(opening.Id).Machine.Count == 1, "the chair's words reached the minutes", Wait);
        Assert.Equal((TurnKind.Chair, "a1"), (opening.Kind, opening.AgendaItemId));
    }

    [Fact]
    public async Task Replayed_final_text_lands_on_the_turn_the_chair_had_called_at_that_audio_time_and_a_restart_duplicates_nothing()
    {
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        var screen = await Connect(meetingId, Role.Screen);

        // The chair opens turn a when the recording starts, and turn b 5.5 s into it — in the silence
        // between the two utterances (the clock moves forward instead of the test waiting).
        Assert.True((await chair.ExecuteAsync(new Interject("Khai mạc"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is not null, "turn a reached the chair", Wait);
        var turnA = chair.State!.CurrentTurn!;
        Host.Clock.Shift = TimeSpan.FromSeconds(5.5);
        Assert.True((await chair.ExecuteAsync(new Interject("Trả lời"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is { } t && t.Id != turnA.Id, "turn b reached the chair", Wait);
        var turnB = chair.State!.CurrentTurn!;
        var (first, second) = (Clip(0), Clip(2));
        var recording = TestData.TempFile(".wav");
        WaveFile.WriteMono16(recording, Microphone.Join(first, Microphone.Silence(2), second), 16000);

        var recognizer = new ScriptedRecognizer();
        Assert.Equal(2, await ReplayAsync(Host, meetingId, recording, turnA.StartedAt, recognizer));

        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turnB.Id).Machine.Count == 1, "the second utterance reached turn b", Wait);
        var textA = Assert.Single(chair.State!.MinutesOf(turnA.Id).Machine).Text;
        var textB = Assert.Single(chair.State!.MinutesOf(turnB.Id).Machine).Text;
        Assert.NotEqual(textA, textB);
        // The hall screen shows the same final text as captions, each on its turn.
        await Eventually.TrueAsync(() => screen.Captions.Count == 2, "both captions reached the hall screen", Wait);
        Assert.Equal([(turnA.Id, textA, true), (turnB.Id, textB, true)], screen.Captions.Select(c => (c.TurnId, c.Text, c.Final)));
        var version = chair.State.Version;

        // A restarted worker replays the same audio: everything is already there, nothing is decoded or sent.
        var restarted = new ScriptedRecognizer();
        Assert.Equal(0, await ReplayAsync(Host, meetingId, recording, turnA.StartedAt, restarted));
        Assert.Equal(0, restarted.Calls);
        await chair.CatchUpAsync();
        Assert.Equal(version, chair.State!.Version);
    }

    [Fact]
    public async Task Live_microphone_speech_reaches_the_worker_partials_then_finals_land_on_the_called_turns_and_a_restarted_worker_resumes_without_duplicates()
    {
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        var screen = await Connect(meetingId, Role.Screen);
        var secretary = await Connect(meetingId, Role.Secretary);
        var microphone = await Connect(meetingId, Role.Microphone);
        var shown = Watch(screen);
        var turnA = await TakeTheFloorAsync(chair, "Khai mạc");

        var firstWorker = StartWorker(meetingId, new ScriptedRecognizer(), out var firstRun);
        await Eventually.TrueAsync(() => secretary.Transcriber is { Behind: false }, "the worker told the secretary it keeps up", Wait);
        // One microphone stream: a's utterance, silence until b has been given the floor, then b's utterance.
        var floorToB = new TaskCompletionSource();
        IEnumerable<float[]> Speech()
        {
            yield return Clip(0);
            yield return Microphone.Silence(1);
            while (!floorToB.Task.IsCompleted) yield return Microphone.Silence(0.1);
            yield return Clip(2);
            yield return Microphone.Silence(2);
        }
        var speaking = Microphone.SpeakAsync(microphone, Speech());

        // Turn a's utterance: partial captions while it is spoken, then its final text in the minutes.
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turnA).Machine.Count == 1, "turn a's speech reached the minutes", Wait);
        var finalA = Assert.Single(chair.State!.MinutesOf(turnA).Machine);
        Assert.StartsWith("câu nói dài", finalA.Text);
        await Eventually.TrueAsync(() => shown.Any(c => c.Final && c.TurnId == turnA), "turn a's final caption on the hall screen", Wait);
        var captions = shown.ToList();
        var firstPartial = captions.FindIndex(c => !c.Final && c.TurnId == turnA);
        Assert.InRange(firstPartial, 0, captions.FindIndex(c => c.Final && c.TurnId == turnA) - 1);
        Assert.Equal(finalA.Text, captions.Single(c => c.Final && c.TurnId == turnA).Text);

        // The worker is stopped in the silence; the chair gives the floor to b; a new worker takes over from where the first stopped.
        await firstWorker.CancelAsync();
        await firstRun;
        var secondWorker = StartWorker(meetingId, new ScriptedRecognizer(), out var secondRun);
        var turnB = await TakeTheFloorAsync(chair, "Trả lời");
        floorToB.SetResult();

        Assert.True((await speaking).Ok);
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turnB).Machine.Count == 1, "turn b's speech reached the minutes", Wait);
        Assert.Single(chair.State!.MinutesOf(turnA).Machine);
        Assert.StartsWith("câu nói dài", chair.State.MinutesOf(turnB).Machine[0].Text);
        await Eventually.TrueAsync(() => screen.Captions.LastOrDefault() is { Final: true } last && last.TurnId == turnB, "turn b's final caption on the hall screen", Wait);
        await secondWorker.CancelAsync();
        await secondRun;
    }

    /// <summary>
    /// The worker is stopped (its run cancelled, its connection closed) — not a killed process: the first one is stuck
    /// after its first partial caption, so whenever the test stops it, it has shown part of the utterance and sent no final text.
    /// </summary>
    [Fact]
    public async Task A_worker_stopped_in_the_middle_of_an_utterance_is_replaced_and_that_whole_utterance_lands_once()
    {
        var uninterrupted = await SpeakToAWorkerAsync(stopMidway: false);
        var stopped = await SpeakToAWorkerAsync(stopMidway: true);
        // The new worker went back to the start of the utterance: the same text as without the stop, not what was left of it.
        Assert.Equal(uninterrupted, stopped);
    }

    /// <summary>One utterance to the hall microphone; the final text in the minutes (checked to be there exactly once).</summary>
    private async Task<string> SpeakToAWorkerAsync(bool stopMidway)
    {
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        var screen = await Connect(meetingId, Role.Screen);
        var microphone = await Connect(meetingId, Role.Microphone);
        var shown = Watch(screen);
        var turn = await TakeTheFloorAsync(chair, "Khai mạc");
        var worker = StartWorker(meetingId, new ScriptedRecognizer(answers: stopMidway ? 1 : null), out var running);
        await Eventually.TrueAsync(() => chair.Transcriber is not null, "the worker is up", Wait);

        var speaking = Microphone.SpeakAsync(microphone, Microphone.Join(Clip(0), Microphone.Silence(2)));
        if (stopMidway)
        {
            // The worker is stopped while the utterance is being spoken: its partial captions have started, its final text has not.
            await Eventually.TrueAsync(() => shown.Any(c => !c.Final && c.TurnId == turn), "a partial caption while speaking", Wait);
            await worker.CancelAsync();
            await running;
            await chair.CatchUpAsync();
            Assert.Empty(chair.State!.MinutesOf(turn).Machine);
            worker = StartWorker(meetingId, new ScriptedRecognizer(), out running);
        }
        Assert.True((await speaking).Ok);
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 1, "the utterance reached the minutes", Wait);
        await Eventually.TrueAsync(() => shown.Any(c => c.Final && c.TurnId == turn), "its final caption on the hall screen", Wait);
        await Eventually.StaysTrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 1, QuietPeriod, "the utterance stays in the minutes once");
        await chair.CatchUpAsync();
        var text = Assert.Single(chair.State!.MinutesOf(turn).Machine).Text;
        await worker.CancelAsync();
        await running;
        return text;
    }

    [Fact]
    public async Task After_a_hub_restart_the_microphone_and_the_worker_come_back_and_later_speech_is_transcribed_once()
    {
        var port = RedisServer.FreePort();
        var first = new TestHost(Redis, port);
        var meetingId = await first.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair, first);
        var microphone = await Connect(meetingId, Role.Microphone, first);
        var turn = await TakeTheFloorAsync(chair, "Khai mạc");
        using var stop = new CancellationTokenSource();
        var worker = new MeetingFollower(first.HubUrl, new MeetingOptions { Token = first.Token(meetingId, Role.Transcriber) },
            new TranscriptionOptions(), new ScriptedRecognizer().WithRealVad, TimeProvider.System, NullLogger<MeetingFollower>.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        Assert.True((await Microphone.SpeakAsync(microphone, Microphone.Join(Clip(0), Microphone.Silence(1.5)))).Ok);
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 1, "the first utterance reached the minutes", Wait);

        // The host goes away and comes back on the same address (the same machine: its clock runs on); every client reconnects by itself.
        await first.DisposeAsync();
        await using var second = new TestHost(Redis, port, clock: first.Clock);
        await Eventually.TrueAsync(() => microphone.ConnectionState == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected
            && chair.ConnectionState == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, "the clients reconnected", Wait);
        Assert.True((await Microphone.SpeakAsync(microphone, Microphone.Join(Clip(2), Microphone.Silence(1.5)))).Ok);
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 2, "the utterance after the restart reached the minutes", Wait);
        await Eventually.StaysTrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 2, QuietPeriod, "nothing is transcribed twice");
        await chair.CatchUpAsync();
        Assert.Equal(2, chair.State!.MinutesOf(turn).Machine.Count);
        await stop.CancelAsync();
        await running;
    }
}
