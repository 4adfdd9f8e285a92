using System.Collections.Immutable;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.Queue;

/// <summary>What a registration says about the speaker, checked and normalised.</summary>
internal sealed record SpeakerDetails(string Name, string? Locality, string? Organisation, string? Topic, string? Field, int Minutes)
{
    public static DomainError? Check(
        string? name, string? locality, string? organisation, string? topic, string? field, int minutes, out SpeakerDetails details)
    {
        details = null!;
        if (Text.Required(name, "Họ tên", Text.NameMax, out var n) is { } e1) return e1;
        if (Text.Optional(locality, "Thôn/tổ dân phố", Text.ShortMax, out var l) is { } e2) return e2;
        if (Text.Optional(organisation, "Cơ quan, đoàn thể", Text.ShortMax, out var o) is { } e3) return e3;
        if (Text.Optional(topic, "Nội dung", Text.TitleMax, out var t) is { } e4) return e4;
        if (Text.Optional(field, "Lĩnh vực", Text.ShortMax, out var f) is { } e5) return e5;
        if (Text.Range(minutes, 1, QueueRules.MaxMinutes, "Thời gian đăng ký (phút)") is { } e6) return e6;
        details = new SpeakerDetails(n, l, o, t, f, minutes);
        return null;
    }

    public Speaker ToSpeaker(string id, Channel channel, SpeakerStatus status, string? participantId = null) =>
        new(id, Name, Locality, Organisation, Topic, Field, Minutes, channel, status, participantId);
}

/// <summary>A row of a file of pre-collected registrations: someone who asked to speak, or a petition (kiến nghị).</summary>
public enum RegistrationKind { Speaker, Petition }

/// <summary>
/// One row of a file of pre-collected registrations; <see cref="Line"/> is where it stands in the file.
/// For a petition, <see cref="Topic"/> is its text, <see cref="PreparedAnswer"/> the answer the office
/// prepared, <see cref="PreMeetingNumber"/> its number among the kiến nghị collected before the meeting ("tn1"), and
/// <see cref="Minutes"/> does not apply.
/// </summary>
public sealed record RegistrationRow(
    int Line, string Name, string? Locality = null, string? Organisation = null, string? Topic = null, string? Field = null,
    int Minutes = QueueRules.DefaultMinutes, RegistrationKind Kind = RegistrationKind.Speaker, string? PreparedAnswer = null,
    string? PreMeetingNumber = null);

/// <summary>
/// Brings in what the office collected before the meeting, all or nothing: speakers join the queue,
/// petitions join the kiến nghị of the minutes with their prepared answers. One bad row refuses the whole file, and the error
/// names every bad row by its line in the file.
/// <para>
/// Taking the pre-meeting kiến nghị into the meeting is this one write: each row carries its "tn…" number, the meeting
/// keeps it on the kiến nghị it makes, and refuses a number it already has. The meeting owns "taken"; the follow-up
/// dossier only records it from the meeting's state (<c>TakeIntoMeeting</c>), so the two cannot disagree.
/// </para>
/// </summary>
public sealed record ImportRegistrations(IReadOnlyList<RegistrationRow> Rows) : MeetingCommand
{
    public const int MaxRows = 500;
    private const int MaxReportedRows = 10;

    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (Rows is not { Count: > 0 })
            return DomainError.Invalid("Tệp không có dòng đăng ký nào.");
        if (Rows.Count > MaxRows)
            return DomainError.Invalid($"Mỗi lần nhập tối đa {MaxRows} dòng (tệp có {Rows.Count} dòng).");
        if (Rows.Any(r => r is null || !Enum.IsDefined(r.Kind)))
            return DomainError.Invalid("Tệp có dòng không hợp lệ.");
        var speakerRows = Rows.Count(r => r.Kind == RegistrationKind.Speaker);
        if (speakerRows > 0 && QueueRules.CheckRoomFor(state, speakerRows) is { } full) return full;
        if (PetitionRules.CheckRoomFor(state, Rows.Count - speakerRows) is { } tooMany) return tooMany;

        var speakers = ImmutableList.CreateBuilder<Speaker>();
        var petitions = ImmutableList.CreateBuilder<Petition>();
        var problems = new List<string>();
        foreach (var row in Rows)
        {
            var error = CheckPreMeetingNumber(state, row, petitions)
                ?? Check(row, state.Speakers.Count + speakers.Count + 1, state.PetitionsCreated + petitions.Count + 1, speakers, petitions);
            if (error is not null) problems.Add($"Dòng {row.Line}: {error.Message}");
        }
        if (problems.Count > 0)
        {
            // One problem per line, so that pages can list them.
            var shown = string.Join("\n", problems.Take(MaxReportedRows));
            var more = problems.Count > MaxReportedRows ? $"\n… và {problems.Count - MaxReportedRows} dòng khác." : "";
            return new DomainError("import_invalid", $"{problems.Count} dòng có lỗi:\n{shown}{more}");
        }
        return new RegistrationsImported(speakers.ToImmutable(), petitions.ToImmutable());
    }

    /// <summary>A pre-meeting item is taken once: a number the meeting (or this file) already has is refused.</summary>
    private static DomainError? CheckPreMeetingNumber(MeetingState state, RegistrationRow row, ImmutableList<Petition>.Builder petitions)
    {
        if (row.PreMeetingNumber is not { } number) return null;
        if (row.Kind != RegistrationKind.Petition || number.Length is 0 or > PetitionRules.PreMeetingNumberMax || !number.All(char.IsAsciiLetterOrDigit))
            return DomainError.Invalid("Số kiến nghị thu thập trước hội nghị không hợp lệ.");
        if (PetitionRules.FromPreMeeting(state, number) is { } taken)
            return DomainError.State($"Kiến nghị {number} đã được đưa vào hội nghị (là kiến nghị {taken.Id}).");
        return petitions.Any(p => p.PreMeetingNumber == number) ? DomainError.Invalid($"Kiến nghị {number} có hai lần trong danh sách.") : null;
    }

    private static DomainError? Check(RegistrationRow row, int speakerNumber, int petitionNumber,
        ImmutableList<Speaker>.Builder speakers, ImmutableList<Petition>.Builder petitions)
    {
        if (row.Kind == RegistrationKind.Petition)
        {
            if (Text.Required(row.Name, "Họ tên", Text.NameMax, out var name) is { } e1) return e1;
            if (Text.Optional(row.Locality, "Thôn/tổ dân phố", Text.ShortMax, out var locality) is { } e2) return e2;
            if (Text.RequiredMultiline(row.Topic, "Nội dung kiến nghị", PetitionRules.SummaryMax, out var summary) is { } e3) return e3;
            if (Text.Optional(row.Field, "Lĩnh vực", Text.ShortMax, out var field) is { } e4) return e4;
            if (Text.OptionalMultiline(row.PreparedAnswer, "Nội dung trả lời", PetitionRules.AnswerMax, out var answer) is { } e5) return e5;
            petitions.Add(new Petition($"k{petitionNumber}", summary, field, name, locality, PreparedAnswer: answer, PreMeetingNumber: row.PreMeetingNumber));
            return null;
        }
        if (SpeakerDetails.Check(row.Name, row.Locality, row.Organisation, row.Topic, row.Field, row.Minutes, out var details) is { } invalid)
            return invalid;
        speakers.Add(details.ToSpeaker($"s{speakerNumber}", Channel.Hall, SpeakerStatus.Queued));
        return null;
    }
}

public sealed record RegistrationsImported(ImmutableList<Speaker> Speakers, ImmutableList<Petition> Petitions) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Speakers = state.Speakers.AddRange(Speakers),
        Queue = state.Queue.AddRange(Speakers.Select(s => s.Id)),
        Petitions = state.Petitions.AddRange(Petitions),
        PetitionsCreated = state.PetitionsCreated + Petitions.Count,
    };
}
