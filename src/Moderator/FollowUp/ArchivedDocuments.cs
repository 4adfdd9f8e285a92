using LiveSession.Paperwork;
using LiveSession.Records;

namespace LiveSession.Moderator.FollowUp;

/// <summary>The office's documents of archived meetings, made from the records alone (Redis may have let the meeting go).</summary>
public sealed class ArchivedDocuments(MeetingRecords records, PreMeetingRecords preMeeting, PaperworkOptions options, TimeProvider clock)
{
    private DateOnly Today => PaperworkOptions.VietnamToday(clock);

    /// <summary>What to post for a meeting: the list (to show on the page), the DOCX (notice + list) and the radio announcement; null when the meeting is not archived.</summary>
    public async Task<(IReadOnlyList<PublicationList.Line> Lines, byte[] Docx, string Announcement)?> PublicationAsync(string meetingId, DateOnly? noticeIssuedOn = null)
    {
        if (await ContextAsync(meetingId) is not { } context) return null;
        context = context with { NoticeIssuedOn = noticeIssuedOn };
        var followUp = await records.FollowedAsync(meetingId);
        return (PublicationList.Lines(context, followUp), PublicationList.Build(context, followUp), PublicationList.Announcement(context, followUp));
    }

    /// <summary>The meeting's dossier (zip) from the records; null when the meeting is not archived.</summary>
    public async Task<byte[]?> DossierAsync(string meetingId)
    {
        if (await ContextAsync(meetingId) is not { } context) return null;
        var dossier = new DossierRecords(
            await preMeeting.ForMeetingAsync(meetingId), await records.FollowedAsync(meetingId), await records.RefusalsAsync(meetingId));
        return await MeetingArchive.BuildAsync(context, await records.EventsAsync(meetingId), dossier);
    }

    /// <summary>
    /// The letter of a kiến nghị under follow-up (<see cref="FollowUpLabels.Letter"/>): the unit's written answer, citing
    /// the notice of <paramref name="noticeIssuedOn"/>, or the proposal to the level above; null when it has none.
    /// </summary>
    public async Task<(string FileName, byte[] Docx)?> LetterAsync(PetitionRecord petition, DateOnly? noticeIssuedOn)
    {
        if (FollowUpLabels.Letter(petition) is null || await ContextAsync(petition.MeetingId) is not { } context) return null;
        var item = petition.ToFollowed();
        return item.Status == Domain.FollowUp.FollowUpStatus.Escalated
            ? ($"de-xuat-{petition.MeetingId}-{petition.PetitionId}.docx", FollowUpLetters.Proposal(context, item))
            : ($"tra-loi-{petition.MeetingId}-{petition.PetitionId}.docx", FollowUpLetters.WrittenAnswer(context, item, noticeIssuedOn));
    }

    /// <summary>The chairman's report of one meeting's results to the level above; null when the meeting is not archived.</summary>
    public async Task<byte[]?> ResultsReportAsync(string meetingId) =>
        await ContextAsync(meetingId) is { } context ? MeetingResultsReport.Build(context, await records.FollowedAsync(meetingId)) : null;

    /// <summary>The periodic report as DOCX, issued in the name of the body and chair of the latest archived meeting.</summary>
    public async Task<byte[]> PeriodicReportAsync(PeriodicReport report)
    {
        var archived = await records.ArchivedAsync();
        var latest = archived.Count > 0 ? archived[0] : null;
        var issuer = Issuer.From(latest is null ? null : await records.StateAsync(latest.Id));
        return PeriodicReportDocument.Build(report, issuer, Today);
    }

    private async Task<DocumentContext?> ContextAsync(string meetingId) =>
        await records.StateAsync(meetingId) is { Exists: true } state ? new DocumentContext(state, options.Holidays, Today) : null;
}
