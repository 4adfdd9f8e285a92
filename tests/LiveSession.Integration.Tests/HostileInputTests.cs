using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using System.Net.Http.Json;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

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
        ["startMeeting"] = [C], ["closeMeeting"] = [C], ["reopenMeeting"] = [C], ["rotateLink"] = [C],
        ["addAgendaItem"] = [C, O], ["removeAgendaItem"] = [C, O], ["renameAgendaItem"] = [C, O], ["moveAgendaItem"] = [C, O],
        ["startAgendaItem"] = [C], ["finishAgendaItem"] = [C], ["nextAgendaItem"] = [C], ["previousAgendaItem"] = [C],
        ["registerSpeaker"] = [C, O, P], ["withdrawSpeaker"] = [C, O, P], ["setRecordingConsent"] = [P], ["importRegistrations"] = [C, O],
        ["approveSpeaker"] = [C, O], ["rejectSpeaker"] = [C, O], ["moveSpeaker"] = [C, O], ["moveSpeakerToTop"] = [C, O], ["reclaimRegistration"] = [C, O],
        ["closeList"] = [C, O], ["reopenList"] = [C, O], ["reAddLastSpeaker"] = [C, O], ["setPendingRequestLimit"] = [C, O],
        ["callNext"] = [C], ["callSpeaker"] = [C], ["inviteAnswer"] = [C], ["giveFollowUp"] = [C], ["interject"] = [C], ["startReport"] = [C], ["endTurn"] = [C],
        ["startTimer"] = [C], ["pauseTimer"] = [C], ["extendTimer"] = [C],
        ["addOfficial"] = [C, O], ["removeOfficial"] = [C, O],
        ["submitQuestion"] = [O, P], ["withdrawQuestion"] = [P], ["approveQuestion"] = [C, O], ["rejectQuestion"] = [C, O],
        ["mergeQuestion"] = [C, O], ["markQuestionAnswered"] = [C, O], ["showQuestionOnScreen"] = [C, O],
        ["openSurvey"] = [C], ["closeSurvey"] = [C], ["answerSurvey"] = [P], ["recordPaperBallots"] = [C, S, O], ["showSurveyResults"] = [C], ["checkIn"] = [C, O],
        ["addTranscriptSegment"] = [T], ["correctTurnText"] = [C, S], ["setStepNotes"] = [C, S],
        ["recordAttendance"] = [C, S, O], ["setPaperworkDetails"] = [C, S, O],
        ["markPetition"] = [C, S], ["recordPetitionAnswer"] = [C, S], ["resolvePetition"] = [C, S], ["removePetition"] = [C, S],
        ["relinkAnswer"] = [C, S], ["convertQuestionToPetition"] = [C, S], ["recordOffTopicPetition"] = [C, S], ["recordMinutesSigned"] = [C, S],
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
            var client = await _host.ConnectAsync(id, role);
            foreach (var (name, type) in DomainJson.CommandTypes.Where(c => !Matrix[c.Key].Contains(role.ToString())))
            {
                // A participant pays for each refusal from their own small bucket: each command comes from another device.
                if (role == Role.Participant)
                {
                    await client.DisposeAsync();
                    client = await _host.ConnectAsync(id, role);
                }
                var result = await client.ExecuteAsync(Sample(type));
                Assert.True(result.ErrorCode == "forbidden", $"{role} {name}: {result.ErrorCode}");
                refusals++;
            }
            await client.DisposeAsync();
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
        // A participant refused too often is disconnected and put out: the next garbage comes from a new connection.
        var connections = new Dictionary<Role, HubConnection>();
        async Task<HubConnection> ConnectionOf(Role role)
        {
            if (connections.TryGetValue(role, out var open) && open.State == HubConnectionState.Connected) return open;
            if (open is not null) await open.DisposeAsync();
            return connections[role] = await RawAsync(_host.Token(id, role));
        }

        var random = new Random(20261125);
        var calls = 0;
        foreach (var payload in Garbage(random, state.Version))
        {
            var connection = await ConnectionOf(Roles[random.Next(Roles.Length)]);
            var outcome = await NotRefusedAsync(connection, HubContract.Execute, [payload.Command, payload.ExpectedVersion]);
            Assert.True(outcome is null, $"{payload.Command.GetRawText()}: {outcome}");
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
        Assert.True(_host.Logs.Errors.Count == 0, "the host logged errors:\n" + string.Join("\n", _host.Logs.Errors.Take(5)));
        Assert.Equal(before, DomainJson.Serialize((await _host.Meetings.LoadFreshAsync(id))!));
        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new Domain.Floor.CallNext())).Ok);
        foreach (var connection in connections.Values) await connection.DisposeAsync();
    }

    [Fact]
    public async Task AMessageOverTheConfiguredSizeLimit_ClosesOnlyItsConnection_AndChangesNothing()
    {
        await using var host = new TestHost(redis, settings: new Dictionary<string, string> { ["LiveSession:MaxMessageBytes"] = "4096" });
        var id = await host.CreateMeetingAsync();
        await using var screen = await host.ConnectAsync(id, Role.Screen);
        var before = DomainJson.Serialize((await host.Meetings.LoadFreshAsync(id))!);
        var sender = new HubConnectionBuilder()
            .WithUrl(host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(host.Token(id, Role.Chair)))
            .Build();
        await sender.StartAsync();

        var command = JsonSerializer.SerializeToElement(new { type = "registerSpeaker", name = new string('x', 5_000) });
        await Assert.ThrowsAnyAsync<Exception>(() => sender.InvokeAsync<JsonElement>(HubContract.Execute, command, null));

        await Eventually.TrueAsync(() => sender.State == HubConnectionState.Disconnected, "the server closed the oversized sender's connection");
        Assert.Equal(before, DomainJson.Serialize((await host.Meetings.LoadFreshAsync(id))!));
        Assert.Equal(HubConnectionState.Connected, screen.ConnectionState);
        await using var chair = await host.ConnectAsync(id, Role.Chair);
        Assert.True((await chair.ExecuteAsync(new Domain.Queue.RegisterSpeaker(new string('x', 100)))).Ok);
        await sender.DisposeAsync();
    }

    [Fact]
    public void TheFuzz_CoversEveryHubMethod()
    {
        var methods = typeof(Hub.Live.MeetingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync")).Select(m => m.Name);
        Assert.Equal(methods.Order(), HubMethods.Order());
    }

    [Fact]
    public async Task EveryHubMethod_AnswersABadCall_WithARefusalAndItsCode_NeverWithErrorText()
    {
        var id = await _host.CreateMeetingAsync();
        var opened = new List<HubConnection>();
        async Task<HubConnection> As(Role role)
        {
            opened.Add(await RawAsync(_host.Token(id, role)));
            return opened[^1];
        }
        await As(Role.Screen); // a screen's first join makes the meeting's short link; then nothing may change
        var before = await FingerprintAsync(id);
        async Task<JsonElement> Call(Role role, string method, params object?[] args) =>
            await (await As(role)).InvokeCoreAsync<JsonElement>(method, args);
        static async IAsyncEnumerable<AudioUpload> OneBlock() { await Task.Yield(); yield return new AudioUpload(new byte[3200]); }

        // One bad call per method, answered as the wire carries it: { ok: false, errorCode, errorMessage }.
        var answers = new Dictionary<string, Func<Task<(string? Code, string? Message)>>>
        {
            [HubContract.Join] = async () =>
            {
                // A loop of joins on one connection is refused.
                var connection = await As(Role.Screen);
                for (var i = 0; ; i++)
                {
                    var join = await connection.InvokeAsync<JsonElement>(HubContract.Join);
                    if (!join.GetProperty("ok").GetBoolean()) return Refusal(join);
                    Assert.True(i < 100, "a loop of joins is never refused");
                }
            },
            [HubContract.RefreshView] = async () => Refusal(await Call(Role.Chair, HubContract.RefreshView)),
            [HubContract.Execute] = async () => Refusal(await Call(Role.Screen, HubContract.Execute, JsonSerializer.SerializeToElement(new { type = "callNext" }), null)),
            [HubContract.CatchUp] = async () => Refusal(await Call(Role.Chair, HubContract.CatchUp, -1L)),
            [HubContract.PublishCaption] = async () =>
                Refusal(await Call(Role.Chair, HubContract.PublishCaption, new CaptionLine(null, "Phụ đề", true, TestClock.DefaultStart))),
            [HubContract.UploadAudio] = async () => Refusal(await Call(Role.Chair, HubContract.UploadAudio, OneBlock())),
            [HubContract.AudioFeed] = async () =>
            {
                // A stream has no answer: it completes with the refusal (StreamRefusal), read by its marker, not by its words.
                var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(async () =>
                {
                    await foreach (var _ in (await As(Role.Transcriber)).StreamAsync<JsonElement>(HubContract.AudioFeed, -1L)) { }
                });
                var refused = StreamRefusal.Read(error);
                Assert.NotNull(refused);
                return (refused.Code, refused.Message);
            },
            [HubContract.ListenAudio] = async () => Refusal(await Call(Role.Transcriber, HubContract.ListenAudio)),
            [HubContract.ListenHall] = async () => Refusal(await Call(Role.Screen, HubContract.ListenHall)),
            [HubContract.StopListeningHall] = async () => Refusal(await Call(Role.Chair, HubContract.StopListeningHall)),
            [HubContract.PublishTranscriberStatus] = async () =>
                Refusal(await Call(Role.Participant, HubContract.PublishTranscriberStatus, new TranscriberStatus(false, 0, 0, TestClock.DefaultStart))),
        };
        Assert.Equal(HubMethods.Order(), answers.Keys.Order());

        var expected = new Dictionary<string, string>
        {
            [HubContract.Join] = Hub.Live.RateLimits.TooFast.Code, [HubContract.CatchUp] = "invalid", [HubContract.AudioFeed] = "invalid",
        };
        foreach (var (method, call) in answers)
        {
            var (code, message) = await call();
            Assert.Equal(expected.GetValueOrDefault(method, "forbidden"), code);
            Assert.False(string.IsNullOrWhiteSpace(message), $"{method}: a refusal without its message");
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        }
        Assert.True(_host.Logs.Errors.Count == 0, "the host logged errors:\n" + string.Join("\n", _host.Logs.Errors.Take(5)));
        Assert.Equal(before, await FingerprintAsync(id));
        foreach (var connection in opened) await connection.DisposeAsync();
    }

    private static (string? Code, string? Message) Refusal(JsonElement answer)
    {
        Assert.False(answer.GetProperty("ok").GetBoolean(), $"accepted: {answer}");
        return (answer.GetProperty("errorCode").GetString(), answer.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task EveryHubMethodAndHttpEndpoint_GetsGarbage_EachCallIsRefused_AndNothingChanges()
    {
        // Two meetings: the one under attack has a speaker on the floor (a turn, so audio paths exist); the other is a stranger.
        var id = await _host.CreateMeetingAsync();
        var other = await _host.CreateMeetingAsync();
        await using (var chair = await _host.ConnectAsync(id, Role.Chair))
        {
            Assert.True((await chair.ExecuteAsync(new Domain.Queue.RegisterSpeaker("Nguyễn Văn An"))).Ok);
            Assert.True((await chair.ExecuteAsync(new Domain.Floor.CallNext())).Ok);
        }
        var turnId = (await _host.Meetings.LoadFreshAsync(id))!.CurrentTurn!.Id;

        var random = new Random(20261129);
        var connections = new Dictionary<(string Meeting, Role Role), HubConnection>();
        async Task<HubConnection> ConnectionOf(string meeting, Role role)
        {
            if (connections.TryGetValue((meeting, role), out var open) && open.State == HubConnectionState.Connected) return open;
            return connections[(meeting, role)] = await RawAsync(_host.Token(meeting, role));
        }
        // Every role of both meetings joins first (a screen's first join makes the meeting's short link); then nothing may change.
        foreach (var meeting in new[] { id, other })
            foreach (var role in Roles) await ConnectionOf(meeting, role);
        var before = await FingerprintAsync(id, other);

        var hubCalls = 0;
        for (var i = 0; i < 800; i++)
        {
            var (roles, method, args) = HubGarbage(random, turnId);
            var role = roles[random.Next(roles.Length)];
            var connection = await ConnectionOf(random.Next(5) == 0 ? other : id, role);
            var outcome = await NotRefusedAsync(connection, method, args);
            Assert.True(outcome is null, $"{role} {method}({string.Join(", ", args.Select(a => a?.ToString()?[..Math.Min(40, a.ToString()!.Length)]))}): {outcome}");
            hubCalls++;
        }

        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var httpCalls = 0;
        foreach (var request in HttpGarbage(random, id, other, turnId))
        {
            using var response = await http.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500 || IsPage(request, response),
                $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {string.Concat((await response.Content.ReadAsStringAsync()).Take(300))}");
            httpCalls++;
        }

        Assert.True(hubCalls + httpCalls >= 1000, $"{hubCalls} + {httpCalls} calls");
        Assert.True(_host.Logs.Errors.Count == 0, "the host logged errors:\n" + string.Join("\n", _host.Logs.Errors.Take(5)));
        Assert.Equal(before, await FingerprintAsync(id, other));
        var refusals = await _host.Services.GetRequiredService<LiveSession.Hub.Audit.AuditTrail>().KeptAsync(id);
        Assert.NotEmpty(refusals);
        Assert.Equal("Healthy", (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString());
        await using var stillWorks = await _host.ConnectAsync(id, Role.Chair);
        Assert.True((await stillWorks.ExecuteAsync(new Domain.Floor.EndTurn())).Ok);
        foreach (var connection in connections.Values) await connection.DisposeAsync();
    }

    /// <summary>Every public method of the hub, by name (checked against the hub by reflection above).</summary>
    private static readonly string[] HubMethods =
    [
        HubContract.Join, HubContract.RefreshView, HubContract.Execute, HubContract.CatchUp, HubContract.PublishCaption,
        HubContract.UploadAudio, HubContract.AudioFeed, HubContract.ListenAudio, HubContract.PublishTranscriberStatus,
        HubContract.ListenHall, HubContract.StopListeningHall,
    ];

    private static readonly Role[] WholeStateRoles = Roles.Where(HubContract.SeesWholeState).ToArray();
    private static readonly Role[] ViewRoles = Roles.Except(WholeStateRoles).ToArray();
    private static Role[] AllBut(params Role[] allowed) => Roles.Except(allowed).ToArray();

    /// <summary>JSON values of every kind, including script and sizes near and over the hub's message limit.</summary>
    private static readonly object?[] WrongValues =
    [
        null, 12345, -1L, long.MaxValue, true, 3.5, "<script>alert(1)</script>", "'; DROP TABLE meetings; --", new[] { 1, 2, 3 },
        new Dictionary<string, object?> { ["$type"] = "x", ["__proto__"] = new { admin = true } }, new string('ạ', 4_000), new string('x', 40_000),
    ];

    /// <summary>One call that must be refused, and the roles for which it must.</summary>
    private static (Role[] Roles, string Method, object?[] Args) HubGarbage(Random random, string turnId)
    {
        var caption = new CaptionLine(turnId, "<b>Phụ đề</b>", true, TestClock.DefaultStart);
        var status = new TranscriberStatus(false, 0, 0, TestClock.DefaultStart);
        object? Wrong() => WrongValues[random.Next(WrongValues.Length)];
        return random.Next(12) switch
        {
            // Right shapes from the wrong roles.
            0 => (AllBut(Role.Transcriber), HubContract.PublishCaption, [caption]),
            1 => (AllBut(Role.Transcriber), HubContract.PublishTranscriberStatus, [status]),
            2 => random.Next(2) == 0 ? (AllBut(Role.Screen), HubContract.ListenAudio, []) : (AllBut(Role.Participant), HubContract.ListenHall, []),
            3 => (ViewRoles, HubContract.CatchUp, [random.NextInt64(0, 100)]),
            4 => (WholeStateRoles, HubContract.RefreshView, []),
            // Right role, wrong values.
            5 => ([Role.Transcriber], HubContract.PublishCaption, [caption with { Text = random.Next(2) == 0 ? " \n " : new string('a', CaptionLine.TextMax + 1) }]),
            6 => ([Role.Transcriber], HubContract.PublishTranscriberStatus, [status with { BacklogSeconds = random.Next(2) == 0 ? -1 : 1e9 }]),
            7 => (WholeStateRoles, HubContract.CatchUp, [-random.NextInt64(1, long.MaxValue)]),
            // Streams called as plain methods, unknown methods, wrong argument counts and JSON types.
            8 => (Roles, random.Next(2) == 0 ? HubContract.AudioFeed : HubContract.UploadAudio, [Wrong()]),
            9 => (Roles, random.Next(2) == 0 ? "DeleteMeeting" : "OnConnectedAsync", [Wrong()]),
            10 => (Roles, HubMethods[random.Next(HubMethods.Length)], [.. Enumerable.Range(0, 3).Select(_ => Wrong())]),
            _ => (Roles, HubMethods[random.Next(HubMethods.Length)] is var method && method is HubContract.Join or HubContract.RefreshView or HubContract.ListenAudio
                ? method : HubContract.CatchUp, [Wrong() ?? "null", "extra"]),
        };
    }

    /// <summary>
    /// Null when the call was refused as the project refuses: an answer with <c>ok: false</c> and its error code, SignalR
    /// refusing a malformed call (an unknown method, wrong arguments, a stream called as a plain method), or a closed
    /// connection (a message over the size limit). Otherwise what happened instead: accepted, a refusal thrown as the hub's
    /// error text (only a server stream may complete with one, a <see cref="StreamRefusal"/>), or a server crash.
    /// </summary>
    private static async Task<string?> NotRefusedAsync(HubConnection connection, string method, object?[] args)
    {
        try
        {
            var result = await connection.InvokeCoreAsync<JsonElement>(method, args);
            return result.ValueKind == JsonValueKind.Object && result.TryGetProperty("ok", out var ok) && !ok.GetBoolean()
                && result.TryGetProperty("errorCode", out var code) && code.GetString() is { Length: > 0 }
                ? null : $"accepted: {result}";
        }
        // SignalR words an exception the hub throws as "An unexpected error occurred invoking 'X' on the server." (a crash,
        // named by its type only when detailed errors are on), or "…HubException: <its message>" when it is a hub error; its
        // own refusals of a malformed call begin otherwise ("Failed to invoke 'X'…", "Unknown hub method…").
        catch (Microsoft.AspNetCore.SignalR.HubException ex) when (ex.Message.StartsWith("An unexpected error occurred", StringComparison.Ordinal)
                                                                  && !ex.Message.Contains(" HubException: ", StringComparison.Ordinal))
        {
            return $"crashed: {ex.Message}";
        }
        catch (Microsoft.AspNetCore.SignalR.HubException ex) when (ex.Message.StartsWith("An unexpected error occurred", StringComparison.Ordinal))
        {
            return $"refused as error text, not as an answer: {ex.Message}";
        }
        catch (Microsoft.AspNetCore.SignalR.HubException)
        {
            return null;
        }
        catch (Exception) when (connection.State != HubConnectionState.Connected)
        {
            return null;
        }
    }

    /// <summary>Requests to every HTTP endpoint that must be refused: no, tampered, expired, foreign or wrong-role tokens; bad paths and bodies.</summary>
    private IEnumerable<HttpRequestMessage> HttpGarbage(Random random, string id, string other, string turnId)
    {
        var chair = _host.Token(id, Role.Chair);
        string[] badTokens = ["", "x", chair[..^4] + "AAAA", chair.ToUpperInvariant(), new string('x', 5_000), _host.Token(id, Role.Chair, generation: -1),
            "<script>alert(1)</script>"];
        // A valid link of another meeting opens that meeting only: this meeting's turns are not found through it.
        string[] notForThisTurn = [_host.Token(id, Role.Participant), _host.Token(id, Role.Screen), _host.Token(other, Role.Secretary), _host.Token(other, Role.Chair)];
        string[] files = ["bien-ban.docx", "thong-bao-ket-luan.docx", "../../etc/passwd", "%2e%2e%2fappsettings.json", "<script>.docx", new string('a', 3_000), "con.wav"];
        string[] turnFiles = [$"{turnId}.ogg", $"{turnId}.wav", $"{turnId}.mp3", "t999.ogg", "../../../etc/shadow.wav", $"{turnId}.ogg%00.txt"];
        string Escape(string s) => Uri.EscapeDataString(s);
        for (var i = 0; i < 270; i++)
        {
            var token = badTokens[random.Next(badTokens.Length)];
            yield return (i % 9) switch
            {
                8 => Json(random.Next(4) == 0 ? HttpMethod.Get : HttpMethod.Post, "/api/meetings/demo", WrongValues[random.Next(WrongValues.Length)],
                    random.Next(3) switch { 0 => null, 1 => "wrong-key", _ => token }),
                0 => new(HttpMethod.Get, $"{Documents}/{Escape(files[random.Next(files.Length)])}?t={Escape(token)}"),
                1 => new(HttpMethod.Get, $"{TurnAudio.Path}/{Escape(turnFiles[random.Next(turnFiles.Length)])}?t={Escape(random.Next(2) == 0 ? token : notForThisTurn[random.Next(notForThisTurn.Length)])}"),
                2 => new(HttpMethod.Get, $"{Documents}/bien-ban.docx?t={Escape(_host.Token(id, AllBut(Role.Secretary, Role.Chair, Role.Organizer)[random.Next(4)]))}"),
                3 => Json(HttpMethod.Post, "/api/meetings", WrongValues[random.Next(WrongValues.Length)], random.Next(2) == 0 ? "wrong-key" : null),
                4 => new(HttpMethod.Get, $"/api/meetings/{Escape(random.Next(2) == 0 ? id : "<script>")}/links") { Headers = { { MeetingsApi.AdminKeyHeader, token } } },
                5 => Upload(token, random.Next(2) == 0 ? "<html><script>alert(1)</script></html>"u8.ToArray() : new byte[random.Next(1, 64)]),
                6 => new(HttpMethod.Get, $"/api/attachments/{Escape(random.Next(2) == 0 ? "../../etc/passwd" : "a" + random.Next())}?t={Escape(token)}"),
                _ => new(random.Next(2) == 0 ? HttpMethod.Delete : HttpMethod.Put, $"/api/meetings/{id}") { Content = new StringContent("{}") },
            };
        }
        foreach (var page in new[] { "/chair", "/secretary", "/screen", "/join", "/mic", "/setup", "/office", "/unit", "/mttq", "/j/zzzzzzzz", "/j/<script>" })
            yield return new(HttpMethod.Get, $"{page}?t={Escape(badTokens[random.Next(badTokens.Length)])}");
    }

    private const string Documents = "/api/documents";

    private static HttpRequestMessage Json(HttpMethod method, string path, object? body, string? adminKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json") };
        if (adminKey is not null) request.Headers.Add(MeetingsApi.AdminKeyHeader, adminKey);
        return request;
    }

    /// <summary>A photo upload as the participant page sends it (PNG, bearer token).</summary>
    internal static HttpRequestMessage Upload(string token, byte[] body) => new(HttpMethod.Post, "/api/attachments")
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new("image/png") } },
        Headers = { Authorization = new("Bearer", token) },
    };

    /// <summary>Pages answer 200 with a page that explains the bad link (they never act on it); anything else must be a 4xx.</summary>
    private static bool IsPage(HttpRequestMessage request, HttpResponseMessage response) =>
        request.Method == HttpMethod.Get && !request.RequestUri!.OriginalString.StartsWith("/api/", StringComparison.Ordinal) && response.StatusCode == System.Net.HttpStatusCode.OK
        && response.Content.Headers.ContentType?.MediaType == "text/html";

    /// <summary>Both meetings' whole state, and every key in Redis (no meeting, upload or link was created).</summary>
    private async Task<string> FingerprintAsync(params string[] meetings)
    {
        var states = new List<string>();
        foreach (var meeting in meetings) states.Add(DomainJson.Serialize((await _host.Meetings.LoadFreshAsync(meeting))!));
        var redisServer = _host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetServers()[0];
        // The audit keeps refused calls and accesses by design: its streams are not the meeting's data (checked apart).
        var keys = redisServer.Keys(pattern: "ls:*").Select(k => k.ToString())
            .Where(k => !k.Contains(":audio") && !k.EndsWith(":refusals", StringComparison.Ordinal) && !k.EndsWith(":accesses", StringComparison.Ordinal)).Order();
        return string.Join('\n', states.Concat(keys));
    }

    private async Task<HubConnection> RawAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        var join = await connection.InvokeAsync<JsonElement>(HubContract.Join);
        if (!join.GetProperty("ok").GetBoolean()) throw new HubRefusedException(join.GetProperty("errorCode").GetString()!, join.GetProperty("errorMessage").GetString()!);
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
        if (type == typeof(string)) return parameter.Name!.EndsWith("Id", StringComparison.Ordinal) ? "x1" : "Nguyễn Văn An";
        if (type == typeof(int)) return 1;
        if (type == typeof(long)) return 1L;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTimeOffset)) return TestClock.DefaultStart;
        if (type == typeof(DateOnly)) return DateOnly.FromDateTime(TestClock.DefaultStart.Date).AddDays(30);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }
}
