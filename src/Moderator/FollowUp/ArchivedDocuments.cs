using LiveSession.Domain.FollowUp;
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
    /// The letter of a kiến nghị under follow-up (<see cref="FollowUpLabels.Letter"/>), from its meeting's
    /// <paramref name="dossier"/>: the unit's written answer (citing the conclusion notice, or for a kiến nghị received
    /// outside any meeting how and when it came in), or the proposal to the level above; null when it has none.
    /// </summary>
    public async Task<(string FileName, byte[] Docx)?> LetterAsync(PetitionRecord petition, PetitionDossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (FollowUpLabels.Letter(petition) is null) return null;
        var item = petition.ToFollowed();
        var escalated = item.Status == FollowUpStatus.Escalated;
        var name = $"{(escalated ? "de-xuat" : "tra-loi")}-{petition.MeetingId}-{petition.PetitionId}.docx";
        if (IndirectRegister.IsRegister(petition.MeetingId, out _))
        {
            // Đối thoại gián tiếp: no meeting to cite; the register's events keep how each kiến nghị came in (its row does not).
            var commune = await IssuerAsync(petition.OfficeId);
            item = item with { Source = dossier.FindFollowed(petition.PetitionId)?.Source };
            return (name, escalated ? FollowUpLetters.Proposal(commune, item, Today) : FollowUpLetters.WrittenAnswer(commune, item, Today));
        }
        if (await ContextAsync(petition.MeetingId) is not { } context) return null;
        return (name, escalated ? FollowUpLetters.Proposal(context, item) : FollowUpLetters.WrittenAnswer(context, item, dossier.NoticeIssuedOn));
    }

    /// <summary>The chairman's report of one meeting's results to the level above; null when the meeting is not archived.</summary>
    public async Task<byte[]?> ResultsReportAsync(string meetingId) =>
        await ContextAsync(meetingId) is { } context ? MeetingResultsReport.Build(context, await records.FollowedAsync(meetingId)) : null;

    /// <summary>The periodic report of <paramref name="office"/> as DOCX, issued in the name of the body and chair of its latest archived meeting.</summary>
    public async Task<byte[]> PeriodicReportAsync(PeriodicReport report, string? office) =>
        PeriodicReportDocument.Build(report, await IssuerAsync(office), Today);

    /// <summary>The commune a document spanning meetings speaks for: the body and chair of the office's latest archived meeting, else blanks.</summary>
    private async Task<Issuer> IssuerAsync(string? office) => Issuer.From(await records.LatestStateAsync(office));

    private async Task<DocumentContext?> ContextAsync(string meetingId) =>
        await records.StateAsync(meetingId) is { Exists: true } state ? new DocumentContext(state, options.Holidays, Today) : null;
}
