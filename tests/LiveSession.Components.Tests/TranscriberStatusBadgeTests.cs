using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Moderator.Minutes;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Components.Tests;

/// <summary>What the secretary is told about the transcription worker, and what to do when no worker serves the meeting.</summary>
public sealed class TranscriberStatusBadgeTests : BunitContext
{
    private IRenderedComponent<TranscriberStatusBadge> Render(MeetingStatus meeting, TranscriberStatus? status = null)
    {
        Services.AddSingleton(TimeProvider.System);
        return Render<TranscriberStatusBadge>(p => p.Add(c => c.Status, status).Add(c => c.Meeting, meeting));
    }

    [Fact]
    public void A_running_meeting_no_worker_serves_says_so_and_how_to_start_one()
    {
        var badge = Render(MeetingStatus.InProgress);
        Assert.Equal("absent", badge.Find("[data-testid=transcriber-status]").GetAttribute("data-state"));
        Assert.Contains("Chưa có máy ghi lời nào nhận hội nghị này", badge.Find("[data-testid=transcriber-status]").TextContent);
        var help = badge.Find("[data-testid=transcriber-help]").TextContent;
        Assert.Contains("scripts/run.sh", help);
        Assert.Contains("Transcription__WorkerKey", help);
        Assert.Contains("Transcription__Capacity", help);
    }

    [Theory]
    [InlineData(MeetingStatus.Scheduled, "Máy ghi lời sẽ tự nhận hội nghị khi hội nghị bắt đầu.")]
    [InlineData(MeetingStatus.Closed, "Hội nghị đã kết thúc: máy ghi lời không còn ghi.")]
    public void Before_and_after_the_meeting_no_worker_is_expected_and_no_remedy_is_offered(MeetingStatus meeting, string text)
    {
        var badge = Render(meeting);
        Assert.Equal(text, badge.Find("[data-testid=transcriber-status]").TextContent.Trim());
        Assert.Empty(badge.FindAll("[data-testid=transcriber-help]"));
    }

    [Fact]
    public void A_worker_that_reports_hides_the_remedy()
    {
        var badge = Render(MeetingStatus.InProgress, new TranscriberStatus(false, 0, 0, TimeProvider.System.GetUtcNow()));
        Assert.Equal("ok", badge.Find("[data-testid=transcriber-status]").GetAttribute("data-state"));
        Assert.Empty(badge.FindAll("[data-testid=transcriber-help]"));
    }
}
