using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveSession.Domain.Tests;

public class JsonTests
{
    private static MeetingCommand? Parse(string json, out DomainError? error)
    {
        using var document = JsonDocument.Parse(json);
        return DomainJson.ParseCommand(document.RootElement, out error);
    }

    private static string TypeOf(string json) => JsonNode.Parse(json)!["type"]!.GetValue<string>();

    [Fact]
    public void TypeNames_AreTheCamelCasedTypeNames()
    {
        Assert.Equal(typeof(CallNext), DomainJson.CommandTypes["callNext"]);
        Assert.Equal(typeof(RegisterSpeaker), DomainJson.CommandTypes["registerSpeaker"]);
        Assert.Equal(typeof(SpeakerRegistered), DomainJson.EventTypes["speakerRegistered"]);
        Assert.Equal(typeof(TurnStarted), DomainJson.EventTypes["turnStarted"]);
        Assert.All(DomainJson.CommandTypes, p => Assert.True(p.Value.IsSubclassOf(typeof(MeetingCommand))));
        Assert.All(DomainJson.EventTypes, p => Assert.True(p.Value.IsSubclassOf(typeof(MeetingEvent))));
        Assert.Empty(DomainJson.CommandTypes.Keys.Intersect(DomainJson.EventTypes.Keys));
    }

    [Fact]
    public void TheCatalog_HasOneSampleOfEveryRegisteredCommand()
    {
        Assert.Equal(
            DomainJson.CommandTypes.Values.OrderBy(t => t.Name),
            Catalog.Commands.Select(c => c.GetType()).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Catalog.CommandNames), MemberType = typeof(Catalog))]
    public void EveryCommand_RoundTripsThroughParseCommand(string name)
    {
        var command = Catalog.Command(name);
        var json = DomainJson.Serialize<MeetingCommand>(command);
        Assert.Equal(name, TypeOf(json));

        var parsed = Parse(json, out var error);

        Assert.Null(error);
        Assert.IsType(command.GetType(), parsed);
        Assert.Equal(json, DomainJson.Serialize<MeetingCommand>(parsed!));
        // Records holding a list compare it by reference: those are compared by their JSON above.
        var holdsList = command.GetType().GetProperties().Any(p =>
            p.Name != nameof(MeetingCommand.AllowedRoles) && p.PropertyType != typeof(string) && p.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)));
        if (!holdsList)
            Assert.Equal(command, parsed);
    }

    [Fact]
    public void EveryEventType_IsProducedByAFullMeetingAndRoundTrips()
    {
        var events = Catalog.FullScenario().Events;

        Assert.Equal(
            DomainJson.EventTypes.Values.OrderBy(t => t.Name),
            events.Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
        foreach (var @event in events)
        {
            var json = DomainJson.Serialize<MeetingEvent>(@event);
            Assert.Equal(DomainJson.EventTypes.Single(p => p.Value == @event.GetType()).Key, TypeOf(json));

            var back = DomainJson.Deserialize<MeetingEvent>(json);

            Assert.IsType(@event.GetType(), back);
            Assert.Equal(@event.At, back!.At);
            Assert.Equal(json, DomainJson.Serialize<MeetingEvent>(back));
        }
    }

    [Fact]
    public void VersionedEvents_RoundTripAndReplayToTheSameState()
    {
        var m = Catalog.FullScenario();
        var versioned = m.Events.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();

        var back = DomainJson.Deserialize<List<VersionedEvent>>(DomainJson.Serialize(versioned))!;
        var replayed = Decider.Fold(MeetingState.Empty(TestMeeting.Id), back.Select(v => v.Event));

        Assert.Equal(versioned.Select(v => v.Version), back.Select(v => v.Version));
        Assert.Equal(DomainJson.Serialize(m.State), DomainJson.Serialize(replayed));
    }

    [Fact]
    public void State_RoundTripsWhileTheMeetingIsRunning()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Request("p1");
        m.Ok(new RotateLink(Role.Participant));
        m.Ok(new RotateLink(Role.Screen));
        m.Ok(new StartAgendaItem("a6"));
        m.Ok(new CallNext());
        m.Advance(30).Ok(new InviteAnswer("o2"));
        m.Advance(12).Ok(new PauseTimer());
        m.Ok(new CloseList());
        var json = DomainJson.Serialize(m.State);

        var back = DomainJson.Deserialize<MeetingState>(json)!;

        Assert.Equal(json, DomainJson.Serialize(back));
        Assert.Equal(m.State.Version, back.Version);
        Assert.Equal(1, back.LinkGeneration(Role.Participant));
        Assert.Equal(1, back.LinkGeneration(Role.Screen));
        Assert.Equal(m.State.Floor, back.Floor);
        Assert.Equal(m.State.Speakers, back.Speakers);
        Assert.Equal(m.State.Turns, back.Turns);
        Assert.Equal(m.State.Queue, back.Queue);
        Assert.Equal(m.State.Agenda, back.Agenda);
        Assert.Equal(m.State.Info, back.Info);
        Assert.True(back.ListClosed);

        // the restored state keeps deciding like the original
        var (next, decision) = Decider.Execute(back, new CallNext(), m.Context());
        Assert.True(decision.IsAccepted);
        Assert.Equal(m.State.Version + 2, next.Version);
    }

    [Fact]
    public void AMeetingStoredBeforeTheJobTitles_IsReadWithoutThem()
    {
        // The plan and its event as they were stored before the chair's and secretary's titles came apart from their names.
        const string stored = """
            {"id":"hn-cu","version":1,"info":{"title":"Hội nghị đối thoại","kind":"periodic","form":"hybrid","venue":"Hội trường UBND xã",
             "scheduledStart":"2025-03-15T01:00:00+00:00","chairName":"Nguyễn Văn Chủ","secretaryName":"Trần Thị Thư","noticeDate":null},"status":"scheduled"}
            """;
        const string updated = """
            {"type":"meetingInfoUpdated","at":"2025-03-14T01:00:00+00:00","info":{"title":"Hội nghị đối thoại","kind":"periodic","form":"hybrid",
             "venue":"Nhà văn hóa","scheduledStart":"2025-03-15T01:00:00+00:00","chairName":"Nguyễn Văn Chủ","secretaryName":"","noticeDate":null}}
            """;

        var state = DomainJson.Deserialize<MeetingState>(stored)!;
        var info = Decider.Evolve(state, DomainJson.Deserialize<MeetingEvent>(updated)!).Info!;

        Assert.Equal(("Nguyễn Văn Chủ", "Trần Thị Thư", null, null), (state.Info!.ChairName, state.Info.SecretaryName, state.Info.ChairTitle, state.Info.SecretaryTitle));
        Assert.Equal(("Nhà văn hóa", "Nguyễn Văn Chủ", (string?)null), (info.Venue, info.ChairName, info.ChairTitle));
    }

    [Fact]
    public void AMeetingStoredBeforeTheChairsFloor_LoadsAndAnOldInterjectionStillEndsTheTurnItFollowed()
    {
        // A running meeting as stored before the chair's floor and the resumable interjection: no chairTurnId, no suspended,
        // and its interjection stored as it was then decided (the citizen's turn ended, then the chair's began).
        const string stored = """
            {"id":"hn-cu","version":3,"info":{"title":"Hội nghị đối thoại","kind":"periodic","form":"hybrid","venue":"Hội trường UBND xã",
             "scheduledStart":"2025-03-15T01:00:00+00:00","chairName":"Nguyễn Văn Chủ","secretaryName":"Trần Thị Thư"},"status":"inProgress",
             "startedAt":"2025-03-15T01:00:00+00:00","speakers":[{"id":"s1","name":"Nguyễn Văn An","locality":"Thôn Đông","status":"speaking","channel":"hall"}],
             "turns":[{"id":"t1","kind":"citizen","speakerName":"Nguyễn Văn An","locality":"Thôn Đông","startedAt":"2025-03-15T01:05:00+00:00","speakerId":"s1"}],
             "floor":{"turnId":"t1","timer":{"allottedSeconds":180,"runningSince":"2025-03-15T01:05:00+00:00"}}}
            """;
        string[] interjection =
        [
            """{"type":"turnEnded","at":"2025-03-15T01:06:00+00:00","turnId":"t1"}""",
            """{"type":"turnStarted","at":"2025-03-15T01:06:00+00:00","turn":{"id":"t2","kind":"interjection","speakerName":"Nguyễn Văn Chủ","locality":"Chủ trì","startedAt":"0001-01-01T00:00:00+00:00"},"allottedSeconds":120}""",
        ];

        var state = DomainJson.Deserialize<MeetingState>(stored)!;
        Assert.Equal(((string?)null, (SuspendedTurn?)null), (state.ChairTurnId, state.Suspended));
        state = Decider.Fold(state, interjection.Select(e => DomainJson.Deserialize<MeetingEvent>(e)!));

        Assert.Equal((60, SpeakerStatus.Done), (state.FindTurn("t1")!.SpokenSeconds, state.FindSpeaker("s1")!.Status));
        Assert.Equal(("t2", (SuspendedTurn?)null), (state.Floor!.TurnId, state.Suspended));
        // Its next turn keeps the numbering it had; the chair's floor opens when the interjection ends.
        var (after, _) = Decider.Execute(state, new EndTurn(), new CommandContext(Actor.Chair, new DateTimeOffset(2025, 3, 15, 1, 7, 0, TimeSpan.Zero)));
        Assert.Equal("c1", after.ChairTurnId);
    }

    [Fact]
    public void State_OfAClosedMeetingRoundTrips()
    {
        var state = Catalog.FullScenario().State;
        var json = DomainJson.Serialize(state);

        Assert.Equal(json, DomainJson.Serialize(DomainJson.Deserialize<MeetingState>(json)));
    }

    [Fact]
    public void Enums_AreWrittenAsCamelCaseNamesAndTextAsIs()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Request("p1");
        var json = JsonNode.Parse(DomainJson.Serialize(m.State))!;

        Assert.Equal("inProgress", json["status"]!.GetValue<string>());
        Assert.Equal("requested", json["speakers"]![1]!["status"]!.GetValue<string>());
        Assert.Equal("online", json["speakers"]![1]!["channel"]!.GetValue<string>());
        Assert.Equal("Nguyễn Văn An", json["speakers"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"speakerId\":\"s1\"}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":null}")]
    [InlineData("[]")]
    [InlineData("\"callNext\"")]
    [InlineData("null")]
    public void ParseCommand_WithoutAType_IsInvalid(string json)
    {
        var command = Parse(json, out var error);

        Assert.Null(command);
        Assert.Equal("invalid", error!.Code);
        Assert.Equal("Lệnh thiếu trường \"type\".", error.Message);
    }

    [Theory]
    [InlineData("dropTable")]
    [InlineData("CallNext")]
    [InlineData("speakerRegistered")]
    [InlineData("meetingCommand")]
    [InlineData("")]
    public void ParseCommand_OfAnUnknownType_IsInvalid(string type)
    {
        var command = Parse($"{{\"type\":\"{type}\"}}", out var error);

        Assert.Null(command);
        Assert.Equal("invalid", error!.Code);
        Assert.StartsWith("Lệnh không được hỗ trợ", error.Message);
    }

    [Fact]
    public void ParseCommand_ShortensAVeryLongUnknownTypeInTheMessage()
    {
        Parse($"{{\"type\":\"{new string('x', 5000)}\"}}", out var error);

        Assert.True(error!.Message.Length < 100);
    }

    [Theory]
    [InlineData("{\"type\":\"moveSpeaker\",\"speakerId\":\"s1\",\"position\":\"đầu\"}")]
    [InlineData("{\"type\":\"moveSpeaker\",\"speakerId\":{\"id\":\"s1\"},\"position\":0}")]
    [InlineData("{\"type\":\"extendTimer\",\"seconds\":1.5}")]
    [InlineData("{\"type\":\"extendTimer\",\"seconds\":99999999999}")]
    [InlineData("{\"type\":\"rotateLink\",\"role\":\"king\"}")]
    [InlineData("{\"type\":\"createMeeting\",\"title\":\"x\",\"scheduledStart\":\"sáng mai\"}")]
    [InlineData("{\"type\":\"createMeeting\",\"agendaTitles\":\"Khai mạc\"}")]
    [InlineData("{\"type\":\"registerSpeaker\",\"name\":[\"An\"]}")]
    [InlineData("{\"type\":\"registerSpeaker\",\"name\":\"An\",\"requestedMinutes\":null}")]
    [InlineData("{\"type\":\"callNext\",\"type\":\"endTurn\"}")]
    [InlineData("{\"type\":\"callNext\",\"$id\":\"1\"}")]
    [InlineData("{\"type\":\"createMeeting\",\"agendaTitles\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public void ParseCommand_WithAMalformedPayload_IsInvalidWithoutThrowing(string json)
    {
        var command = Parse(json, out var error);

        Assert.Null(command);
        Assert.Equal("invalid", error!.Code);
        Assert.Equal("Lệnh không đúng định dạng.", error.Message);
    }

    [Fact]
    public void ParseCommand_AcceptsTheTypeAfterOtherProperties()
    {
        var command = Parse("{\"speakerId\":\"s3\",\"position\":1,\"type\":\"moveSpeaker\"}", out var error);

        Assert.Null(error);
        Assert.Equal(new MoveSpeaker("s3", 1), command);
    }

    [Fact]
    public void ParseCommand_IgnoresPropertiesAClientCannotSet()
    {
        var command = Parse("{\"type\":\"callNext\",\"allowedRoles\":[\"participant\"],\"requiresMeetingInProgress\":false}", out var error);

        Assert.Null(error);
        Assert.IsType<CallNext>(command);
        Assert.DoesNotContain(Role.Participant, command!.AllowedRoles);
        Assert.True(command.RequiresMeetingInProgress);
    }

    [Theory]
    [MemberData(nameof(Catalog.CommandNames), MemberType = typeof(Catalog))]
    public void ACommandWithEveryFieldMissing_IsRefusedNotThrown(string name)
    {
        var command = Parse($"{{\"type\":\"{name}\"}}", out var error);
        Assert.Null(error);
        Assert.NotNull(command);
        var actor = Catalog.ActorFor(command);

        foreach (var m in new[] { TestMeeting.Empty(), TestMeeting.Created(), Busy() })
        {
            var decision = Decider.Decide(m.State, command, m.Context(actor));
            if (!decision.IsAccepted) Assert.False(string.IsNullOrEmpty(decision.Error!.Message));
        }
    }

    private static TestMeeting Busy()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        return m;
    }
}
