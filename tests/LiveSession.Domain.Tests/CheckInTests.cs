namespace LiveSession.Domain.Tests;

public class CheckInTests
{
    private static TestMeeting Planned()
    {
        var m = TestMeeting.Created();
        m.Ok(new SetLocalities(["Thôn Đông", "Thôn Tây"]), Actor.Organizer);
        m.Ok(new SetComposition(5, [new("Thôn Tây", QuotaKind.Locality, 8), new("Hội Nông dân xã", QuotaKind.Organisation, 3)]), Actor.Organizer);
        return m;
    }

    private static IReadOnlyList<(string Label, int? Planned, int Present)> Groups(TestMeeting m) =>
        [.. CheckInRules.Groups(m.State).Select(g => (g.Label, g.Planned, g.Present))];

    [Fact]
    public void TheDesk_ChecksPeopleInByGroup_AgainstThePlannedComposition()
    {
        var m = Planned();
        m.Ok(new CheckIn(CheckInKind.Locality, " thôn tây ", 1), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Locality, "Thôn Tây", 6), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Organisation, "Hội Nông dân xã", 2), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Official, null, 12));
        m.Ok(new CheckIn(CheckInKind.Guest, "ignored", 2), Actor.Organizer);

        Assert.Equal(
            [("Nhân dân Thôn Đông", 5, 0), ("Nhân dân Thôn Tây", 8, 7), ("Hội Nông dân xã", 3, 2), ("Đại biểu, cán bộ, công chức", null, 12), ("Khách mời", null, 2)],
            Groups(m));
    }

    [Fact]
    public void ANegativeCount_CorrectsAMistake_ButNoGroupGoesBelowZero()
    {
        var m = Planned();
        m.Ok(new CheckIn(CheckInKind.Locality, "Thôn Đông", 3), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Locality, "Thôn Đông", -1), Actor.Organizer);
        Assert.Equal(2, CheckInRules.Present(m.State, CheckInKind.Locality, "Thôn Đông"));

        var before = DomainJson.Serialize(m.State);
        Assert.Contains("nhỏ hơn 0", m.Refused(new CheckIn(CheckInKind.Locality, "Thôn Đông", -3), "invalid", Actor.Organizer).Message);
        Assert.Equal(before, DomainJson.Serialize(m.State));
    }

    [Theory]
    [InlineData(CheckInKind.Locality, "Thôn Bắc", 1)]
    [InlineData(CheckInKind.Locality, null, 1)]
    [InlineData(CheckInKind.Organisation, "Hội Phụ nữ", 1)]
    [InlineData(CheckInKind.Organisation, "Thôn Đông", 1)]
    [InlineData(CheckInKind.Official, null, 0)]
    [InlineData(CheckInKind.Official, null, 501)]
    [InlineData(CheckInKind.Official, null, int.MinValue)]
    [InlineData((CheckInKind)9, null, 1)]
    public void AnUnknownGroup_OrAnUnreasonableCount_IsRefused_AndChangesNothing(CheckInKind kind, string? group, int count)
    {
        var m = Planned();
        var before = DomainJson.Serialize(m.State);
        var error = m.Refused(new CheckIn(kind, group, count), "invalid", Actor.Organizer);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, DomainJson.Serialize(m.State));
    }

    [Fact]
    public void AGroup_HoldsAtMostFiveThousand_SoNoCountOverflows()
    {
        var m = Planned();
        for (var i = 0; i < 10; i++) m.Ok(new CheckIn(CheckInKind.Guest, null, 500), Actor.Organizer);
        m.Refused(new CheckIn(CheckInKind.Guest, null, 1), "invalid", Actor.Organizer);
        Assert.Equal(5000, CheckInRules.Present(m.State, CheckInKind.Guest, null));
    }

    [Fact]
    public void CheckIn_WorksBeforeAndDuringTheMeeting_ButNotOnceItIsClosed()
    {
        var m = Planned();
        m.Ok(new CheckIn(CheckInKind.Official, null, 1), Actor.Organizer);
        m.Ok(new StartMeeting());
        m.Ok(new CheckIn(CheckInKind.Official, null, 1), Actor.Organizer);
        m.Ok(new CloseMeeting());
        m.Refused(new CheckIn(CheckInKind.Official, null, 1), "meeting_closed", Actor.Organizer);
    }

    [Fact]
    public void CheckIn_IsTheDesksAndTheChairs()
    {
        Assert.True(new CheckIn(CheckInKind.Guest, null, 1).AllowedRoles.SetEquals([Role.Chair, Role.Organizer]));
    }

    [Fact]
    public void TheMinutes_TakeTheAttendanceFromTheCheckIn_OfficialsAndGuestsFirst_GroupsWithNobodyLeftOut()
    {
        var m = Planned();
        m.Ok(new RecordAttendance([new AttendanceLine("Nhân dân", 80)]), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Locality, "Thôn Tây", 7), Actor.Organizer);
        m.Ok(new CheckIn(CheckInKind.Official, null, 12), Actor.Organizer);

        Assert.Equal([new AttendanceLine("Đại biểu, cán bộ, công chức", 12), new AttendanceLine("Nhân dân Thôn Tây", 7)], CheckInRules.ForMinutes(m.State));
    }

    [Fact]
    public void WithoutACheckIn_TheMinutesKeepTheAttendanceTypedByHand()
    {
        var m = Planned();
        m.Ok(new RecordAttendance([new AttendanceLine("Nhân dân", 80)]), Actor.Secretary);
        Assert.Equal([new AttendanceLine("Nhân dân", 80)], CheckInRules.ForMinutes(m.State));
    }

    [Fact]
    public void AGroupRemovedFromThePlanAfterCheckIn_StillCounts()
    {
        var m = Planned();
        m.Ok(new CheckIn(CheckInKind.Organisation, "Hội Nông dân xã", 2), Actor.Organizer);
        m.Ok(new SetComposition(5, []), Actor.Organizer);
        Assert.Contains(("Hội Nông dân xã", (int?)null, 2), Groups(m));
    }

    [Fact]
    public void AMeetingStoredBeforeTheCheckIn_LoadsWithNobodyCheckedIn()
    {
        var m = Planned();
        var json = System.Text.Json.Nodes.JsonNode.Parse(DomainJson.Serialize(m.State))!.AsObject();
        json.Remove("checkIns");
        var state = DomainJson.Deserialize<MeetingState>(json.ToJsonString())!;
        Assert.Empty(state.CheckIns);
        Assert.All(CheckInRules.Groups(state), g => Assert.Equal(0, g.Present));
    }
}
