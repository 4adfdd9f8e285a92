using System.Globalization;
namespace LiveSession.Domain.Tests;

public class SetupTests
{
    private static UpdateMeetingInfo Plan(string title = "Hội nghị đối thoại chuyên đề đất đai", string venue = "Nhà văn hoá thôn Đông") => new(
        title, MeetingKind.Thematic, MeetingForm.InPerson, venue,
        new DateTimeOffset(2025, 3, 20, 14, 0, 0, TimeSpan.FromHours(7)), "Nguyễn Văn Chủ", "Trần Thị Thư");

    [Fact]
    public void UpdateMeetingInfo_ReplacesThePlan()
    {
        var m = TestMeeting.Created();
        m.Ok(Plan(), Actor.Organizer);

        var info = m.State.Info!;
        Assert.Equal("Hội nghị đối thoại chuyên đề đất đai", info.Title);
        Assert.Equal(MeetingKind.Thematic, info.Kind);
        Assert.Equal(MeetingForm.InPerson, info.Form);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 7, 0, 0, TimeSpan.Zero), info.ScheduledStart);
        Assert.Equal(TimeSpan.Zero, info.ScheduledStart.Offset);
    }

    [Theory]
    [InlineData("", "Nhà văn hoá")]
    [InlineData("Hội nghị", "  ")]
    public void UpdateMeetingInfo_RefusesMissingFields(string title, string venue) =>
        TestMeeting.Created().Refused(Plan(title, venue), "invalid", Actor.Organizer);

    [Fact]
    public void UpdateMeetingInfo_RefusesAnUnchangedPlan()
    {
        var m = TestMeeting.Created();
        m.Ok(Plan(), Actor.Organizer);
        m.Refused(Plan(), "invalid_state", Actor.Chair);
    }

    [Fact]
    public void UpdateMeetingInfo_IsRefusedToParticipants() =>
        TestMeeting.Created().Refused(Plan(), "forbidden", Actor.Participant("p1"));

    [Fact]
    public void SetLocalities_NormalisesAndDropsDuplicates()
    {
        var m = TestMeeting.Created();
        m.Ok(new SetLocalities(["  Thôn Đông ", "thôn đông", "", "Tổ dân phố 3", "Thôn Tây"]), Actor.Organizer);

        Assert.Equal(["Thôn Đông", "Tổ dân phố 3", "Thôn Tây"], m.State.Localities);
    }

    [Fact]
    public void SetLocalities_RefusesTooManyAndTooLong()
    {
        var m = TestMeeting.Created();
        m.Refused(new SetLocalities([.. Enumerable.Range(1, SetLocalities.MaxLocalities + 1).Select(i => $"Thôn {i}")]), "invalid", Actor.Organizer);
        m.Refused(new SetLocalities([new string('x', Text.ShortMax + 1)]), "invalid", Actor.Organizer);
    }

    [Fact]
    public void SetLocalities_CanEmptyTheList()
    {
        var m = TestMeeting.Created();
        m.Ok(new SetLocalities(["Thôn Đông"]), Actor.Organizer);
        m.Ok(new SetLocalities([]), Actor.Chair);
        Assert.Empty(m.State.Localities);
    }

    [Fact]
    public void ImportRegistrations_QueuesEveryRowInOrder()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new ImportRegistrations(
        [
            new RegistrationRow(2, "Đỗ Văn Giang", "Thôn Đông", "Hội Nông dân", "Thủy lợi nội đồng", "Nông nghiệp", 4),
            new RegistrationRow(3, "Ngô Thị Hoa", "Tổ dân phố 3"),
        ]), Actor.Organizer);

        Assert.Equal(["s1", "s2", "s3"], m.State.Queue);
        var giang = m.State.FindSpeaker("s2")!;
        Assert.Equal(("Đỗ Văn Giang", "Hội Nông dân", 4, Channel.Hall, SpeakerStatus.Queued),
            (giang.Name, giang.Organisation, giang.RequestedMinutes, giang.Channel, giang.Status));
        Assert.Equal(QueueRules.DefaultMinutes, m.State.FindSpeaker("s3")!.RequestedMinutes);
    }

    [Fact]
    public void ImportRegistrations_WithABadRow_ImportsNothingAndNamesTheLines()
    {
        var m = TestMeeting.Started(queued: 1);
        var error = m.Refused(new ImportRegistrations(
        [
            new RegistrationRow(2, "Đỗ Văn Giang"),
            new RegistrationRow(3, "   "),
            new RegistrationRow(4, "Ngô Thị Hoa", Minutes: 90),
        ]), "import_invalid", Actor.Organizer);

        Assert.Contains("Dòng 3: Họ tên không được để trống.", error.Message);
        Assert.Contains("Dòng 4: Thời gian đăng ký (phút) phải từ 1 đến 30.", error.Message);
        Assert.DoesNotContain("Dòng 2", error.Message);
        Assert.Equal(["s1"], m.State.Queue);
    }

    [Fact]
    public void ImportRegistrations_ReportsAtMostTenLines()
    {
        var rows = Enumerable.Range(2, 15).Select(line => new RegistrationRow(line, "")).ToList();
        var error = TestMeeting.Started().Refused(new ImportRegistrations(rows), "import_invalid", Actor.Organizer);

        Assert.Contains("15 dòng có lỗi", error.Message);
        Assert.Contains("Dòng 11:", error.Message);
        Assert.DoesNotContain("Dòng 12:", error.Message);
        Assert.Contains("và 5 dòng khác", error.Message);
    }

    [Fact]
    public void ImportRegistrations_RefusesEmptyOversizedAndClosedList()
    {
        var m = TestMeeting.Started();
        m.Refused(new ImportRegistrations([]), "invalid", Actor.Organizer);
        m.Refused(new ImportRegistrations([.. Enumerable.Range(2, ImportRegistrations.MaxRows + 1).Select(i => new RegistrationRow(i, $"Người {i}"))]), "invalid", Actor.Organizer);
        m.Ok(new CloseList());
        m.Refused(new ImportRegistrations([new RegistrationRow(2, "Đỗ Văn Giang")]), "list_closed", Actor.Organizer);
    }

    [Fact]
    public void ImportRegistrations_AddsPetitionsWithTheirPreparedAnswers()
    {
        var m = TestMeeting.Started();
        m.Ok(new ImportRegistrations(
        [
            new RegistrationRow(2, "Đỗ Văn Giang", "Thôn Đông", Topic: "Thủy lợi"),
            new RegistrationRow(3, "Ngô Thị Hoa", "Thôn Tây", Topic: "Đề nghị sửa cầu\nqua kênh N2", Field: "Giao thông",
                Kind: RegistrationKind.Petition, PreparedAnswer: "Đã bố trí vốn năm 2026"),
        ]), Actor.Organizer);

        Assert.Equal(["s1"], m.State.Queue);
        var petition = Assert.Single(m.State.Petitions);
        Assert.Equal(new Petition("k1", "Đề nghị sửa cầu\nqua kênh N2", "Giao thông", "Ngô Thị Hoa", "Thôn Tây", PreparedAnswer: "Đã bố trí vốn năm 2026"), petition);
        Assert.Empty(m.State.Questions);
    }

    [Fact]
    public void ImportRegistrations_APetitionWithoutText_RefusesTheWholeFile()
    {
        var m = TestMeeting.Started();
        var error = m.Refused(new ImportRegistrations(
        [
            new RegistrationRow(2, "Đỗ Văn Giang"),
            new RegistrationRow(3, "Ngô Thị Hoa", Kind: RegistrationKind.Petition),
        ]), "import_invalid", Actor.Organizer);

        Assert.Equal("1 dòng có lỗi:\nDòng 3: Nội dung kiến nghị không được để trống.", error.Message);
        Assert.Empty(m.State.Speakers);
        Assert.Empty(m.State.Petitions);
    }

    [Fact]
    public void ImportRegistrations_IsRefusedToParticipants() =>
        TestMeeting.Started().Refused(new ImportRegistrations([new RegistrationRow(2, "Đỗ Văn Giang")]), "forbidden", Actor.Participant("p1"));

    private static readonly IReadOnlySet<DateOnly> Holidays = new HashSet<DateOnly> { new(2025, 4, 30), new(2025, 5, 1) };

    [Fact]
    public void PublicNotice_IsDueSevenWorkingDaysAhead_SkippingWeekendsAndHolidays()
    {
        // Meeting on Friday 9 May 2025: back over 8, 7, 6, 5 May, (weekend), 2 May, (1 May, 30 Apr holidays), 29, 28 Apr.
        Assert.Equal(new DateOnly(2025, 4, 28), PublicNotice.LatestDate(new DateOnly(2025, 5, 9), Holidays));
    }

    [Theory]
    [InlineData(MeetingKind.Periodic, null, "Chưa ghi ngày thông báo công khai; chậm nhất là ngày 28/04/2025")]
    [InlineData(MeetingKind.Periodic, "2025-04-29", "Thông báo công khai ngày 29/04/2025 là muộn")]
    [InlineData(MeetingKind.Periodic, "2025-04-28", null)]
    [InlineData(MeetingKind.AdHoc, null, null)]
    public void PublicNotice_Problem(MeetingKind kind, string? notice, string? problem)
    {
        var info = new MeetingInfo("Hội nghị", kind, MeetingForm.Hybrid, "Hội trường", new DateTimeOffset(2025, 5, 9, 1, 0, 0, TimeSpan.Zero),
            "Chủ trì", "Thư ký", notice is null ? null : DateOnly.Parse(notice, CultureInfo.InvariantCulture));
        var found = PublicNotice.Problem(info, Holidays);
        if (problem is null) Assert.Null(found);
        else Assert.StartsWith(problem, found);
    }

    [Fact]
    public void NoticeDate_IsKeptInThePlan_AndCannotFollowTheMeeting()
    {
        var m = TestMeeting.Created();
        m.Refused(Plan() with { NoticeDate = new DateOnly(2025, 3, 21) }, "invalid", Actor.Organizer);
        m.Ok(Plan() with { NoticeDate = new DateOnly(2025, 3, 10) }, Actor.Organizer);
        Assert.Equal(new DateOnly(2025, 3, 10), m.State.Info!.NoticeDate);
    }
}
