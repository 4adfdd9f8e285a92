using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Testing;

/// <summary>
/// A real LiveSession host: Kestrel on loopback (a fixed or free port) against the given redis-server,
/// with the Redis backplane on, as in production. A host that stands for the same machine restarted (or
/// another host of the same deployment) takes the first one's <see cref="TestClock"/>: real hosts share one
/// wall clock, and the meeting's times (turns, audio) must not jump back when it comes up.
/// </summary>
public sealed class TestHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    /// <summary>A second commune's office sharing the installation (<see cref="SecondOfficeKey"/> opens it).</summary>
    public const string SecondOffice = "xa-binh-an";
    public const string SecondOfficeKey = "test-second-office-admin-key";
    private readonly RedisServer _redis;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public TestHost(RedisServer redis, int port = 0, IReadOnlyDictionary<string, string>? settings = null, TestClock? clock = null)
    {
        _redis = redis;
        Clock = clock ?? new TestClock();
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(port);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }
    /// <summary>The host's clock; shift it to move the meeting's time forward.</summary>
    public TestClock Clock { get; }
    /// <summary>The host's error log lines.</summary>
    public LogRecorder Logs { get; } = new();
    public Uri HubUrl => new(BaseAddress, HubContract.Path);
    public int Port => BaseAddress.Port;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("LiveSession:Redis", _redis.Configuration);
        builder.UseSetting("LiveSession:AdminKey", AdminKey);
        builder.UseSetting("LiveSession:Offices:0:Id", SecondOffice);
        builder.UseSetting("LiveSession:Offices:0:Name", "Văn phòng HĐND-UBND xã Bình An");
        builder.UseSetting("LiveSession:Offices:0:AdminKey", SecondOfficeKey);
        builder.UseSetting("LiveSession:DataDirectory", Path.Combine(_redis.Directory, "host-data"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test client connects from loopback: as many devices as the tests open share that one address.
        builder.UseSetting("LiveSession:NewIdentitiesPerAddressPerMinute", "1000");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock).AddSingleton<Serilog.Core.ILogEventSink>(Logs));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public MeetingService Meetings => Services.GetRequiredService<MeetingService>();

    /// <summary>Creates a meeting through the service (as the HTTP endpoint does) and returns its id.</summary>
    /// <param name="office">The office it belongs to (<see cref="SecondOffice"/>); the installation's own when null.</param>
    public async Task<string> CreateMeetingAsync(bool started = true, string? office = null)
    {
        var id = $"m{Guid.NewGuid():N}"[..13];
        var result = await Meetings.ExecuteAsync(new RoleGrant(id, Role.Organizer, 0), new CreateMeeting(
            "Hội nghị đối thoại thử nghiệm", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường UBND xã",
            Clock.GetUtcNow(), "Nguyễn Văn An", "Trần Thị Bình", Office: office));
        Assert.True(result.Ok, result.ErrorMessage);
        if (started)
            Assert.True((await Meetings.ExecuteAsync(new RoleGrant(id, Role.Chair, 0), new StartMeeting())).Ok);
        return id;
    }

    /// <summary>A role link token; a staff link ends by this host's clock unless <paramref name="expires"/> says otherwise.</summary>
    public string Token(string meetingId, Role role, int generation = 0, string? participantId = null, DateTimeOffset? expires = null) =>
        Services.GetRequiredService<RoleLinkTokens>().Issue(new RoleGrant(meetingId, role, generation, participantId, expires));

    /// <summary>
    /// GET <paramref name="path"/> (its own query kept) with the role's link token, as that role's page would; the body is
    /// read before it returns.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string meetingId, Role role, System.Net.Http.Headers.RangeHeaderValue? range = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}t={Uri.EscapeDataString(Token(meetingId, role))}");
        request.Headers.Range = range;
        return await http.SendAsync(request);
    }

    /// <summary>A started client of the meeting with the given role.</summary>
    public async Task<MeetingConnection> ConnectAsync(string meetingId, Role role, int generation = 0)
    {
        var connection = new MeetingConnection(HubUrl, Token(meetingId, role, generation));
        await connection.StartAsync();
        return connection;
    }
}
