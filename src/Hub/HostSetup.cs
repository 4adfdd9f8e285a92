using Microsoft.AspNetCore.HttpOverrides;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Components;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Health;
using LiveSession.Hub.Live;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Paperwork;
using LiveSession.Hub.Records;
using LiveSession.Records;
using LiveSession.Hub.Store;
using LiveSession.Hub.Workers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Serilog;
using StackExchange.Redis;

namespace LiveSession.Hub;

/// <summary>Wires the host: options, Serilog, Redis, Data Protection, SignalR, Blazor pages and endpoints.</summary>
public static class HostSetup
{
    /// <summary>The Redis list of the Data Protection key ring (the keys that sign every role link).</summary>
    public const string DataProtectionKeys = "ls:data-protection-keys";

    public static WebApplicationBuilder AddLiveSession(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(LiveSessionOptions.Section).Get<LiveSessionOptions>() ?? new();
        services.AddOptions<LiveSessionOptions>().Bind(builder.Configuration.GetSection(LiveSessionOptions.Section))
            .Validate(o => o.HallAudio.Problem() is null, "LiveSession:HallAudio: Bitrate 6000–32000, FrameMilliseconds 20, 40 or 60, caps above 0.")
            .ValidateOnStart();
        if (OfficeKeys.Problem(settings) is { } officesProblem) throw new InvalidOperationException(officesProblem);

        services.AddSerilog((sp, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(settings.DataDirectory, "logs", "hub-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            // Each host logs through its own logger, not the static Log.Logger (the host built last in the process: in the
            // tests, another host's sinks, so one host's errors were recorded by another).
            preserveStaticLogger: true);

        var redis = ConnectionMultiplexer.Connect(RedisConfiguration(settings.Redis));
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.AddSingleton(TimeProvider.System);
        // A malformed request body is the caller's mistake: answer 400 in every environment, never as an unhandled exception.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<SnapshotWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotWriter>());
        services.AddSingleton<MeetingService>();
        services.AddSingleton<MeetingBroadcaster>();
        services.AddLiveDisplay();
        services.AddSingleton<Files.FilesAtRest>();
        services.AddSingleton<Audio.TurnRecordings>();
        services.AddSingleton<Client.Protocol.ITurnRecordingIndex>(sp => sp.GetRequiredService<Audio.TurnRecordings>());
        services.AddSingleton<Audio.MeetingAudio>();
        services.AddSingleton<Audio.HallBroadcast>();
        services.AddHostedService(sp => sp.GetRequiredService<Audio.HallBroadcast>());
        services.AddSingleton<Audio.HallListeners>();
        services.AddHostedService(sp => sp.GetRequiredService<Audio.HallListeners>());
        services.AddSingleton<RoleLinkTokens>();
        services.AddSingleton<MeetingAdministration>();
        services.AddSingleton<UnitLinks>();
        services.AddSingleton<OfficeKeys>();
        services.AddSingleton<TranscriberLeases>();
        services.AddSingleton<TranscriberStatuses>();
        services.AddSingleton<HubMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(HubMetrics.MeterName).AddPrometheusExporter());
        services.AddOptions<LiveSession.Paperwork.PaperworkOptions>().Bind(builder.Configuration.GetSection(LiveSession.Paperwork.PaperworkOptions.Section));
        services.AddSingleton<LiveSession.Paperwork.PdfConverter>();
        services.AddOptions<LiveSession.Paperwork.PrivacyOptions>().Bind(builder.Configuration.GetSection(LiveSession.Paperwork.PrivacyOptions.Section));
        // The request log goes to this host's own logger too (by default it writes through the static Log.Logger).
        services.AddOptions<Serilog.AspNetCore.RequestLoggingOptions>().Configure<Serilog.ILogger>((o, logger) =>
        {
            o.GetLevel = DocumentsApi.RequestLogLevel; // 501 (PDF off): a warning
            o.Logger = logger;
        });
        var records = builder.Configuration.GetSection(RecordsOptions.Section).Get<RecordsOptions>() ?? new();
        Directory.CreateDirectory(settings.DataDirectory);
        services.AddDbContextFactory<RecordsDbContext>(db => records.Configure(db, settings.DataDirectory));
        services.AddSingleton<MeetingRecords>();
        services.AddSingleton<PreMeetingRecords>();
        services.AddSingleton<IMeetingStates, Records.LiveMeetingStates>();
        services.AddSingleton(sp => new LiveSession.Domain.Minutes.PublicHolidays(
            sp.GetRequiredService<IOptions<LiveSession.Paperwork.PaperworkOptions>>().Value.Holidays));
        services.AddSingleton<FollowUps>();
        services.AddSingleton<RecordsArchiver>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordsArchiver>());
        services.AddHostedService<ShutdownDrain>();
        services.AddSingleton<PersonalDataRecords>();
        services.AddSingleton<Privacy.PersonalFiles>();
        services.AddSingleton<Privacy.LiveCopies>();
        services.AddSingleton<Privacy.RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Privacy.RetentionJob>());
        services.AddSingleton<IPersonalDataRequests, Privacy.PersonalDataRequests>();
        services.AddSingleton<IMeetingAdministration>(sp => sp.GetRequiredService<MeetingAdministration>());

        var protection = services.AddDataProtection()
            .SetApplicationName("LiveSession")
            .PersistKeysToStackExchangeRedis(redis, DataProtectionKeys);
        if (settings.DataProtectionCertificate is { Length: > 0 } pfx)
        {
            // Given for decryption too: on Linux the certificate is in no store the decryptor would look in.
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(pfx, password: null);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddAuthentication(RoleLinkAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RoleLinkAuthenticationHandler>(
                RoleLinkAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<LinkRules>();
        services.AddSingleton<Audit.AuditTrail>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<RevokedLinkSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedLinkSweeper>());

        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = settings.MaxMessageBytes;
                o.EnableDetailedErrors = false;
            })
            // The meeting hub's only: a global filter would also stand in front of Blazor's own circuit hub.
            .AddHubOptions<MeetingHub>(o => o.AddFilter<AccessGateFilter>())
            .AddJsonProtocol(o => DomainJson.Configure(o.PayloadSerializerOptions));
        // The backplane for the meeting hub only: Blazor's own circuits are per host and must not depend on Redis.
        services.Configure<RedisOptions>(o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal("ls-signalr");
            o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis);
        });
        services.AddSingleton(sp => new LocalConnections<MeetingHub>(settings.UseRedisBackplane
            ? new RedisHubLifetimeManager<MeetingHub>(
                sp.GetRequiredService<ILogger<RedisHubLifetimeManager<MeetingHub>>>(), sp.GetRequiredService<IOptions<RedisOptions>>(),
                sp.GetRequiredService<IHubProtocolResolver>(), sp.GetService<IOptions<HubOptions>>(), sp.GetService<IOptions<HubOptions<MeetingHub>>>())
            : new DefaultHubLifetimeManager<MeetingHub>(sp.GetRequiredService<ILogger<DefaultHubLifetimeManager<MeetingHub>>>())));
        services.AddSingleton<HubLifetimeManager<MeetingHub>>(sp => sp.GetRequiredService<LocalConnections<MeetingHub>>());

        services.ConfigureHttpJsonOptions(o => DomainJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddSingleton<RedisHealthCheck>();
        services.AddHealthChecks().Add(new("redis", sp => sp.GetRequiredService<RedisHealthCheck>(), null, null));
        services.AddSingleton<StoreMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreMonitor>());
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSingleton<OwnPageHub>();
        services.AddSingleton<Client.Protocol.IPageHub>(sp => sp.GetRequiredService<OwnPageHub>());
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no known proxy at all the middleware would believe every sender: then no forwarded header is read.
            o.ForwardedHeaders = settings.TrustedProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) o.KnownIPNetworks.Add(network);
                else o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    public static WebApplication UseLiveSession(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSerilogRequestLogging();
        app.UseMiddleware<LiveSession.Hub.Limits.StoppingGate>();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseMiddleware<LiveSession.Hub.Limits.ConnectionsPerIp>();
        app.UseAuthentication();
        app.UseMiddleware<LiveSession.Hub.Limits.PutOutGate>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).Requires(Operation.OpenPublicPage);
        AccessGateEndpoints.RequiresInBranch(Operation.WatchOperations,
            gate => app.MapPrometheusScrapingEndpoint(HubMetrics.Path, meterProvider: null, configureBranchedPipeline: gate, optionsName: null));
        app.MapMeetingsApi();
        app.MapPublication();
        app.MapDocumentsApi();
        app.MapAudioApi();
        app.MapTranscriptionClaims();
        // Its methods are each gated (AccessGateFilter); connecting needs a good link (the authentication).
        app.MapHub<MeetingHub>(HubContract.Path).WithMetadata(new RequiresAttribute(Operation.FollowMeeting));
        app.MapLiveDisplay();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(typeof(Moderator.ModeratorAssembly).Assembly, typeof(Display.DisplayAssembly).Assembly);
        return app;
    }

    private static ConfigurationOptions RedisConfiguration(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 3;
        options.ConnectTimeout = 3000;
        // While Redis is away a command is refused at once ("store_unavailable"), rather than queued until a timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // And once Redis is back, the host is too within half a second (the default back-off grows to several seconds).
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }
}
