using LiveSession.Domain.FollowUp;

namespace LiveSession.Records.Tests;

public abstract partial class MeetingRecordsTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    /// <summary>
    /// A meeting of the given kind whose kiến nghị were collected beforehand (field, resolution, deadline),
    /// resolved at the meeting, with one survey answer per satisfaction score, closed at <paramref name="closedAt"/>.
    /// </summary>
    private static (MeetingState State, List<VersionedEvent> Events) Scripted(
        MeetingKind kind, DateTimeOffset start, DateTimeOffset closedAt, (string Field, PetitionResolution Resolution, DateOnly? Deadline)[] petitions, params int[] satisfaction)
    {
        var state = MeetingState.Empty($"m{Guid.NewGuid():N}"[..13]);
        var events = new List<VersionedEvent>();
        void Run(MeetingCommand command, Actor actor, DateTimeOffset at)
        {
            var (next, decision) = Decider.Execute(state, command, new CommandContext(actor, at));
            Assert.True(decision.IsAccepted, decision.Error?.Message);
            events.AddRange(decision.Events.Select((e, i) => new VersionedEvent(state.Version + i + 1, e)));
            state = next;
        }
        Run(new CreateMeeting($"Hội nghị đối thoại {kind}", kind, MeetingForm.InPerson, "Hội trường", start, "Nguyễn Văn Chủ", "Trần Thị Thư"), Actor.Organizer, start.AddDays(-10));
        Run(new ImportRegistrations([.. petitions.Select((p, i) => new RegistrationRow(i + 2, $"Công dân {i + 1}", "Thôn Đông", Topic: $"Kiến nghị {i + 1}", Field: p.Field,
            Kind: RegistrationKind.Petition, PreparedAnswer: "Nội dung trả lời đã chuẩn bị."))]), Actor.Organizer, start.AddDays(-5));
        Run(new StartMeeting(), Actor.Chair, start);
        foreach (var (p, i) in petitions.Select((p, i) => (p, i + 1)))
        {
            var unit = p.Resolution == PetitionResolution.AnsweredOnSpot ? null : "Công chức Địa chính";
            Run(new ResolvePetition($"k{i}", p.Resolution, unit, p.Deadline), Actor.Secretary, start.AddMinutes(30));
        }
        if (satisfaction.Length > 0)
        {
            Run(new Domain.Survey.OpenSurvey(), Actor.Chair, start.AddHours(2));
            foreach (var (score, i) in satisfaction.Select((s, i) => (s, i)))
                Run(new Domain.Survey.AnswerSurvey(score, true, null), Actor.Participant($"p{i}"), start.AddHours(2));
        }
        Run(new CloseMeeting(), Actor.Chair, closedAt);
        return (state, events);
    }

    [Fact]
    public async Task PeriodicReport_FiguresOfAScriptedSetOfMeetings_ByHalfYearAndYear()
    {
        // A: the periodic meeting of 15/3 (on the spot; land item assigned until 30/4, never answered; escalated), survey 5 and 4.
        var a = ClosedMeeting($"m{Guid.NewGuid():N}"[..13]);
        // B: thematic, 20/5: one item answered later by its unit, a written answer pending, one due 15/7, one escalated; survey 3.
        var bStart = new DateTimeOffset(2025, 5, 20, 8, 0, 0, Vn);
        var b = Scripted(MeetingKind.Thematic, bStart, bStart.AddHours(3),
            [("Đất đai", PetitionResolution.Assigned, new DateOnly(2025, 6, 10)), ("Môi trường", PetitionResolution.WrittenAnswer, null),
             ("Giao thông", PetitionResolution.Assigned, new DateOnly(2025, 7, 15)), ("Giao thông", PetitionResolution.Escalated, null)], 3);
        // C: ad hoc, closed at 23:30 on 29/6 in Vietnam (still the first half there); D: periodic, closed at 00:30 on 1/7 in Vietnam.
        var c = Scripted(MeetingKind.AdHoc, new DateTimeOffset(2025, 6, 29, 20, 0, 0, Vn), new DateTimeOffset(2025, 6, 29, 23, 30, 0, Vn),
            [("An ninh", PetitionResolution.AnsweredOnSpot, null)]);
        var d = Scripted(MeetingKind.Periodic, new DateTimeOffset(2025, 6, 30, 20, 0, 0, Vn), new DateTimeOffset(2025, 7, 1, 0, 30, 0, Vn),
            [("Đất đai", PetitionResolution.AnsweredOnSpot, null)], 1);
        foreach (var (state, events) in new[] { a, b, c, d }) await ArchiveAsync(state, events);
        Assert.Null(await _followUps.RunAsync(b.State.Id, new RecordProgress("k1", FollowUpStatus.Answered, "Đã giải quyết xong."), FollowUpActor.ForUnit("Công chức Địa chính")));

        var firstHalf = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        Assert.Equal(new Dictionary<string, int> { ["Chuyên đề"] = 1, ["Đột xuất"] = 1, ["Định kỳ"] = 1 }, firstHalf.MeetingsByKind);
        Assert.Equal(new Dictionary<string, int> { ["An ninh"] = 1, ["Đất đai"] = 3, ["Đường liên thôn"] = 1, ["Giao thông"] = 2, ["Môi trường"] = 1 }, firstHalf.PetitionsByField);
        Assert.Equal((8, 2, 1, 2, 1, 2), (firstHalf.Petitions, firstHalf.AnsweredOnTheSpot, firstHalf.AnsweredLater, firstHalf.Escalated, firstHalf.Overdue, firstHalf.StillOpen));
        Assert.Equal((3, (double?)4.0), (firstHalf.SurveyAnswers, firstHalf.AverageSatisfaction));

        var year = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        Assert.Equal((4, 2), (year.Meetings, year.MeetingsByKind["Định kỳ"]));
        // By the end of the year the item due 15/7 is overdue as well.
        Assert.Equal((9, 3, 1, 2, 2, 1), (year.Petitions, year.AnsweredOnTheSpot, year.AnsweredLater, year.Escalated, year.Overdue, year.StillOpen));
        Assert.Equal((4, (double?)3.25), (year.SurveyAnswers, year.AverageSatisfaction));

        var secondHalf = await PeriodicReports.BuildAsync(_contexts, null, new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31));
        Assert.Equal((1, 1, 1), (secondHalf.Meetings, secondHalf.Petitions, secondHalf.AnsweredOnTheSpot));
        Assert.Contains("Kết quả giải quyết,Quá hạn,1\n", System.Text.Encoding.UTF8.GetString(firstHalf.ToCsv()));
    }

    [Fact]
    public void Csv_cells_a_spreadsheet_would_run_as_formulas_come_out_as_text()
    {
        var report = new PeriodicReport(new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), new Dictionary<string, int> { ["Định kỳ"] = 1 },
            new Dictionary<string, int> { ["=HYPERLINK(\"http://x.example\",\"Bấm vào đây\")"] = 2, ["+1"] = 1, ["-2"] = 1, ["@SUM(A1)"] = 1, ["Đất đai"] = 3 },
            1, 2, 0, 0, 1, 0, null);

        var csv = System.Text.Encoding.UTF8.GetString(report.ToCsv());

        Assert.Contains("Kiến nghị theo lĩnh vực,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Bấm vào đây\"\")\",2\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,'+1,1\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,'-2,1\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,'@SUM(A1),1\n", csv);
        Assert.Contains("Kiến nghị theo lĩnh vực,Đất đai,3\n", csv);
    }
}
