using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Paperwork;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Who did what: every event names its author (role, link generation, participant, the person where known), refused
/// commands are kept too, the chair and the office read it on a page, and the dossier carries it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class AuditTests(RedisServer redis) : BrowserTest(redis)
{
    private IMeetingAdministration Administration => Host.Services.GetRequiredService<IMeetingAdministration>();

    [Fact]
    public async Task Every_event_names_its_author_and_refusals_are_kept()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var participant = await Connect(id, Role.Participant);
        Assert.True((await participant.ExecuteAsync(new RegisterSpeaker("Lê Văn Tư", "Đường thôn"))).Ok);
        Assert.True((await participant.ExecuteAsync(new SubmitQuestion("Lê Văn Tư", "Thôn Đông", "Khi nào làm đường?", null))).Ok);
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);
        var secretary = Track(await Host.ConnectAsync(id, Role.Secretary, generation: 1));
        var turns = await FloorSteps.CitizensSpeakAsync(Host, id, chair, ("Lê Văn Tư", "Đường thôn"));
        Assert.True((await secretary.ExecuteAsync(new CorrectTurnText(turns.Last().Id, "Đường thôn bị hỏng.", 0, "Trần Thị Bình"))).Ok);
        // Refused: a participant tries the chair's command.
        Assert.False((await participant.ExecuteAsync(new CallNext())).Ok);

        var audit = (await Administration.AuditAsync(Host.Token(id, Role.Chair)))!;
        var question = Assert.Single(audit, e => e.What == "questionSubmitted");
        Assert.Equal((Role.Participant, participant.ParticipantId, "Lê Văn Tư"), (question.By!.Role, question.By.ParticipantId, question.By.Person));
        var correction = Assert.Single(audit, e => e.What == "turnTextCorrected");
        Assert.Equal((Role.Secretary, 1, "Trần Thị Bình"), (correction.By!.Role, correction.By.Generation, correction.By.Person));
        Assert.Equal(Role.Chair, Assert.Single(audit, e => e.What == "linkRotated").By!.Role);
        var refused = await WaitForAsync(id, e => e.RefusedCode == "forbidden");
        Assert.Equal((Role.Participant, participant.ParticipantId, "CallNext"), (refused.By!.Role, refused.By.ParticipantId, refused.What));
        Assert.All(audit.Where(e => e.Version is not null), e => Assert.NotNull(e.By));
    }

    [Fact]
    public async Task An_old_link_after_rotation_leaves_its_attempts_in_the_audit()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        var old = new HubConnectionBuilder()
            .WithUrl(Host.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(Host.Token(id, Role.Secretary)))
            .AddJsonProtocol(o => DomainJson.Configure(o.PayloadSerializerOptions)).Build();
        Track(old);
        await old.StartAsync();
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Secretary))).Ok);
        try
        {
            await old.InvokeAsync<CommandResult>(HubContract.Execute, JsonSerializer.SerializeToElement(new { type = "setStepNotes", agendaItemId = "a1", text = "x", baseRevision = 0 }), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TaskCanceledException or Microsoft.AspNetCore.SignalR.HubException)
        {
            // Cut already by the sweeper: then nothing reached the meeting, and nothing is audited either.
            return;
        }
        var entry = await WaitForAsync(id, e => e.RefusedCode == "link_revoked");
        Assert.Equal((Role.Secretary, 0), (entry.By!.Role, entry.By.Generation));
    }

    [Fact]
    public async Task The_chair_reads_the_audit_on_a_page_and_the_dossier_carries_it()
    {
        var id = await Host.CreateMeetingAsync();
        var participant = await Connect(id, Role.Participant);
        Assert.True((await participant.ExecuteAsync(new RegisterSpeaker("Lê Văn Tư", "Đường thôn"))).Ok);
        Assert.False((await participant.ExecuteAsync(new CallNext())).Ok);
        await WaitForAsync(id, e => e.RefusedCode == "forbidden");

        var page = await Chromium.OpenAsync(Page("/audit", id, Role.Chair), 1366, 900);
        var table = page.GetByTestId("audit");
        await Expect(table).ToContainTextAsync("speakerRegistered");
        await Expect(table.Locator("tr[data-refused='forbidden']")).ToContainTextAsync("CallNext");
        await Browser.ScreenshotAsync(page, "audit-chair");

        var secretaryPage = await Chromium.OpenAsync(Page("/audit", id, Role.Secretary), 1366, 900);
        await Expect(secretaryPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("không mở được trang này");

        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var zip = await http.GetByteArrayAsync($"/api/documents/ho-so.zip?t={Uri.EscapeDataString(Host.Token(id, Role.Chair))}");
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(MeetingArchive.AuditEntry)!.Open(), Encoding.UTF8);
        var csv = await reader.ReadToEndAsync();
        Assert.Contains("speakerRegistered", csv);
        Assert.Contains("CallNext,forbidden,Participant", csv);
    }

    /// <summary>Refusals are written without waiting; the audit shows them a moment later.</summary>
    private async Task<Domain.Access.AuditEntry> WaitForAsync(string id, Func<Domain.Access.AuditEntry, bool> match)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = (await Administration.AuditAsync(Host.Token(id, Role.Chair)))!.FirstOrDefault(match);
            if (found is not null) return found;
            if (attempt == 50) throw new Xunit.Sdk.XunitException("the audit never showed the expected entry");
            await Task.Delay(100);
        }
    }
}
