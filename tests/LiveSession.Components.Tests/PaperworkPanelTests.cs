using LiveSession.Client.Components;
using LiveSession.Domain.Minutes;
using LiveSession.Moderator.Minutes;
using LiveSession.Paperwork;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveSession.Components.Tests;

/// <summary>The secretary's documents panel offers PDF exactly when the host's PDF converter is on.</summary>
public sealed class PaperworkPanelTests : BunitContext
{
    private readonly List<MeetingCommand> _sent = [];

    private IRenderedComponent<PaperworkPanel> Render(string? pdfSetting, MeetingState? state = null)
    {
        Services.AddSingleton(new PdfConverter(Options.Create(new PaperworkOptions { PdfConverter = pdfSetting })));
        return Render<PaperworkPanel>(p => p
            .Add(c => c.State, state ?? MeetingBuilder.Started().State)
            .Add(c => c.Run, (CommandRunner)((command, _) => { _sent.Add(command); return Task.FromResult(true); }))
            .Add(c => c.Token, "secret/token")
            .Add(c => c.Holidays, new HashSet<DateOnly>())
            .Add(c => c.Today, new DateOnly(2026, 3, 16)));
    }

    private static Dictionary<string, string> Links(IRenderedComponent<PaperworkPanel> panel) =>
        panel.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href")!);

    [Fact]
    public void Once_the_meeting_is_closed_the_secretary_records_that_the_minutes_were_signed()
    {
        var meeting = MeetingBuilder.Started();
        var panel = Render(PdfConverter.Off, meeting.State);
        Assert.Empty(panel.FindAll("[data-testid=record-minutes-signed]"));

        var closed = meeting.Run(new CloseMeeting());
        panel.Render(p => p.Add(c => c.State, closed.State));
        panel.Find("[data-testid=record-minutes-signed]").Click();
        Assert.IsType<RecordMinutesSigned>(Assert.Single(_sent));

        panel.Render(p => p.Add(c => c.State, closed.Run(new RecordMinutesSigned(), Actor.Secretary).State));
        Assert.Empty(panel.FindAll("[data-testid=record-minutes-signed]"));
        Assert.Contains("hội nghị không thể mở lại", panel.Find("[data-testid=minutes-signed]").TextContent);
    }

    [Fact]
    public void The_document_fields_keep_their_labels_once_filled()
    {
        var panel = Render(PdfConverter.Off);
        foreach (var name in new[] { "Cơ quan ban hành", "Cơ quan cấp trên", "Địa danh", "Chức vụ chủ trì", "Nơi nhận" })
        {
            var field = panel.Find($"[aria-label='{name}']");
            field.Change("Ủy ban nhân dân xã An Hưng");
            // The label is text on the page around the field, not a placeholder that the value replaces.
            Assert.StartsWith(name, panel.Find($"[aria-label='{name}']").ParentElement!.TextContent.Trim());
        }
    }

    [Fact]
    public void With_the_converter_on_the_PDF_links_are_offered_beside_the_DOCX_and_the_dossier()
    {
        var panel = Render(pdfSetting: null); // soffice on PATH, as scripts/setup.sh installs it
        Assert.True(Services.GetRequiredService<PdfConverter>().IsAvailable, "soffice is not on PATH: scripts/setup.sh installs LibreOffice");

        Assert.Equal(new Dictionary<string, string>
        {
            ["Biên bản (DOCX)"] = "/api/documents/bien-ban.docx?t=secret%2Ftoken",
            ["Thông báo kết luận (DOCX)"] = "/api/documents/thong-bao-ket-luan.docx?t=secret%2Ftoken",
            ["Biên bản (PDF)"] = "/api/documents/bien-ban.pdf?t=secret%2Ftoken",
            ["Thông báo (PDF)"] = "/api/documents/thong-bao-ket-luan.pdf?t=secret%2Ftoken",
            ["Hồ sơ lưu trữ (ZIP)"] = "/api/documents/ho-so.zip?t=secret%2Ftoken",
        }, Links(panel));
        Assert.Empty(panel.FindAll("[data-testid=pdf-off]"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("/nowhere/soffice")]
    public void With_the_converter_off_only_DOCX_and_the_dossier_are_offered_and_the_panel_says_why(string setting)
    {
        var panel = Render(setting);

        Assert.Equal(["Biên bản (DOCX)", "Hồ sơ lưu trữ (ZIP)", "Thông báo kết luận (DOCX)"], Links(panel).Keys.Order());
        Assert.DoesNotContain(Links(panel).Values, href => href.Contains(".pdf", StringComparison.Ordinal));
        Assert.Equal(Services.GetRequiredService<PdfConverter>().Unavailable, panel.Find("[data-testid=pdf-off]").TextContent.Trim());
        Assert.Contains("DOCX", panel.Find("[data-testid=pdf-off]").TextContent);
    }
}
