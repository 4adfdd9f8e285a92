using System.Reflection;
using System.Text;
using LiveSession.Domain.Access;
using LiveSession.Hub.Access;
using LiveSession.Hub.Live;
using Microsoft.AspNetCore.Components.Endpoints;
using LiveSession.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Every way into the host declares the operation it performs, so the one gate can check it: each hub method, each HTTP
/// endpoint of a running host and each routable page. The README shows the permission table and the list as the code has
/// them. Print the list: <c>dotnet test tests/LiveSession.Integration.Tests --filter AccessGateTests --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class AccessGateTests(RedisServer redis, ITestOutputHelper output) : HostTest(redis)
{
    private static readonly Assembly[] PageAssemblies =
        [typeof(Hub.Components.App).Assembly, typeof(Moderator.ModeratorAssembly).Assembly, typeof(Display.DisplayAssembly).Assembly];

    /// <summary>The hub methods a client can call: the public methods MeetingHub declares itself.</summary>
    private static IEnumerable<MethodInfo> HubMethods() =>
        typeof(MeetingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);

    private static IEnumerable<(string Route, Type Page)> Pages() =>
        PageAssemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)));

    /// <summary>Endpoints the application mapped (not the framework's own: Blazor's circuit hub and scripts, static files).</summary>
    private IEnumerable<RouteEndpoint> ApplicationEndpoints() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && !route.StartsWith("/_", StringComparison.Ordinal) && !route.StartsWith('_')
                        && e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
                        && !e.Metadata.OfType<HubMetadata>().Any(h => h.HubType != typeof(MeetingHub)));

    [Fact]
    public void Every_hub_method_declares_its_operation()
    {
        var undeclared = HubMethods().Where(m => AccessGateFilter.OperationOf(m) is null).Select(m => m.Name).ToList();
        Assert.Empty(undeclared);
        Assert.Contains(HubMethods(), m => m.Name == "PublishCaption");
    }

    [Fact]
    public void Every_endpoint_declares_its_operation()
    {
        var endpoints = ApplicationEndpoints().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/attachments/{attachmentId}");
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<RequiresAttribute>() is null).Select(e => e.DisplayName).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_routable_page_declares_its_operation()
    {
        var pages = Pages().ToList();
        Assert.Contains(pages, p => p.Route == "/chair");
        var undeclared = pages.Where(p => p.Page.GetCustomAttribute<RequiresAttribute>() is null).Select(p => p.Route).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void The_readme_shows_the_permission_table_and_every_way_in_as_the_code_has_them()
    {
        var expected = $"{Permissions.MarkdownTable()}\n{WaysIn()}";
        output.WriteLine(expected);
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        const string begin = "<!-- permissions:begin -->\n", end = "<!-- permissions:end -->";
        var start = readme.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no permissions section");
        var shown = readme[(start + begin.Length)..readme.IndexOf(end, start, StringComparison.Ordinal)];
        Assert.Equal(expected, shown);
    }

    /// <summary>Every hub method, endpoint and page with its operation, as a Markdown list.</summary>
    private string WaysIn()
    {
        var lines = new List<string>();
        lines.AddRange(HubMethods().OrderBy(m => m.Name).Select(m => $"hub {m.Name}: {AccessGateFilter.OperationOf(m)}"));
        lines.AddRange(ApplicationEndpoints()
            .Where(e => !e.Metadata.OfType<HubMetadata>().Any())
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])} {e.RoutePattern.RawText}: {e.Metadata.GetMetadata<RequiresAttribute>()?.Operation}")
            .Distinct().Order(StringComparer.Ordinal));
        lines.AddRange(Pages().OrderBy(p => p.Route, StringComparer.Ordinal)
            .Select(p => $"page {p.Route}: {p.Page.GetCustomAttribute<RequiresAttribute>()?.Operation}"));
        var text = new StringBuilder("```\n");
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.Append("```\n").ToString();
    }
}
