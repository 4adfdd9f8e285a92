using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using M = LiveSession.Paperwork.Tests.ScriptedMeeting;

namespace LiveSession.Paperwork.Tests;

/// <summary>Before the meeting: a giấy mời per invitee (one file, a page each) and the public announcement with its 7 working days.</summary>
public class InvitationsTests
{
    /// <summary>The scripted meeting, planned: three thôn (Thôn Tây sends 8, the others 5), two organisations, cut-off 10/3.</summary>
    private static DocumentContext Planned(MeetingKind kind = MeetingKind.Periodic, DateOnly? noticeDate = null)
    {
        var m = M.Played(close: false);
        m.Do(new SetLocalities(["Thôn Đông", "Thôn Tây", "Tổ dân phố 3"]), Actor.Organizer)
         .Do(new SetComposition(5, [new Quota("Thôn Tây", QuotaKind.Locality, 8), new Quota("Hội Nông dân xã", QuotaKind.Organisation, 3)]), Actor.Organizer)
         .Do(new SetPetitionCutoff(new DateOnly(2025, 3, 10)), Actor.Organizer);
        var info = m.State.Info!;
        if (kind != info.Kind || noticeDate != info.NoticeDate)
            m.Do(new UpdateMeetingInfo(info.Title, kind, info.Form, info.Venue, info.ScheduledStart, info.ChairName, info.SecretaryName, noticeDate,
                info.ChairTitle, info.SecretaryTitle), Actor.Organizer);
        return m.Context(today: new DateOnly(2025, 3, 3));
    }

    [Fact]
    public void Every_invitee_of_the_list_gets_a_page_of_their_own_saying_what_is_asked_of_them()
    {
        var context = Planned();
        var invitees = Invitations.Invitees(context);
        Assert.Equal(1 + context.State.Officials.Count + 3 + 1, invitees.Count); // secretary, officials, three thôn, one organisation
        Assert.Contains(new Invitations.Invitee("Trưởng thôn, tổ trưởng tổ dân phố Thôn Tây", "Thông báo và mời 8 đại biểu Nhân dân Thôn Tây tham dự."), invitees);
        Assert.Contains(new Invitations.Invitee("Lãnh đạo Hội Nông dân xã", "Cử 3 đại biểu tham dự."), invitees);

        var docx = new Docx(Invitations.Letters(context));
        Assert.Equal(invitees.Count, docx.Paragraphs.Count(p => p == "GIẤY MỜI"));
        Assert.Equal(invitees.Count - 1, docx.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Break>().Count(b => b.Type?.Value == DocumentFormat.OpenXml.Wordprocessing.BreakValues.Page));
        foreach (var invitee in invitees) Assert.Contains(invitee.AddressedTo, docx.Paragraphs);
        Assert.Contains("Ủy ban nhân dân xã An Hưng trân trọng kính mời:", docx.Paragraphs);
        Assert.Contains("Thời gian: 08 giờ 00 phút, ngày 15 tháng 3 năm 2025.", docx.Paragraphs);
        Assert.Contains("Số: ……/GM-UBND", docx.Text);
    }

    [Theory]
    [InlineData(MeetingKind.Periodic, null, "ngày 06 tháng 3 năm 2025")]       // 7 working days before Saturday 15/3: Thursday 6/3
    [InlineData(MeetingKind.Periodic, "2025-03-01", "ngày 01 tháng 3 năm 2025")] // the plan's date when it has one
    [InlineData(MeetingKind.AdHoc, null, "ngày 03 tháng 3 năm 2025")]         // đột xuất: the day it is drafted
    public void The_announcement_is_dated_seven_working_days_ahead_unless_the_plan_says_or_the_meeting_is_ad_hoc(MeetingKind kind, string? notice, string dated)
    {
        var context = Planned(kind, notice is null ? null : DateOnly.Parse(notice, System.Globalization.CultureInfo.InvariantCulture));
        var docx = new Docx(Invitations.Announcement(context));
        Assert.Contains(dated, docx.Text);
        Assert.Contains($"Về việc tổ chức {M.Title}", docx.Paragraphs);
        var text = Invitations.AnnouncementText(context);
        Assert.Contains("đến hết ngày 10/03/2025", text);
        Assert.Contains("Địa điểm: Hội trường UBND xã An Hưng.", text);
        foreach (var line in text.Split('\n')) Assert.Contains(line, docx.Paragraphs);
    }

    [Fact]
    public async Task LibreOffice_renders_a_letter_per_page_and_the_announcement_on_one()
    {
        var context = Planned();
        var letters = Invitations.Letters(context);
        var converter = PdfRenderingTests.LibreOffice();
        var pdf = (await converter.ConvertAsync(letters))!;
        Assert.Equal(Invitations.Invitees(context).Count, Poppler.Pages(pdf));
        Assert.Contains("GIẤY MỜI", Poppler.Text(pdf, 2));
        await PdfRenderingTests.KeepAsync("giay-moi", letters, pdf);
        var announcement = Invitations.Announcement(context);
        var announced = (await converter.ConvertAsync(announcement))!;
        Assert.Equal(1, Poppler.Pages(announced));
        await PdfRenderingTests.KeepAsync("thong-bao-cong-khai", announcement, announced);
    }
}
