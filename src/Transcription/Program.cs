using LiveSession.Transcription;
using LiveSession.Transcription.Cli;
using Serilog;

if (args is ["transcribe", .. var rest])
{
    Console.OutputEncoding = System.Text.Encoding.UTF8;
    return TranscribeCommand.Run(rest, Console.Out, Console.Error);
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.Configure<TranscriptionOptions>(builder.Configuration.GetSection(TranscriptionOptions.Section));
builder.Services.AddSerilog(log => log
    .ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<TranscriptionEngine>();
builder.Services.AddHostedService<TranscriptionService>();
builder.Build().Run();
return 0;
