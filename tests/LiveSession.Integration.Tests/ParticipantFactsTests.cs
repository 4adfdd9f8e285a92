using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Survey;
using LiveSession.Domain.Views;
using LiveSession.Hub.Live;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>The participant page's script reads the C# facts from the host (<see cref="ParticipantFacts"/>), not from copies of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class ParticipantFactsTests(RedisServer redis) : HostTest(redis)
{
    [Fact]
    public async Task The_served_facts_are_the_CSharp_values_and_need_no_link()
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await http.GetAsync(ParticipantFacts.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var facts = await response.Content.ReadFromJsonAsync<JsonElement>();

        var limits = facts.GetProperty("limits");
        int Limit(string name) => limits.GetProperty(name).GetInt32();
        Assert.Equal(Text.NameMax, Limit("name"));
        Assert.Equal(Text.ShortMax, Limit("locality"));
        Assert.Equal(Text.PhoneMax, Limit("phone"));
        Assert.Equal(Text.PhoneMinDigits, Limit("phoneMinDigits"));
        Assert.Equal(Text.PhoneMaxDigits, Limit("phoneMaxDigits"));
        Assert.Equal(Text.TitleMax, Limit("topic"));
        Assert.Equal(QuestionRules.TextMax, Limit("question"));
        Assert.Equal(SurveyRules.CommentMax, Limit("comment"));
        Assert.Equal(Attachments.MaxBytes, limits.GetProperty("photoBytes").GetInt64());
        Assert.Equal(Attachments.TooLarge.Message, facts.GetProperty("photoTooLarge").GetString());
        Assert.Equal(Text.PhoneInvalid.Message, facts.GetProperty("phoneInvalid").GetString());

        Assert.Equal(SurveyWording.SatisfactionLabels, Strings(facts.GetProperty("scores")));
        Assert.Equal(SurveyRules.MaxSatisfaction - SurveyRules.MinSatisfaction + 1, facts.GetProperty("scores").GetArrayLength());
        // Every status and every kind of turn by the name the hub sends it under, with the C# words.
        foreach (var status in Enum.GetValues<QuestionStatus>())
            Assert.Equal(ViewLabels.AskerQuestionStatus(status), facts.GetProperty("questionStatuses").GetProperty(WireName(status)).GetString());
        foreach (var kind in Enum.GetValues<TurnKind>())
            Assert.Equal(ViewLabels.Floor(kind), facts.GetProperty("floorLabels").GetProperty(WireName(kind)).GetString());
        Assert.Equal(Enum.GetValues<QuestionStatus>().Length, facts.GetProperty("questionStatuses").EnumerateObject().Count());
        Assert.Equal(Enum.GetValues<TurnKind>().Length, facts.GetProperty("floorLabels").EnumerateObject().Count());
        Assert.Equal(PublicViewDelta.Parts, Strings(facts.GetProperty("viewParts")));
        Assert.Equal(MeetingConnection.KeptCaptions, facts.GetProperty("keptCaptions").GetInt32());
        Assert.Equal((QueueRules.MaxMinutesAskedOnline, QueueRules.DefaultMinutes),
            (facts.GetProperty("requestedMinutes").GetProperty("max").GetInt32(), facts.GetProperty("requestedMinutes").GetProperty("default").GetInt32()));
    }

    [Fact]
    public void The_participant_page_script_holds_no_copy_of_the_facts()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "src", "Display", "wwwroot", "participant", "join.js"));
        Assert.Contains(ParticipantFacts.Path, script, StringComparison.Ordinal);
        string[] copies =
        [
            SurveyWording.SatisfactionLabels[0], ViewLabels.AskerQuestionStatus(QuestionStatus.Merged), ViewLabels.Floor(TurnKind.Interjection),
            QuestionRules.TextMax.ToString(System.Globalization.CultureInfo.InvariantCulture), $"\"{PublicViewDelta.ScreenQuestionPart}\"", "5 * 1024 * 1024",
        ];
        foreach (var copy in copies) Assert.DoesNotContain(copy, script, StringComparison.Ordinal);
        // Nor the page itself (the minutes it offers), nor the hall microphone's script (the parts of the view it keeps).
        var page = File.ReadAllText(Path.Combine(Repository.Root, "src", "Display", "wwwroot", "participant", "join.html"));
        Assert.DoesNotContain("phút</option>", page, StringComparison.Ordinal);
        var microphone = File.ReadAllText(Path.Combine(Repository.Root, "src", "Display", "wwwroot", "microphone", "mic.js"));
        Assert.DoesNotContain("part === \"", microphone, StringComparison.Ordinal);
    }

    private static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, DomainJson.Options).Trim('"');

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
