using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Minutes;

/// <summary>
/// Câu hỏi ngoài nội dung: a question outside the meeting's content, which the chair still receives and has answered
/// in writing (seed 003: "nếu có câu hỏi ngoài nội dung thì người chủ trì đối thoại vẫn tiếp nhận và trả lời riêng bằng
/// văn bản"). It becomes a kiến nghị resolved as a written answer, under no turn (it is not what the turn was about), so
/// that it reaches the biên bản, the conclusion notice and the follow-up. The asker is typed, or taken from the citizen's
/// turn named in <see cref="TurnId"/> when it was asked aloud; <see cref="ResponsibleUnit"/> is who writes the answer.
/// </summary>
public sealed record RecordOffTopicPetition(
    string? CitizenName,
    string Summary,
    string? Locality = null,
    string? Field = null,
    string? ResponsibleUnit = null,
    string? TurnId = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => MinutesRules.Writers;
    public override bool AllowedAfterClose => true;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        Turn? turn = null;
        if (TurnId is not null)
        {
            turn = state.FindTurn(TurnId);
            if (turn is null) return DomainError.NotFound("lượt phát biểu", TurnId);
            if (turn.Kind is not (TurnKind.Citizen or TurnKind.FollowUp))
                return DomainError.State("Người hỏi chỉ lấy được từ lượt phát biểu của người dân.");
        }
        if (Text.Optional(CitizenName, "Họ tên người hỏi", Text.NameMax, out var name) is { } e1) return e1;
        if (Text.Optional(Locality, "Thôn/TDP", Text.ShortMax, out var locality) is { } e2) return e2;
        if (Text.RequiredMultiline(Summary, "Nội dung câu hỏi", PetitionRules.SummaryMax, out var summary) is { } e3) return e3;
        if (Text.Optional(Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e4) return e4;
        if (Text.Optional(ResponsibleUnit, "Đơn vị trả lời", Text.ShortMax, out var unit) is { } e5) return e5;
        if ((name ?? turn?.SpeakerName) is not { } asker)
            return DomainError.Invalid("Hãy ghi họ tên người hỏi (hoặc chọn lượt phát biểu của người đó).");
        if (PetitionRules.CheckRoomFor(state, 1) is { } full) return full;
        return new OffTopicPetitionRecorded(new Petition($"k{state.PetitionsCreated + 1}", summary, field, asker,
            locality ?? (name is null ? turn?.Locality : null), Resolution: PetitionResolution.WrittenAnswer, ResponsibleUnit: unit, OffTopic: true));
    }
}

/// <summary>A question outside the meeting's content was taken as a kiến nghị answered in writing.</summary>
public sealed record OffTopicPetitionRecorded(Petition Petition) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state.AddPetition(Petition);
}
