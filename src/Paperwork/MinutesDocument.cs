using DocumentFormat.OpenXml;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>The biên bản (Mẫu 1.9, Nghị định 30/2020/NĐ-CP) of a meeting as a DOCX file.</summary>
public static class MinutesDocument
{
    public const string Symbol = "BB-UBND";
    public const string Missing = "(chưa có nội dung)";

    /// <summary>
    /// The minutes, dated the meeting day: steps in the order they ran with the secretary's notes, each turn
    /// with its corrected text (else the machine text), the kiến nghị with their resolutions, signatures and nơi nhận.
    /// </summary>
    public static byte[] Build(DocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = new DocumentFacts(context);
        return Package(Content(facts));
    }

    private static IEnumerable<OpenXmlElement> Content(DocumentFacts facts)
    {
        var state = facts.State;
        var info = facts.Info;
        yield return OfficialLayout.Header(facts, Symbol, facts.MeetingDay);
        foreach (var e in OfficialLayout.Title("BIÊN BẢN", facts.MeetingName)) yield return e;

        yield return Labelled("Thời gian bắt đầu: ", VietnamTime.Moment(state.StartedAt ?? info.ScheduledStart) + ".");
        yield return Labelled("Địa điểm: ", $"{info.Venue}.");
        yield return Labelled("Hình thức: ", $"{facts.FormName}.");
        foreach (var e in Attendance(state)) yield return e;
        yield return Labelled("Chủ trì: ", $"{facts.Chair}.");
        yield return Labelled("Thư ký: ", $"{facts.Secretary}.");
        yield return Para(Layout.Body with { KeepNext = true }, new Span("Nội dung:", Bold: true));

        var number = 0;
        var turns = InTheMinutes(state).ToList();
        var unplaced = turns.Where(t => t.AgendaItemId is null || state.Agenda.All(a => a.Id != t.AgendaItemId));
        foreach (var turn in unplaced)
            foreach (var e in TurnParagraphs(state, turn)) yield return e;
        foreach (var step in StepsInMeetingOrder(state, turns))
        {
            yield return Para(Layout.Body with { KeepNext = true, Before = 60 }, new Span($"{++number}. {step.Title}", Bold: true));
            if (state.StepNotes.GetValueOrDefault(step.Id)?.Text is { Length: > 0 } notes)
                foreach (var e in OfficialLayout.BodyText(notes)) yield return e;
            foreach (var turn in turns.Where(t => t.AgendaItemId == step.Id))
                foreach (var e in TurnParagraphs(state, turn)) yield return e;
        }

        foreach (var (offTopic, heading) in PetitionSections)
        {
            var petitions = state.Petitions.Where(p => p.OffTopic == offTopic).ToList();
            if (petitions.Count == 0) continue;
            yield return Para(Layout.Body with { KeepNext = true, Before = 60 }, new Span($"{++number}. {heading}", Bold: true));
            var item = 0;
            foreach (var petition in petitions)
            {
                yield return Para(Layout.Body, new Span($"{number}.{++item}. {PetitionText.Citizen(petition)}: ", Bold: true), PetitionText.Summary(petition));
                if (PetitionText.Answer(petition) is var (label, answer))
                    yield return Para(Layout.Body, new Span(label, Italic: true), answer);
                yield return Para(Layout.Body, new Span("Kết luận: ", Italic: true), PetitionText.Resolution(petition, null));
            }
        }

        if (state.Survey?.Results is { Count: > 0 } survey)
        {
            yield return Para(Layout.Body with { KeepNext = true, Before = 60 }, new Span($"{++number}. Kết quả lấy phiếu ý kiến hài lòng của Nhân dân", Bold: true));
            yield return Para(Layout.Body, SurveyText.CountAndAverage(survey));
            var lines = SurveyText.ByScore(survey).ToList();
            foreach (var (line, i) in lines.Select((l, i) => (l, i)))
                yield return Para(Layout.Body, $"- {line}{(i == lines.Count - 1 ? "." : ";")}");
            if (SurveyText.ConcernsAnswered(survey) is { } concerns) yield return Para(Layout.Body, concerns);
        }

        var end = state.ClosedAt is { } closed
            ? VietnamTime.Moment(closed)
            : $"{DocumentFacts.Blank} giờ {DocumentFacts.Blank} phút, ngày {DocumentFacts.Blank} tháng {DocumentFacts.Blank} năm {DocumentFacts.Blank}";
        yield return Para(Layout.Body with { Before = 120, KeepNext = true }, $"Hội nghị kết thúc vào lúc {end}./.");

        // The nơi nhận sits under the left signature in the same unsplittable row, so the signatures never
        // end a page alone and the list never starts one alone.
        var recipients = OfficialLayout.Recipients(facts.Recipients.Count > 0 ? facts.Recipients : [DocumentFacts.Blank]);
        yield return OfficialLayout.SideBySide(
            [.. OfficialLayout.Signature(["THƯ KÝ"], facts.SecretaryName, before: 120), .. recipients],
            OfficialLayout.Signature(["CHỦ TỌA"], facts.ChairName, before: 120));
    }

    /// <summary>The kiến nghị of the meeting, then the questions outside its content that are answered in writing (seed 003).</summary>
    private static readonly (bool OffTopic, string Heading)[] PetitionSections =
    [
        (false, "Tổng hợp kiến nghị và kết luận của chủ trì hội nghị"),
        (true, "Các câu hỏi ngoài nội dung hội nghị, trả lời bằng văn bản"),
    ];

    /// <summary>Every turn, but a chair's floor between turns only when something said in it was kept.</summary>
    private static IEnumerable<Turn> InTheMinutes(MeetingState state) =>
        state.Turns.Where(t => t.Kind != TurnKind.Chair || state.MinutesOf(t.Id).Text is { Length: > 0 });

    private static OpenXmlElement Labelled(string label, string text) => Para(Layout.Body, new Span(label, Bold: true), text);

    /// <summary>By group, from the desk's check-in; meetings without a check-in keep the lines typed by hand.</summary>
    private static IEnumerable<OpenXmlElement> Attendance(MeetingState state)
    {
        var attendance = CheckInRules.ForMinutes(state);
        if (attendance.Count == 0)
        {
            yield return Labelled("Thành phần tham dự: ", DocumentFacts.Blank);
            yield break;
        }
        var total = attendance.Sum(a => a.Count);
        yield return Labelled("Thành phần tham dự: ", $"tổng số {total} người, gồm:");
        var last = attendance.Count - 1;
        foreach (var (line, i) in attendance.Select((l, i) => (l, i)))
            yield return Para(Layout.Body, $"- {line.Group}: {line.Count} người{(i == last ? "." : ";")}");
    }

    /// <summary>The steps that ran, in the order they started, then steps that never started but have notes or turns.</summary>
    private static IEnumerable<AgendaItem> StepsInMeetingOrder(MeetingState state, IReadOnlyList<Turn> turns)
    {
        var ran = state.Agenda.Where(a => a.StartedAt is not null).OrderBy(a => a.StartedAt);
        var rest = state.Agenda.Where(a => a.StartedAt is null
            && (state.StepNotes.GetValueOrDefault(a.Id)?.Text is { Length: > 0 } || turns.Any(t => t.AgendaItemId == a.Id)));
        return ran.Concat(rest);
    }

    private static IEnumerable<OpenXmlElement> TurnParagraphs(MeetingState state, Turn turn)
    {
        var place = turn.Locality is { Length: > 0 } locality && locality != turn.SpeakerName ? locality : null;
        List<Span> lead = turn.Kind switch
        {
            TurnKind.Answer =>
            [
                "- ", new Span(turn.SpeakerName, Bold: true), place is null ? "" : $", {place}",
                $" trả lời{(state.FindTurn(turn.RelatesToTurnId ?? "") is { } question ? $" ý kiến của {question.SpeakerName}" : "")}: ",
            ],
            TurnKind.FollowUp => ["- ", new Span(turn.SpeakerName, Bold: true), place is null ? "" : $" ({place})", " hỏi tiếp: "],
            TurnKind.Interjection or TurnKind.Chair => ["- ", new Span(turn.SpeakerName, Bold: true), ", chủ trì hội nghị, phát biểu: "],
            TurnKind.Report =>
            [
                "- ", new Span(turn.SpeakerName, Bold: true), place is null ? "" : $", {place}",
                $" trình bày báo cáo{(turn.Topic is { Length: > 0 } topic ? $" {ReportSubject(topic)}" : "")}: ",
            ],
            _ =>
            [
                "- ", new Span(turn.SpeakerName, Bold: true), place is null ? "" : $" ({place})",
                $" phát biểu{(turn.Topic is { Length: > 0 } topic ? $" về {Lower(topic)}" : "")}: ",
            ],
        };
        return OfficialLayout.LedText(lead, state.MinutesOf(turn.Id).Text, Missing);
    }

    /// <summary>The step's title after "trình bày báo cáo": "Báo cáo tình hình…" gives "tình hình…", not "báo cáo báo cáo…".</summary>
    private static string ReportSubject(string topic)
    {
        const string Report = "Báo cáo ";
        return topic.StartsWith(Report, StringComparison.OrdinalIgnoreCase) && topic.Length > Report.Length ? topic[Report.Length..] : Lower(topic);
    }

    private static readonly HashSet<string> ProperStarts = ["Thôn", "Tổ", "Xã", "Phường", "Nhà", "Nhân", "Đảng", "Mặt", "Ủy", "UBND", "MTTQ"];

    /// <summary>A topic inside a sentence ("về đường giao thông"), unless it starts with a proper name or an acronym.</summary>
    private static string Lower(string topic)
    {
        var first = topic.Split(' ')[0];
        return first.Length > 0 && char.IsUpper(first[0]) && first.Skip(1).All(char.IsLower) && !ProperStarts.Contains(first)
            ? char.ToLowerInvariant(topic[0]) + topic[1..]
            : topic;
    }
}
