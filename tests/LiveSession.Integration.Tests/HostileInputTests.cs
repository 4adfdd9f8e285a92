using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveSession.Integration.Tests;

/// <summary>Who may send what, checked through the hub for every role and command; and a fuzz of garbage that must change nothing.</summary>
[Collection(RedisCollection.Name)]
public sealed class HostileInputTests(RedisServer redis) : IAsyncLifetime
{
    private TestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(redis);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string C = "Chair", S = "Secretary", O = "Organizer", P = "Participant", T = "Transcriber";

    /// <summary>The permission matrix: every command the hub accepts and the roles that may send it. The screen sends nothing.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["createMeeting"] = [O], ["updateMeetingInfo"] = [C, O], ["setLocalities"] = [C, O], ["setComposition"] = [C, O], ["setPetitionCutoff"] = [C, O],
        ["startMeeting"] = [C], ["closeMeeting"] = [C], ["rotateLink"] = [C],
        ["addAgendaItem"] = [C, O], ["removeAgendaItem"] = [C, O], ["renameAgendaItem"] = [C, O], ["moveAgendaItem"] = [C, O],
        ["startAgendaItem"] = [C], ["finishAgendaItem"] = [C], ["nextAgendaItem"] = [C], ["previousAgendaItem"] = [C],
        ["registerSpeaker"] = [C, O, P], ["withdrawSpeaker"] = [C, O, P], ["importRegistrations"] = [C, O],
        ["approveSpeaker"] = [C, O], ["rejectSpeaker"] = [C, O], ["moveSpeaker"] = [C, O], ["moveSpeakerToTop"] = [C, O],
        ["closeList"] = [C, O], ["reopenList"] = [C, O], ["reAddLastSpeaker"] = [C, O],
        ["callNext"] = [C], ["callSpeaker"] = [C], ["inviteAnswer"] = [C], ["giveFollowUp"] = [C], ["interject"] = [C], ["endTurn"] = [C],
        ["startTimer"] = [C], ["pauseTimer"] = [C], ["extendTimer"] = [C],
        ["addOfficial"] = [C, O], ["removeOfficial"] = [C, O],
        ["submitQuestion"] = [O, P], ["withdrawQuestion"] = [P], ["approveQuestion"] = [C, O], ["rejectQuestion"] = [C, O],
        ["mergeQuestion"] = [C, O], ["markQuestionAnswered"] = [C, O], ["showQuestionOnScreen"] = [C, O],
        ["openSurvey"] = [C], ["closeSurvey"] = [C], ["answerSurvey"] = [P],
        ["addTranscriptSegment"] = [T], ["correctTurnText"] = [C, S], ["setStepNotes"] = [C, S],
        ["recordAttendance"] = [C, S, O], ["setPaperworkDetails"] = [C, S, O],
        ["markPetition"] = [C, S], ["recordPetitionAnswer"] = [C, S], ["resolvePetition"] = [C, S], ["removePetition"] = [C, S],
    };

    private static readonly Role[] Roles = Enum.GetValues<Role>();

    [Fact]
    public void TheMatrix_CoversEveryCommand_AndMatchesTheDomain()
    {
        Assert.Equal(DomainJson.CommandTypes.Keys.Order(), Matrix.Keys.Order());
        foreach (var (name, type) in DomainJson.CommandTypes)
            Assert.True(Sample(type).AllowedRoles.SetEquals(Matrix[name].Select(Enum.Parse<Role>)), name);
    }

    [Fact]
    public async Task EveryRoleAndCommand_ThroughTheHub_IsRefusedExactlyWhenTheMatrixSaysSo()
    {
        // Refusals first, all on one meeting that must not change.
        var id = await _host.CreateMeetingAsync();
        var before = DomainJson.Serialize((await _host.Meetings.LoadFreshAsync(id))!);
        var refusals = 0;
        foreach (var role in Roles)
        {
            await using var client = await _host.ConnectAsync(id, role);
            foreach (var (name, type) in DomainJson.CommandTypes.Where(c => !Matrix[c.Key].Contains(role.ToString())))
            {
                var result = await client.ExecuteAsync(Sample(type));
                Assert.True(result.ErrorCode == "forbidden", $"{role} {name}: {result.ErrorCode}");
                refusals++;
            }
        }
        Assert.Equal(before, DomainJson.Serialize((await _host.Meetings.LoadFreshAsync(id))!));

        // Every allowed pair passes the role check (it may still be refused for what it asks), each on a fresh meeting.
        foreach (var (name, type) in DomainJson.CommandTypes)
        {
            var fresh = await _host.CreateMeetingAsync();
            foreach (var role in Matrix[name].Select(Enum.Parse<Role>))
            {
                await using var client = await _host.ConnectAsync(fresh, role);
                var result = await client.ExecuteAsync(Sample(type));
                Assert.True(result.ErrorCode != "forbidden", $"{role} {name} was refused as forbidden");
            }
        }
        Assert.True(refusals > 150);
    }

    [Fact]
    public async Task AThousandGarbageCalls_AreEachAnswered_AndChangeNothing()
    {
        var id = await _host.CreateMeetingAsync();
        await using (var organizer = await _host.ConnectAsync(id, Role.Organizer))
            Assert.True((await organizer.ExecuteAsync(new Domain.Queue.RegisterSpeaker("Nguyễn Văn An"))).Ok);
        var state = (await _host.Meetings.LoadFreshAsync(id))!;
        var before = DomainJson.Serialize(state);
        var connections = new List<HubConnection>();
        foreach (var role in Roles) connections.Add(await RawAsync(_host.Token(id, role)));

        var random = new Random(20261125);
        var calls = 0;
        foreach (var payload in Garbage(random, state.Version))
        {
            var connection = connections[random.Next(connections.Count)];
            var result = await connection.InvokeAsync<CommandResult>(HubContract.Execute, payload.Command, payload.ExpectedVersion);
            Assert.False(result.Ok, payload.Command.GetRawText());
            Assert.False(string.IsNullOrWhiteSpace(result.ErrorMessage));
            calls++;
        }

        // Tampered and replayed tokens never get in.
        var token = _host.Token(id, Role.Chair);
        foreach (var bad in new[] { token[..^4] + "AAAA", token.ToUpperInvariant(), "", new string('x', 5000), _host.Token(id, Role.Chair, generation: -1) + "=" })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => RawAsync(bad));
            calls++;
        }

        Assert.True(calls >= 1000, $"{calls} calls");
        Assert.Equal(before, DomainJson.Serialize((await _host.Meetings.LoadFreshAsync(id))!));
        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new Domain.Floor.CallNext())).Ok);
        foreach (var connection in connections) await connection.DisposeAsync();
    }

    private async Task<HubConnection> RawAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>(HubContract.Join);
        return connection;
    }

    /// <summary>Calls that can never be accepted: wrong JSON types, oversized fields, unknown types, or a stale version.</summary>
    private static IEnumerable<(JsonElement Command, long? ExpectedVersion)> Garbage(Random random, long version)
    {
        var names = DomainJson.CommandTypes.Keys.ToArray();
        JsonNode[] wrongValues = [JsonValue.Create(12345)!, JsonValue.Create("<script>alert(1)</script>")!, new JsonObject { ["$type"] = "x" }, new JsonArray(1, 2), JsonValue.Create(true)!, JsonValue.Create(-1.5)!];
        for (var i = 0; i < 1100; i++)
        {
            var name = names[random.Next(names.Length)];
            var json = JsonNode.Parse(DomainJson.Serialize(Sample(DomainJson.CommandTypes[name])))!.AsObject();
            var properties = json.Select(p => p.Key).Where(k => k != "type").ToArray();
            switch (i % 5)
            {
                case 0 when properties.Length > 0: // a value of the wrong JSON type
                    var property = properties[random.Next(properties.Length)];
                    var wrong = wrongValues.Select(v => v.DeepClone()).First(v => v.GetValueKind() != KindOf(json[property]) && !(KindOf(json[property]) == JsonValueKind.String && v.GetValueKind() == JsonValueKind.String));
                    json[property] = wrong;
                    yield return (Element(json), null);
                    break;
                case 1: // too large to take
                    json["junk"] = new string('ạ', 9000);
                    yield return (Element(json), null);
                    break;
                case 2: // an unknown or missing type
                    json["type"] = random.Next(2) == 0 ? "drop" + name : null;
                    yield return (Element(json), null);
                    break;
                default: // a plausible command on a version that is not the current one
                    yield return (Element(json), random.Next(2) == 0 ? version - 1 : version + 1 + random.Next(1000));
                    break;
            }
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    /// <summary>An instance of a command with plausible arguments, built from its primary constructor.</summary>
    private static MeetingCommand Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => SampleValue(p)).ToArray();
        return (MeetingCommand)constructor.Invoke(arguments);
    }

    private static object? SampleValue(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(string)) return parameter.Name!.EndsWith("Id") ? "x1" : "Nguyễn Văn An";
        if (type == typeof(int)) return 1;
        if (type == typeof(long)) return 1L;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow;
        if (type == typeof(DateOnly)) return DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }
}
