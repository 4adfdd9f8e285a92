using LiveSession.Domain.Minutes;

namespace LiveSession.Paperwork;

/// <summary>How both documents word a kiến nghị: who raised it, the answer, and the chair's resolution.</summary>
internal static class PetitionText
{
    public const string NoUnit = "bộ phận chuyên môn liên quan";

    /// <summary>
    /// "Nguyễn Văn An (Thôn Đông)"; for a written question "(Thôn Nam, câu hỏi bằng văn bản)", and for a kiến nghị
    /// otherwise not raised in a turn "(Thôn Nam, gửi trước hội nghị)"; a question outside the meeting's content
    /// "(Thôn Tây, câu hỏi ngoài nội dung hội nghị)".
    /// </summary>
    public static string Citizen(Petition petition)
    {
        var source = petition.OffTopic ? (petition.QuestionId is not null ? "câu hỏi bằng văn bản ngoài nội dung hội nghị" : "câu hỏi ngoài nội dung hội nghị")
            : petition.QuestionId is not null ? "câu hỏi bằng văn bản" : petition.RaisedInTurnId is null ? "gửi trước hội nghị" : null;
        string?[] notes = [petition.Locality is { Length: > 0 } ? petition.Locality : null, source];
        var note = string.Join(", ", notes.OfType<string>());
        return note.Length > 0 ? $"{petition.CitizenName} ({note})" : petition.CitizenName;
    }

    public static string Summary(Petition petition) => EndSentence(petition.Field is { Length: > 0 } field
        ? $"{petition.Summary} (lĩnh vực: {field})"
        : petition.Summary);

    /// <summary>The answer given at the meeting, else the one prepared beforehand, with a label naming who gave it.</summary>
    public static (string Label, string Text)? Answer(Petition petition)
    {
        var answer = petition.Answer ?? petition.PreparedAnswer;
        if (answer is null) return null;
        return (petition.AnsweredBy is { Length: > 0 } by ? $"Trả lời ({by}): " : "Trả lời: ", EndSentence(answer));
    }

    /// <summary>
    /// The chair's resolution as a sentence. A written answer is due 5 working days after the notice:
    /// the notice gives the date, the minutes (written before the notice exists) only the rule.
    /// </summary>
    public static string Resolution(Petition petition, DateOnly? writtenAnswerDue) => petition.Resolution switch
    {
        PetitionResolution.AnsweredOnSpot => "Đã trả lời tại hội nghị.",
        PetitionResolution.Assigned =>
            $"Giao {petition.ResponsibleUnit ?? NoUnit} giải quyết, thời hạn hoàn thành: {(petition.Deadline is { } d ? VietnamTime.ShortDate(d) : DocumentFacts.Blank)}.",
        PetitionResolution.Escalated => $"Đề xuất {petition.ResponsibleUnit ?? "cấp trên"} xem xét, giải quyết theo thẩm quyền.",
        PetitionResolution.WrittenAnswer => writtenAnswerDue is { } due
            ? $"Giao {petition.ResponsibleUnit ?? NoUnit} trả lời bằng văn bản cho công dân trong {PetitionRules.WrittenAnswerWorkingDays:00} ngày làm việc kể từ ngày ban hành Thông báo này, chậm nhất ngày {VietnamTime.ShortDate(due)}."
            : $"Giao {petition.ResponsibleUnit ?? NoUnit} trả lời bằng văn bản cho công dân trong {PetitionRules.WrittenAnswerWorkingDays:00} ngày làm việc kể từ ngày ban hành thông báo kết luận.",
        _ => "Chưa có kết luận.",
    };

    private static string EndSentence(string text)
    {
        text = text.Trim();
        return text.Length == 0 || ".!?…".Contains(text[^1]) ? text : text + ".";
    }
}
