namespace LiveSession.Domain.Tests;

public class CompositionTests
{
    private static TestMeeting WithLocalities()
    {
        var m = TestMeeting.Created();
        m.Ok(new SetLocalities(["Thôn Đông", "Thôn Tây", "Tổ dân phố 3"]), Actor.Organizer);
        return m;
    }

    [Fact]
    public void SetComposition_GivesEveryLocalityTheCommonQuota_UnlessItHasItsOwn_ThenTheOrganisations()
    {
        var m = WithLocalities();
        m.Ok(new SetComposition(5, [new(" thôn tây ", QuotaKind.Locality, 8), new("Hội Nông dân xã", QuotaKind.Organisation, 3), new("Đoàn Thanh niên", QuotaKind.Organisation, 2)]), Actor.Organizer);

        var lines = m.State.Composition!.Lines(m.State.Localities);
        Assert.Equal(
            [("Thôn Đông", 5), ("Thôn Tây", 8), ("Tổ dân phố 3", 5), ("Hội Nông dân xã", 3), ("Đoàn Thanh niên", 2)],
            lines.Select(q => (q.Group, q.Count)));
        Assert.Equal(23, m.State.Composition.Total(m.State.Localities));
    }

    [Fact]
    public void SetComposition_RefusesAnUnknownLocality_ADuplicate_ANegativeCount_AndChangesNothing()
    {
        var m = WithLocalities();
        Assert.Contains("\"Thôn Bắc\" không có trong danh sách", m.Refused(new SetComposition(5, [new("Thôn Bắc", QuotaKind.Locality, 4)]), "invalid", Actor.Organizer).Message);
        Assert.Contains("được ghi hai lần", m.Refused(new SetComposition(5, [new("Hội Phụ nữ", QuotaKind.Organisation, 4), new("hội phụ nữ", QuotaKind.Organisation, 1)]), "invalid", Actor.Organizer).Message);
        m.Refused(new SetComposition(-1, []), "invalid", Actor.Organizer);
        m.Refused(new SetComposition(5, [new("Hội Phụ nữ", QuotaKind.Organisation, Composition.MaxPerGroup + 1)]), "invalid", Actor.Organizer);
        m.Refused(new SetComposition(5, [new("", QuotaKind.Organisation, 1)]), "invalid", Actor.Organizer);
        Assert.Null(m.State.Composition);
    }

    [Fact]
    public void SetComposition_IsForTheChairAndOrganizer_AndRefusesNoChange()
    {
        var m = WithLocalities();
        m.Refused(new SetComposition(5, []), "forbidden", Actor.Participant("p1"));
        m.Ok(new SetComposition(5, []), Actor.Chair);
        m.Refused(new SetComposition(5, []), "invalid_state", Actor.Organizer);
    }

    [Fact]
    public void SetPetitionCutoff_MustBeBeforeTheMeetingDay_AndCanBeLifted()
    {
        var m = TestMeeting.Created(); // meets on 15/3/2025
        Assert.Contains("trước ngày hội nghị (15/03/2025)", m.Refused(new SetPetitionCutoff(new DateOnly(2025, 3, 15)), "invalid", Actor.Organizer).Message);
        m.Ok(new SetPetitionCutoff(new DateOnly(2025, 3, 10)), Actor.Organizer);
        Assert.Equal(new DateOnly(2025, 3, 10), PreMeetingPetitions.Cutoff(m.State));
        m.Ok(new SetPetitionCutoff(null), Actor.Organizer);
        Assert.Equal(new DateOnly(2025, 3, 14), PreMeetingPetitions.Cutoff(m.State));
    }

    [Fact]
    public void TheCutoff_IsNeverOnOrAfterTheMeetingDay_EvenWhenTheMeetingMovesEarlier()
    {
        var m = TestMeeting.Created(); // meets on 15/3/2025
        m.Ok(new SetPetitionCutoff(new DateOnly(2025, 3, 12)), Actor.Organizer);
        var info = m.State.Info!;
        m.Ok(new UpdateMeetingInfo(info.Title, info.Kind, info.Form, info.Venue, new DateTimeOffset(2025, 3, 11, 8, 0, 0, TimeSpan.FromHours(7)), info.ChairName, info.SecretaryName), Actor.Organizer);
        Assert.Equal(new DateOnly(2025, 3, 10), PreMeetingPetitions.Cutoff(m.State));
    }

    [Fact]
    public void PreMeetingPetitions_AreRefusedOnceTheMeetingHasStarted()
    {
        var m = TestMeeting.Started();
        var entry = new PreMeetingPetition(0, "Nguyễn Văn An", "Thôn Đông", "Đề nghị sửa đường", "Giao thông", PetitionSource.FatherlandFront, null, new DateOnly(2025, 3, 1), "Công chức Giao thông");
        Assert.Equal("invalid_state", PreMeetingPetitions.Check(m.State, [entry], new DateOnly(2025, 3, 2), out var accepted)!.Code);
        Assert.Empty(accepted);
    }
}
