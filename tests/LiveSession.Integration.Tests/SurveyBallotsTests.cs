using LiveSession.Domain.Meetings;
using LiveSession.Domain.Survey;
using LiveSession.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveSession.Integration.Tests;

/// <summary>Issue 21 item 5: the desk enters the paper ballots, the chair shows the results, the hall screen lists them.</summary>
[Collection(RedisCollection.Name)]
public sealed class SurveyBallotsTests(RedisServer redis) : BrowserTest(redis)
{
    [Fact]
    public async Task The_desk_enters_the_paper_ballots_which_add_to_the_phones_and_the_chair_shows_the_results_on_the_hall_screen()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await FloorSteps.OpenChairAsync(Chromium, Page("/chair", id, Role.Chair));
        await using var participant = await Host.ConnectAsync(id, Role.Participant);
        await chair.GetByTestId("open-survey").ClickAsync();
        await Expect(chair.GetByTestId("close-survey")).ToBeVisibleAsync();
        Assert.True((await participant.ExecuteAsync(new AnswerSurvey(5, true, null))).Ok);
        await chair.GetByTestId("close-survey").ClickAsync();

        var desk = await Chromium.OpenAsync(Page("/organizer", id, Role.Organizer), 1366, 900);
        var form = desk.GetByTestId("paper-ballots");
        await form.GetByTestId("paper-ballots-total").FillAsync("10");
        foreach (var (score, count) in new[] { (5, "6"), (4, "3") })
            await form.GetByTestId($"paper-score-{score}").FillAsync(count);
        await Expect(form).ToContainTextAsync("Phiếu không chọn mức hài lòng: 1");
        await form.GetByTestId("save-paper-ballots").ClickAsync();
        await Expect(form.GetByTestId("paper-ballots-recorded")).ToHaveTextAsync("Đã nhập 10 phiếu giấy.");

        // A tally that does not add up is refused in Vietnamese and changes nothing.
        await form.GetByTestId("paper-score-3").FillAsync("5");
        await form.GetByTestId("save-paper-ballots").ClickAsync();
        await Expect(desk.GetByTestId("command-error")).ToContainTextAsync("lớn hơn số phiếu giấy (10)");

        var results = chair.GetByTestId("survey-results");
        await Expect(results).ToHaveAttributeAsync("data-count", "11");
        await Expect(results.GetByTestId("survey-paper")).ToHaveTextAsync("10");
        await Expect(results.GetByTestId("survey-phones")).ToHaveTextAsync("1");

        var screen = await Chromium.OpenAsync(Page("/screen", id, Role.Screen), 1920, 1080);
        await Expect(screen.GetByTestId("hall-survey-results")).ToHaveCountAsync(0);
        await chair.GetByTestId("show-survey-results").ClickAsync();
        var shown = screen.GetByTestId("hall-survey-results");
        await Expect(shown).ToContainTextAsync("11 phiếu (10 phiếu giấy, 1 trên điện thoại) · điểm trung bình 4,7/5");
        await Expect(shown).ToContainTextAsync("Rất hài lòng: 7");
        await Browser.ScreenshotAsync(screen, "hall-screen-survey-results");

        var survey = (await Host.Meetings.LoadFreshAsync(id))!.Survey!;
        Assert.Equal((10, 9), (survey.Paper!.Ballots, survey.Paper.Scored));
        Assert.True(survey.ResultsShown);
    }
}
