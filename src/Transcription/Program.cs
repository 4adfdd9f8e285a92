using LiveSession.Transcription;
using Serilog;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<TranscriptionOptions>(builder.Configuration.GetSection(TranscriptionOptions.Section));
builder.Services.AddSerilog(log => log
    .ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddHostedService<MeetingFollower>();
builder.Build().Run();
