using LiveSession.Hub;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveSession();

var app = builder.Build();
app.UseLiveSession();
app.Run();

/// <summary>The host's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
