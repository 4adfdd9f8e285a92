extern alias hub;

using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Integration.Tests.Infrastructure;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RoleGrant = hub::LiveSession.Hub.Access.RoleGrant;
using RoleLinkTokens = hub::LiveSession.Hub.Access.RoleLinkTokens;
using MeetingService = hub::LiveSession.Hub.Meetings.MeetingService;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// The worker's path into a real hub (Kestrel + redis-server): real audio, real Silero VAD, the hub
/// sink, floor control from the chair. The recogniser is <see cref="ScriptedRecognizer"/> because the
/// test models have no weights and produce no text.
/// </summary>
public sealed class HubTranscriptionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private sealed class Host : WebApplicationFactory<hub::Program>
    {
        private readonly RedisServer _redis;

        public Host(RedisServer redis)
        {
            _redis = redis;
            UseKestrel(0);
            StartServer();
            BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public Uri BaseAddress { get; }
        public ShiftedClock Clock { get; } = new();
        public Uri HubUrl => new(BaseAddress, "/hubs/meeting");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("LiveSession:Redis", _redis.Configuration);
            builder.UseSetting("LiveSession:AdminKey", "test-admin-key");
            builder.UseSetting("LiveSession:DataDirectory", Path.Combine(_redis.Directory, "host-data"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        public async Task<string> CreateStartedMeetingAsync()
        {
            var id = $"m{Guid.NewGuid():N}"[..13];
            var meetings = Services.GetRequiredService<MeetingService>();
            var created = await meetings.ExecuteAsync(new RoleGrant(id, Role.Organizer, 0), new CreateMeeting(
                "Hội nghị đối thoại thử nghiệm", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã",
                DateTimeOffset.UtcNow, "Nguyễn Văn An", "Trần Thị Bình"));
            Assert.True(created.Ok, created.ErrorMessage);
            Assert.True((await meetings.ExecuteAsync(new RoleGrant(id, Role.Chair, 0), new StartMeeting())).Ok);
            return id;
        }

        public async Task<MeetingConnection> ConnectAsync(string meetingId, Role role)
        {
            var token = Services.GetRequiredService<RoleLinkTokens>().Issue(new RoleGrant(meetingId, role, 0));
            var connection = new MeetingConnection(HubUrl, token);
            await connection.StartAsync();
            return connection;
        }
    }

    /// <summary>Stands in for whisper in this test only: one segment per utterance, named by its order.</summary>
    private sealed class ScriptedRecognizer
    {
        private int _calls;

        public IReadOnlyList<SegmentData> Decode(float[] samples)
        {
            var n = Interlocked.Increment(ref _calls);
            return [new SegmentData($"câu thứ {n}", TimeSpan.Zero, TimeSpan.FromSeconds(samples.Length / 16000.0), 0, "vi")];
        }

        public int Calls => _calls;
    }

    private static string Recording()
    {
        var first = TestData.Load(TestData.SpeechClips[0].Path);
        var second = TestData.Load(TestData.SpeechClips[2].Path);
        var joined = new float[first.Length + 2 * 16000 + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined, first.Length + 2 * 16000);
        var path = TestData.TempFile(".wav");
        WaveFile.WriteMono16(path, joined, 16000);
        return path;
    }

    private static async Task<int> TranscribeAsync(Host host, string meetingId, string recording, DateTimeOffset origin, ScriptedRecognizer recognizer)
    {
        await using var transcriber = await host.ConnectAsync(meetingId, Role.Transcriber);
        using var vad = WhisperVad.FromPath(TestData.VadModel);
        var pipeline = new TranscriptPipeline(
            new FileReplaySource(recording, origin, paced: false),
            new UtteranceSegmenter(vad, new VadOptions()),
            (samples, _) => recognizer.Decode(samples),
            new HubTranscriptSink(transcriber, TimeProvider.System, NullLogger.Instance),
            NullLogger.Instance);
        var finals = 0;
        pipeline.Finalized += _ => finals++;
        await pipeline.RunAsync(CancellationToken.None);
        return finals;
    }

    [Fact]
    public async Task Final_text_lands_on_the_turn_the_chair_had_called_at_that_audio_time_and_a_restart_duplicates_nothing()
    {
        await using var host = new Host(redis);
        var meetingId = await host.CreateStartedMeetingAsync();
        await using var chair = await host.ConnectAsync(meetingId, Role.Chair);
        await using var screen = await host.ConnectAsync(meetingId, Role.Screen);

        // The chair opens turn a when the recording starts, and turn b 5.5 s into it — in the silence
        // between the two utterances (the clock moves forward instead of the test waiting).
        Assert.True((await chair.ExecuteAsync(new Interject("Khai mạc"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is not null, "turn a reached the chair");
        var turnA = chair.State!.CurrentTurn!;
        host.Clock.Shift = TimeSpan.FromSeconds(5.5);
        Assert.True((await chair.ExecuteAsync(new Interject("Trả lời"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is { } t && t.Id != turnA.Id, "turn b reached the chair");
        var turnB = chair.State!.CurrentTurn!;
        var recording = Recording();
        var origin = turnA.StartedAt;

        var recognizer = new ScriptedRecognizer();
        Assert.Equal(2, await TranscribeAsync(host, meetingId, recording, origin, recognizer));

        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turnB.Id).Machine.Count == 1, "the second utterance reached turn b");
        Assert.Equal(["câu thứ 1"], chair.State!.MinutesOf(turnA.Id).Machine.Select(s => s.Text));
        Assert.Equal(["câu thứ 2"], chair.State!.MinutesOf(turnB.Id).Machine.Select(s => s.Text));
        // The hall screen shows the same final text as captions, each on its turn.
        await Eventually.TrueAsync(() => screen.Captions.Count == 2, "both captions reached the hall screen");
        Assert.Equal([(turnA.Id, "câu thứ 1", true), (turnB.Id, "câu thứ 2", true)], screen.Captions.Select(c => (c.TurnId, c.Text, c.Final)));
        var version = chair.State.Version;

        // A restarted worker replays the same audio: everything is already there, nothing is decoded or sent.
        var restarted = new ScriptedRecognizer();
        Assert.Equal(0, await TranscribeAsync(host, meetingId, recording, origin, restarted));
        Assert.Equal(0, restarted.Calls);
        await chair.CatchUpAsync();
        Assert.Equal(version, chair.State!.Version);
        Assert.Single(chair.State.MinutesOf(turnA.Id).Machine);
        Assert.Single(chair.State.MinutesOf(turnB.Id).Machine);
    }
}
