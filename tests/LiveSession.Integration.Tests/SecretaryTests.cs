using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>The secretary's workspace in Chromium against a real host, with the transcriber and the chair as hub clients.</summary>
[Collection(RedisCollection.Name)]
public sealed class SecretaryTests(RedisServer redis) : BrowserTest(redis)
{
    private async Task<IPage> OpenWorkspaceAsync(string meetingId)
    {
        var page = await Chromium.OpenAsync(Page("/secretary", meetingId, Role.Secretary), 1366, 900);
        await Expect(page.GetByTestId("secretary")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A started meeting at step 1 where "Nguyễn Văn An" has the floor (turn t1).</summary>
    private async Task<(string Id, Client.MeetingConnection Chair, Client.MeetingConnection Transcriber)> MeetingWithASpeakerAsync()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Host.ConnectAsync(id, Role.Chair);
        var transcriber = await Host.ConnectAsync(id, Role.Transcriber);
        foreach (var command in new MeetingCommand[] { new NextAgendaItem(), new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", Topic: "Đường liên thôn"), new CallNext() })
            Assert.True((await chair.ExecuteAsync(command)).Ok);
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment("t1", 0, "tôi xin phản ánh đường liên thông"))).Ok);
        return (id, chair, transcriber);
    }

    [Fact]
    public async Task Secretary_TakesAnApprovedWrittenQuestionIntoTheKienNghiInOneStep_AndOnlyOnce()
    {
        var (id, chair, _) = await MeetingWithASpeakerAsync();
        var citizen = await Connect(id, Role.Participant);
        Assert.True((await citizen.ExecuteAsync(new Domain.Questions.SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào tuyến kênh N2 được nạo vét?", "Thủy lợi"))).Ok);
        Assert.True((await citizen.ExecuteAsync(new Domain.Questions.SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Câu hỏi chưa duyệt", null))).Ok);
        Assert.True((await chair.ExecuteAsync(new Domain.Questions.ApproveQuestion("q1"))).Ok);
        var page = await OpenWorkspaceAsync(id);

        var questions = page.GetByTestId("written-questions");
        await Expect(questions.Locator("[data-question-id]")).ToHaveCountAsync(1);
        var question = questions.Locator("[data-question-id=q1]");
        await Expect(question).ToContainTextAsync("Khi nào tuyến kênh N2 được nạo vét?");
        await Expect(question).ToContainTextAsync("Đỗ Thị Giang, Thôn Trung · Thủy lợi");
        await question.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành kiến nghị" }).ClickAsync();

        await Expect(question.Locator("[data-role=converted]")).ToHaveTextAsync("Đã chuyển thành kiến nghị k1");
        await Expect(question.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành kiến nghị" })).ToHaveCountAsync(0);
        var petitionCard = page.GetByTestId("petitions").Locator("[data-petition-id=k1]");
        await Expect(petitionCard).ToContainTextAsync("Khi nào tuyến kênh N2 được nạo vét?");
        await Expect(petitionCard).ToContainTextAsync("Đỗ Thị Giang, Thôn Trung · Thủy lợi · câu hỏi bằng văn bản q1");
        var petition = Assert.Single((await Host.Meetings.LoadFreshAsync(id))!.Petitions);
        Assert.Equal(("Đỗ Thị Giang", "Thôn Trung", "q1"), (petition.CitizenName, petition.Locality, petition.QuestionId));

        // A second attempt, from a page that had not seen the first yet, is refused and changes nothing.
        var secretary = await Connect(id, Role.Secretary);
        var again = await secretary.ExecuteAsync(new ConvertQuestionToPetition("q1"));
        Assert.Equal(("invalid_state", "Câu hỏi q1 đã được chuyển thành kiến nghị k1."), (again.ErrorCode, again.ErrorMessage));
        Assert.Single((await Host.Meetings.LoadFreshAsync(id))!.Petitions);
    }

    [Fact]
    public async Task Secretary_EditsATurn_WhileMachineTextArrives_AndTheEditSurvives()
    {
        var (id, chair, transcriber) = await MeetingWithASpeakerAsync();
        var page = await OpenWorkspaceAsync(id);
        var turn = page.Locator("[data-turn-id=t1]");
        await Expect(turn.Locator("[data-role=machine-text]")).ToContainTextAsync("tôi xin phản ánh đường liên thông");

        await page.GetByLabel("Họ tên người ghi").FillAsync("Trần Thị Thư");
        await turn.GetByRole(AriaRole.Button, new() { Name = "Hiệu đính" }).ClickAsync();
        var editor = turn.Locator("textarea");
        await Expect(editor).ToHaveValueAsync("tôi xin phản ánh đường liên thông");
        await editor.FillAsync("Ông An phản ánh đường liên thôn xuống cấp");

        // More speech arrives for the same turn while the secretary is typing.
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment("t1", 1, "đề nghị xã sớm sửa chữa"))).Ok);
        await Expect(turn.Locator("[data-role=machine-text]")).ToContainTextAsync("đề nghị xã sớm sửa chữa");
        await Expect(editor).ToHaveValueAsync("Ông An phản ánh đường liên thôn xuống cấp");
        await editor.PressSequentiallyAsync(", đề nghị xã sửa.");
        await turn.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();

        await Expect(turn.Locator("[data-role=saved-text]")).ToHaveTextAsync("Ông An phản ánh đường liên thôn xuống cấp, đề nghị xã sửa.");
        Assert.True((await transcriber.ExecuteAsync(new AddTranscriptSegment("t1", 2, "xin cảm ơn"))).Ok);
        await Expect(turn.Locator("[data-role=machine-text]")).ToContainTextAsync("xin cảm ơn");
        var minutes = (await Host.Meetings.LoadFreshAsync(id))!.MinutesOf("t1");
        Assert.Equal("Ông An phản ánh đường liên thôn xuống cấp, đề nghị xã sửa.", minutes.Text);
        Assert.Equal("Trần Thị Thư (thư ký)", minutes.Corrected.History.Single().Editor);
        await Expect(turn.Locator("[data-role=saved-text]")).ToHaveTextAsync("Ông An phản ánh đường liên thôn xuống cấp, đề nghị xã sửa.");
        await chair.DisposeAsync();
        await transcriber.DisposeAsync();
    }

    [Fact]
    public async Task TwoSecretaries_OnTheSameTurn_GetAConflict_NotALostEdit()
    {
        var (id, chair, transcriber) = await MeetingWithASpeakerAsync();
        var first = await OpenWorkspaceAsync(id);
        var second = await OpenWorkspaceAsync(id);
        foreach (var page in new[] { first, second })
            await page.Locator("[data-turn-id=t1]").GetByRole(AriaRole.Button, new() { Name = "Hiệu đính" }).ClickAsync();

        await first.Locator("[data-turn-id=t1] textarea").FillAsync("Bản thứ nhất");
        await first.Locator("[data-turn-id=t1]").GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(first.Locator("[data-turn-id=t1] [data-role=saved-text]")).ToHaveTextAsync("Bản thứ nhất");

        var turn = second.Locator("[data-turn-id=t1]");
        await turn.Locator("textarea").FillAsync("Bản thứ hai");
        await Expect(turn.Locator("[data-role=newer-version]")).ToContainTextAsync("Bản thứ nhất");
        await turn.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(second.GetByTestId("command-error")).ToContainTextAsync("vừa được người khác sửa");
        await Expect(turn.Locator("textarea")).ToHaveValueAsync("Bản thứ hai");
        Assert.Equal("Bản thứ nhất", (await Host.Meetings.LoadFreshAsync(id))!.MinutesOf("t1").Text);

        // Having seen the newer text, the second secretary saves theirs on top of it; both stay in the history.
        await turn.GetByRole(AriaRole.Button, new() { Name = "Giữ bản của tôi để lưu đè" }).ClickAsync();
        await turn.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(turn.Locator("[data-role=saved-text]")).ToHaveTextAsync("Bản thứ hai");
        var history = (await Host.Meetings.LoadFreshAsync(id))!.MinutesOf("t1").Corrected.History;
        Assert.Equal(["Bản thứ nhất", "Bản thứ hai"], history.Select(h => h.Text));
        await chair.DisposeAsync();
        await transcriber.DisposeAsync();
    }

    [Fact]
    public async Task Petition_MarkedAnsweredAndResolved_AndTheDocumentsDownload()
    {
        var (id, chair, transcriber) = await MeetingWithASpeakerAsync();
        var page = await OpenWorkspaceAsync(id);
        var turn = page.Locator("[data-turn-id=t1]");
        await turn.GetByRole(AriaRole.Button, new() { Name = "+ Ghi kiến nghị" }).ClickAsync();
        await turn.GetByLabel("Tóm tắt kiến nghị").FillAsync("Đề nghị sửa đường liên thôn Đông – Tây");
        await turn.GetByLabel("Lĩnh vực kiến nghị").FillAsync("Giao thông");
        await turn.GetByRole(AriaRole.Button, new() { Name = "Ghi", Exact = true }).ClickAsync();
        var petition = page.Locator("[data-petition-id=k1]");
        await Expect(petition).ToContainTextAsync("Đề nghị sửa đường liên thôn Đông – Tây");

        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        Assert.True((await chair.ExecuteAsync(new InviteAnswer("o3"))).Ok);
        await Expect(page.Locator("[data-turn-id=t2]")).ToBeVisibleAsync();
        await petition.Locator("summary").ClickAsync();
        await petition.GetByLabel("Nội dung trả lời k1").FillAsync("Xã đưa vào kế hoạch sửa chữa quý II năm 2026.");
        await petition.GetByLabel("Lượt trả lời").SelectOptionAsync("t2");
        await petition.GetByRole(AriaRole.Button, new() { Name = "Lưu trả lời" }).ClickAsync();
        await Expect(petition.Locator("[data-role=answer]")).ToContainTextAsync("Công chức Địa chính – Xây dựng");

        await petition.GetByLabel("Kết luận k1").SelectOptionAsync(nameof(PetitionResolution.Assigned));
        await petition.GetByLabel("Đơn vị k1").FillAsync("Công chức Địa chính – Xây dựng");
        await petition.GetByLabel("Thời hạn k1").FillAsync("2030-06-30");
        await petition.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        await Expect(petition.Locator("[data-role=resolution]")).ToContainTextAsync("giao đơn vị giải quyết: Công chức Địa chính – Xây dựng, hạn 30/06/2030");
        await Browser.ScreenshotAsync(page, "secretary-workspace");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Biên bản (DOCX)" }).ClickAsync());
        var path = await download.PathAsync();
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(path, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("BIÊN BẢN", text);
        Assert.Contains("Đề nghị sửa đường liên thôn Đông – Tây", text);
        await chair.DisposeAsync();
        await transcriber.DisposeAsync();
    }
}
