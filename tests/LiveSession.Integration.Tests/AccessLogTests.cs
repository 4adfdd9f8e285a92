using System.Net;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Meetings;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Integration.Tests;

/// <summary>Every recording played, photo viewed and document downloaded lands in the meeting's audit: who, what, when.</summary>
[Collection(RedisCollection.Name)]
public sealed class AccessLogTests(RedisServer redis) : HostTest(redis)
{
    [Fact]
    public async Task Recordings_photos_and_documents_handed_out_are_in_the_audit_and_refused_or_missing_ones_are_not()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var citizen = await Connect(id, Role.Participant);
        var turn = (await FloorSteps.CitizensSpeakAsync(Host, id, chair, ("Lê Văn Tư", "Thôn Đông"))).Last().Id;
        Assert.True(await Host.Services.GetRequiredService<TurnRecordings>().AppendAsync(id, turn, new byte[AudioFormat.BytesPerSecond], default));

        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var upload = await http.SendAsync(HostileInputTests.Upload(citizen.PersonalToken!, ParticipantTests.TinyPng));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var photo = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        async Task<HttpStatusCode> Get(string path, Role role) =>
            (await http.GetAsync($"{path}?t={Uri.EscapeDataString(Host.Token(id, role))}")).StatusCode;

        var from = Host.Clock.GetUtcNow().AddMilliseconds(-1);
        Assert.Equal(HttpStatusCode.OK, await Get($"/api/audio/turns/{turn}.wav", Role.Secretary));
        Assert.Equal(HttpStatusCode.OK, await Get($"/api/attachments/{photo}", Role.Organizer));
        Assert.Equal(HttpStatusCode.OK, await Get("/api/documents/bien-ban.docx", Role.Chair));
        // Refused (not the screen's) or not there: nothing was handed out, nothing is logged.
        Assert.Equal(HttpStatusCode.Forbidden, await Get($"/api/audio/turns/{turn}.wav", Role.Screen));
        Assert.Equal(HttpStatusCode.NotFound, await Get("/api/audio/turns/t99.wav", Role.Chair));

        var administration = Host.Services.GetRequiredService<IMeetingAdministration>();
        IReadOnlyList<AuditEntry> accesses = [];
        await Eventually.TrueAsync(async () =>
        {
            accesses = [.. (await administration.AuditAsync(Host.Token(id, Role.Chair)))!.Where(e => e.Version is null && e.RefusedCode is null)];
            return accesses.Count >= 3;
        }, "the three accesses reached the audit");
        Assert.Equal(
            [
                ($"ListenToRecordings /api/audio/turns/{turn}.wav", Role.Secretary),
                ($"ViewPhoto /api/attachments/{photo}", Role.Organizer),
                ("DownloadMinutes /api/documents/bien-ban.docx", Role.Chair),
            ],
            accesses.Select(e => (e.What, e.By!.Role)));
        Assert.All(accesses, e => Assert.Equal(0, e.By!.Generation));
        Assert.All(accesses, e => Assert.InRange(e.At, from, Host.Clock.GetUtcNow()));
        // The office reads the same log.
        var office = await administration.AuditForOfficeAsync(id, TestHost.AdminKey);
        Assert.Equal(accesses, office!.Where(e => e.Version is null && e.RefusedCode is null));
    }
}
