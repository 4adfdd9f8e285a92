using System.Collections.Immutable;
using LiveSession.Domain.Meetings;

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

/// <summary>One row of a file of pre-collected registrations; <see cref="Line"/> is where it stands in the file.</summary>
public sealed record SpeakerRow(
    int Line, string Name, string? Locality = null, string? Organisation = null, string? Topic = null, string? Field = null,
    int Minutes = QueueRules.DefaultMinutes);

/// <summary>
/// Queues pre-collected hall registrations from a file, all or nothing: one bad row refuses the whole
/// import, and the error names every bad row by its line in the file.
/// </summary>
public sealed record ImportSpeakers(IReadOnlyList<SpeakerRow> Rows) : MeetingCommand
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
        if (QueueRules.CheckRoomFor(state, Rows.Count) is { } full) return full;

        var speakers = ImmutableList.CreateBuilder<Speaker>();
        var problems = new List<string>();
        foreach (var row in Rows)
        {
            if (row is null) return DomainError.Invalid("Tệp có dòng trống không hợp lệ.");
            if (SpeakerDetails.Check(row.Name, row.Locality, row.Organisation, row.Topic, row.Field, row.Minutes, out var details) is { } error)
                problems.Add($"Dòng {row.Line}: {error.Message}");
            else
                speakers.Add(details.ToSpeaker($"s{state.Speakers.Count + speakers.Count + 1}", Channel.Hall, SpeakerStatus.Queued));
        }
        if (problems.Count > 0)
        {
            // One problem per line, so that pages can list them.
            var shown = string.Join("\n", problems.Take(MaxReportedRows));
            var more = problems.Count > MaxReportedRows ? $"\n… và {problems.Count - MaxReportedRows} dòng khác." : "";
            return new DomainError("import_invalid", $"{problems.Count} dòng có lỗi:\n{shown}{more}");
        }
        return new SpeakersImported(speakers.ToImmutable());
    }
}

public sealed record SpeakersImported(ImmutableList<Speaker> Speakers) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Speakers = state.Speakers.AddRange(Speakers),
        Queue = state.Queue.AddRange(Speakers.Select(s => s.Id)),
    };
}
