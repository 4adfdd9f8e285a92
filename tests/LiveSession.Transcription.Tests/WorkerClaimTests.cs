extern alias hub;
using hub::LiveSession.Hub.Access;
using hub::LiveSession.Hub.Live;
using hub::LiveSession.Hub.Workers;
using System.Net;
using System.Net.Http.Json;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static LiveSession.Transcription.Tests.HubTranscriptionTests;

namespace LiveSession.Transcription.Tests;

/// <summary>
/// Workers with the hub's worker key serve every running meeting on their own (<see cref="MeetingClaims"/>): a real hub
/// (Kestrel + redis-server) hands out the meetings through its Redis leases; the workers are the real claim loop and
/// <see cref="MeetingFollower"/> with the scripted recogniser. Each test has a redis-server of its own, so that no running
/// meeting of another test is there to be claimed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WorkerClaimTests() : HostTest(new RedisServer())
{
    private const string WorkerKey = "test-worker-key";
    /// <summary>Short, so a dead worker's meeting moves on within the test; long enough that a loaded machine still renews in time.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["LiveSession:WorkerKey"] = WorkerKey,
        ["LiveSession:WorkerLease"] = Lease.ToString(),
    };

    public override async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private TranscriberLeases Leases => Host.Services.GetRequiredService<TranscriberLeases>();

    /// <summary>The worker's network to the hub, which a test cuts as a dead process's.</summary>
    private sealed class Network() : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Cut { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Cut ? throw new HttpRequestException("the worker's process is gone") : base.SendAsync(request, cancellationToken);
    }

    /// <summary>A running worker (<see cref="MeetingClaims"/>) and how it ends: stopped, or dead.</summary>
    private sealed class Worker(MeetingClaims claims, Network network) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        public MeetingClaims Claims => claims;

        public Worker Start()
        {
            _run = Task.Run(() => claims.RunAsync(_stop.Token));
            return this;
        }

        /// <summary>Stopped as a service is: its meetings are released.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run;
        }

        /// <summary>
        /// A dead process: nothing more reaches the hub (no renewal, no release), and its connections to the meetings close
        /// as the system closes a dead process's sockets.
        /// </summary>
        public Task DieAsync()
        {
            network.Cut = true;
            return StopAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
            network.Dispose();
        }
    }

    private Worker StartWorker(int capacity)
    {
        var network = new Network();
        var claims = new MeetingClaims(Host.HubUrl, new TranscriptionOptions { WorkerKey = WorkerKey, Capacity = capacity },
            new HttpClient(network, disposeHandler: false), new ScriptedRecognizer().WithRealVad, TimeProvider.System, NullLoggerFactory.Instance);
        return Track(new Worker(claims, network)).Start();
    }

    /// <summary>The hub's view: the transcriber connections to the meeting open on it now (with a link of that generation when given).</summary>
    private int TranscriberConnections(string meetingId, int? generation = null) =>
        Host.Services.GetRequiredService<LocalConnections<MeetingHub>>().Here
            .Count(c => GrantClaims.ToGrant(c.User) is { Role: Role.Transcriber } grant && grant.MeetingId == meetingId
                && (generation is null || grant.Generation == generation));

    /// <summary>The worker follows the meeting, holds its lease, and is the hub's only transcriber connection to it.</summary>
    private async Task<bool> ServesAsync(Worker worker, string meetingId) =>
        worker.Claims.Meetings.Contains(meetingId) && await Leases.HolderAsync(meetingId) == worker.Claims.Id && TranscriberConnections(meetingId) == 1;

    /// <summary>A running meeting, its chair, and a worker of capacity 1 that claimed it.</summary>
    private async Task<(Worker Worker, string MeetingId, MeetingConnection Chair)> ServedMeetingAsync()
    {
        var worker = StartWorker(capacity: 1);
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        await Eventually.TrueAsync(() => ServesAsync(worker, meetingId), "the worker claimed the meeting", Wait);
        return (worker, meetingId, chair);
    }

    /// <summary>Waits for a worker's report made from now on (by the hub's clock) to reach the chair.</summary>
    private Task ReportedFromNowAsync(MeetingConnection chair, string because)
    {
        var from = Host.Clock.GetUtcNow();
        return Eventually.TrueAsync(() => chair.Transcriber is { } status && status.At >= from, because, Wait);
    }

    [Fact]
    public async Task A_meeting_started_after_the_worker_is_claimed_and_transcribed_and_given_back_when_it_closes()
    {
        var worker = StartWorker(capacity: 2);
        var meetingId = await Host.CreateMeetingAsync(started: false);
        var chair = await Connect(meetingId, Role.Chair);
        var secretary = await Connect(meetingId, Role.Secretary);
        var microphone = await Connect(meetingId, Role.Microphone);
        Assert.True((await chair.ExecuteAsync(new StartMeeting())).Ok);

        await Eventually.TrueAsync(() => ServesAsync(worker, meetingId), "the worker claimed the meeting and connected to it", Wait);
        await Eventually.TrueAsync(() => secretary.Transcriber is { Behind: false }, "the worker told the secretary it keeps up", Wait);
        // A secretary who opens the page now learns it on joining, not only at the worker's next report.
        Assert.NotNull((await Connect(meetingId, Role.Secretary)).Transcriber);
        var turn = await TakeTheFloorAsync(chair, "Khai mạc");
        Assert.True((await Microphone.SpeakAsync(microphone, Microphone.Join(Clip(0), Microphone.Silence(2)))).Ok);
        await Eventually.TrueAsync(() => chair.State!.MinutesOf(turn).Machine.Count == 1, "the speech reached the minutes", Wait);
        Assert.StartsWith("câu nói dài", chair.State!.MinutesOf(turn).Machine[0].Text);

        Assert.True((await chair.ExecuteAsync(new CloseMeeting())).Ok);
        await Eventually.TrueAsync(async () => worker.Claims.Meetings.Count == 0 && await Leases.HolderAsync(meetingId) is null,
            "the worker stopped following the closed meeting and its lease was released", Wait);
        await Eventually.TrueAsync(() => TranscriberConnections(meetingId) == 0, "the worker's connection to the closed meeting is gone", Wait);
    }

    /// <summary>
    /// The worker service as scripts/run.sh starts it (the hub's address and worker key, whisper with the test models):
    /// it claims a running meeting by itself, and a stop releases the meeting at once.
    /// </summary>
    [Fact]
    public async Task The_worker_service_with_the_worker_key_serves_a_running_meeting_and_releases_it_on_stop()
    {
        var settings = new TranscriptionOptions
        {
            HubUrl = Host.HubUrl.ToString(), WorkerKey = WorkerKey, Model = TestData.Model("tiny"), VadModel = TestData.VadModel, Threads = 1,
        };
        var engine = new TranscriptionEngine(Options.Create(settings), NullLogger<TranscriptionEngine>.Instance);
        var service = new TranscriptionService(Options.Create(settings), engine, TimeProvider.System, NullLoggerFactory.Instance);
        var meetingId = await Host.CreateMeetingAsync();
        var chair = await Connect(meetingId, Role.Chair);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(async () => await Leases.HolderAsync(meetingId) is not null && TranscriberConnections(meetingId) == 1,
                "the worker service claimed the meeting and connected to it", Wait);
            await Eventually.TrueAsync(() => chair.Transcriber is not null, "the worker reports to the chair", Wait);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
        Assert.Null(await Leases.HolderAsync(meetingId));
        await Eventually.TrueAsync(() => TranscriberConnections(meetingId) == 0, "the stopped worker's connection is gone", Wait);
        service.Dispose();
    }

    [Fact]
    public async Task When_the_chair_revokes_the_transcriber_link_the_worker_comes_back_with_a_new_one()
    {
        var (worker, meetingId, chair) = await ServedMeetingAsync();

        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Transcriber))).Ok);
        await Eventually.TrueAsync(async () => await ServesAsync(worker, meetingId) && TranscriberConnections(meetingId, generation: 1) == 1,
            "the worker follows the meeting again with the new link", Wait);
        await ReportedFromNowAsync(chair, "the worker reports to the chair again");
    }

    [Fact]
    public async Task Two_workers_share_two_meetings_each_meeting_served_by_exactly_one()
    {
        var first = StartWorker(capacity: 1);
        var second = StartWorker(capacity: 1);
        var meetings = new[] { await Host.CreateMeetingAsync(), await Host.CreateMeetingAsync() };

        async Task<bool> SharedAsync()
        {
            if (first.Claims.Meetings.Count != 1 || second.Claims.Meetings.Count != 1) return false;
            var (a, b) = (first.Claims.Meetings.Single(), second.Claims.Meetings.Single());
            return a != b && meetings.Contains(a) && meetings.Contains(b) && await ServesAsync(first, a) && await ServesAsync(second, b);
        }
        await Eventually.TrueAsync(SharedAsync, "each worker serves one of the two meetings", Wait);
        // Through more than a lease: each keeps its meeting by renewing it, and neither takes the other's.
        await Eventually.StaysTrueAsync(SharedAsync, 1.5 * Lease, "each meeting stays with its worker");
    }

    [Fact]
    public async Task When_the_worker_holding_a_meeting_dies_another_worker_takes_it_over_after_the_lease()
    {
        var (first, meetingId, chair) = await ServedMeetingAsync();
        var second = StartWorker(capacity: 1);
        await Eventually.StaysTrueAsync(async () => await ServesAsync(first, meetingId) && second.Claims.Meetings.Count == 0,
            1.5 * Lease, "the meeting stays with the first worker while it renews the lease");

        await first.DieAsync();
        Assert.Empty(first.Claims.Meetings);
        await Eventually.TrueAsync(() => ServesAsync(second, meetingId), "the second worker took the meeting over", Wait);
        await ReportedFromNowAsync(chair, "the second worker reports to the chair");
    }

    private async Task<HttpResponseMessage> AskAsync(string? key, ClaimRequest request)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, MeetingClaims.ClaimsUrl(Host.HubUrl)) { Content = JsonContent.Create(request, options: DomainJson.Options) };
        if (key is not null) message.Headers.Add(TranscriptionClaims.KeyHeader, key);
        return await http.SendAsync(message);
    }

    private async Task<ClaimResponse> ClaimAsync(ClaimRequest request)
    {
        using var response = await AskAsync(WorkerKey, request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClaimResponse>(DomainJson.Options))!;
    }

    [Fact]
    public async Task Only_the_worker_key_claims_and_a_claim_gives_a_transcriber_token_and_nothing_more()
    {
        var meetingId = await Host.CreateMeetingAsync();
        var request = new ClaimRequest("w-1", [], [], 1);
        // The admin key in the worker's header is no worker key either.
        foreach (var key in new[] { null, "wrong", TestHost.AdminKey })
            Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(key, request)).StatusCode);
        // The office's key, as the office sends it, is known but is not for claiming.
        using (var http = new HttpClient())
        using (var asOffice = new HttpRequestMessage(HttpMethod.Post, MeetingClaims.ClaimsUrl(Host.HubUrl)) { Content = JsonContent.Create(request, options: DomainJson.Options) })
        {
            asOffice.Headers.Add("X-Admin-Key", TestHost.AdminKey);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asOffice)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await AskAsync(WorkerKey, request with { Worker = "no spaces" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AskAsync(WorkerKey, request with { Want = TranscriptionClaims.MaxMeetings + 1 })).StatusCode);
        Assert.Null(await Leases.HolderAsync(meetingId));

        var answer = await ClaimAsync(request);
        var claim = Assert.Single(answer.Claimed);
        Assert.Equal((meetingId, Lease), (claim.MeetingId, answer.Lease));
        Assert.Equal("w-1", await Leases.HolderAsync(meetingId));
        // Another worker gets nothing while the lease is held; the holder renews it.
        Assert.Empty((await ClaimAsync(request with { Worker = "w-2" })).Claimed);
        var renewed = await ClaimAsync(new ClaimRequest("w-1", [meetingId], [], 0));
        Assert.Equal([meetingId], renewed.Kept);

        // The token is the transcriber's: it follows the meeting and may not run it.
        var transcriber = Track(new MeetingConnection(Host.HubUrl, claim.Token));
        await transcriber.StartAsync();
        Assert.Equal(Role.Transcriber, transcriber.Role);
        Assert.Equal("forbidden", (await transcriber.ExecuteAsync(new CloseMeeting())).ErrorCode);

        // Released, the meeting goes to the next worker that asks.
        await ClaimAsync(new ClaimRequest("w-1", [], [meetingId], 0));
        Assert.Null(await Leases.HolderAsync(meetingId));
        Assert.Single((await ClaimAsync(request with { Worker = "w-2" })).Claimed);
    }
}
