using System.Collections.Immutable;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.FollowUp;

/// <summary>
/// At the archive: the closed meeting's kiến nghị start their follow-up with the meeting's resolution, unit and deadline
/// (answered on the spot is answered, passed up is escalated, assigned or a written answer is in progress). Safe to repeat
/// when the minutes change after the close: an item the follow-up has moved keeps its unit, deadline, status and answer.
/// </summary>
public sealed record OpenFollowUp : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (meeting.Status != MeetingStatus.Closed)
            return DomainError.State("Hội nghị chưa kết thúc: kiến nghị được theo dõi sau khi hội nghị kết thúc.");
        var changed = meeting.Petitions
            .Select(p => (Old: dossier.FindFollowed(p.Id), New: FromMeeting(p, dossier.FindFollowed(p.Id))))
            .Where(c => c.Old != c.New)
            .Select(c => c.New)
            .ToImmutableList();
        return changed.IsEmpty ? FollowUpDecision.Nothing : new FollowUpOpened(changed);
    }

    private static FollowedPetition FromMeeting(Petition p, FollowedPetition? followed) =>
        followed is { Started: true }
            ? followed with { Summary = p.Summary, Field = p.Field, CitizenName = p.CitizenName, Locality = p.Locality }
            : new FollowedPetition(p.Id, p.Summary, p.Field, p.CitizenName, p.Locality, p.Resolution, p.ResponsibleUnit, p.Deadline,
                p.Answer ?? p.PreparedAnswer, InitialStatus(p.Resolution), p.PreMeetingNumber);

    public static FollowUpStatus InitialStatus(PetitionResolution resolution) => resolution switch
    {
        PetitionResolution.AnsweredOnSpot => FollowUpStatus.Answered,
        PetitionResolution.Escalated => FollowUpStatus.Escalated,
        PetitionResolution.Assigned or PetitionResolution.WrittenAnswer => FollowUpStatus.InProgress,
        _ => FollowUpStatus.New,
    };
}

/// <summary>The items opened or refreshed from the closed meeting (each replaces the one with its id).</summary>
public sealed record FollowUpOpened(ImmutableList<FollowedPetition> Items) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => Items.Select(i => i.WithAnswerDue(dossier.WrittenAnswersDue)).Aggregate(dossier, (d, item) =>
        d.FindFollowed(item.PetitionId) is null ? d with { FollowUp = d.FollowUp.Add(item) } : d.UpdateFollowed(item.PetitionId, _ => item));
}

/// <summary>
/// A unit (its own items only) or the office moves a kiến nghị on: in progress, answered (the written answer is required)
/// or passed to a higher level (naming it). An answered or passed-up item does not go back to in progress.
/// </summary>
public sealed record RecordProgress(string PetitionId, FollowUpStatus Status, string? Text = null) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Followers;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindFollowed(dossier, PetitionId, out var item) is { } missing) return missing;
        if (FollowUpRules.CheckOwnUnit(context.Actor, item.ResponsibleUnit) is { } notOurs) return notOurs;
        if (item.ClosedAt is not null) return FollowUpRules.Closed;
        if (!Enum.IsDefined(Status) || Status == FollowUpStatus.New) return DomainError.Invalid("Trạng thái theo dõi không hợp lệ.");
        if (Meetings.Text.OptionalMultiline(Text, "Nội dung", FollowUpRules.NoteMax, out var note) is { } invalid) return invalid;
        if (Status is FollowUpStatus.Answered or FollowUpStatus.Escalated && note is null)
            return DomainError.Invalid(Status == FollowUpStatus.Answered ? "Hãy ghi nội dung trả lời bằng văn bản." : "Hãy ghi cơ quan cấp trên đã chuyển đến.");
        if (item.IsResolved && Status == FollowUpStatus.InProgress) return DomainError.State("Kiến nghị đã được giải quyết xong.");
        return new ProgressRecorded(item.PetitionId, Status, note);
    }
}

public sealed record ProgressRecorded(string PetitionId, FollowUpStatus Status, string? Note) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier.UpdateFollowed(PetitionId, p => p with
    {
        Status = Status,
        Answer = Status == FollowUpStatus.Answered ? Note : p.Answer,
        Started = true,
    });
}

/// <summary>After the meeting, the office gives a kiến nghị still to be answered to another unit, saying why.</summary>
public sealed record ReassignPetition(string PetitionId, string Unit, string Reason) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindFollowed(dossier, PetitionId, out var item) is { } missing) return missing;
        if (FollowUpRules.CheckUnresolved(item) is { } done) return done;
        if (Text.Required(Unit, "Đơn vị giải quyết", Text.ShortMax, out var unit) is { } e1) return e1;
        if (unit == item.ResponsibleUnit) return DomainError.Invalid($"Kiến nghị đã giao cho {unit}.");
        if (Text.RequiredMultiline(Reason, "Lý do giao lại", FollowUpRules.ReasonMax, out var reason) is { } e2) return e2;
        return new PetitionReassigned(item.PetitionId, item.ResponsibleUnit, unit, reason);
    }
}

public sealed record PetitionReassigned(string PetitionId, string? FromUnit, string Unit, string Reason) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        dossier.UpdateFollowed(PetitionId, p => p with { ResponsibleUnit = Unit, Started = true });
}

/// <summary>After the meeting, the office moves the deadline of a kiến nghị still to be answered, saying why.</summary>
public sealed record ChangeDeadline(string PetitionId, DateOnly Deadline, string Reason) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindFollowed(dossier, PetitionId, out var item) is { } missing) return missing;
        if (FollowUpRules.CheckUnresolved(item) is { } done) return done;
        if (item.ResponsibleUnit is null) return DomainError.State("Kiến nghị chưa giao đơn vị giải quyết: hãy giao đơn vị trước.");
        if (Deadline < context.Today) return DomainError.Invalid("Thời hạn giải quyết không được ở trong quá khứ.");
        if (Deadline == item.Deadline) return DomainError.Invalid($"Thời hạn đã là ngày {Deadline:dd/MM/yyyy}.");
        if (Text.RequiredMultiline(Reason, "Lý do đổi thời hạn", FollowUpRules.ReasonMax, out var reason) is { } invalid) return invalid;
        return new DeadlineChanged(item.PetitionId, item.Deadline, Deadline, reason);
    }
}

public sealed record DeadlineChanged(string PetitionId, DateOnly? From, DateOnly Deadline, string Reason) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        dossier.UpdateFollowed(PetitionId, p => p with { Deadline = Deadline, Started = true });
}

/// <summary>
/// The office records the day the conclusion notice was issued. The items given to a unit without a deadline must then be
/// answered in writing within 5 working days of it (seed 004, section 5), informing the chair, the citizen and the MTTQ:
/// that due date is computed here, on the host's holiday list, and flags them overdue after it. A wrong day may be corrected.
/// </summary>
public sealed record RecordNoticeIssued(DateOnly IssuedOn) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (meeting.Status != MeetingStatus.Closed) return DomainError.State("Hội nghị chưa kết thúc: chưa ban hành thông báo kết luận được.");
        if (IssuedOn < meeting.Info!.Day) return DomainError.Invalid("Ngày ban hành thông báo không được trước ngày hội nghị.");
        if (IssuedOn > context.Today) return DomainError.Invalid("Ngày ban hành thông báo không được ở tương lai.");
        if (IssuedOn == dossier.NoticeIssuedOn) return FollowUpDecision.Nothing;
        return new NoticeIssued(IssuedOn, WorkingCalendar.AddWorkingDays(IssuedOn, PetitionRules.WrittenAnswerWorkingDays, context.Holidays));
    }
}

public sealed record NoticeIssued(DateOnly IssuedOn, DateOnly WrittenAnswersDue) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with
    {
        NoticeIssuedOn = IssuedOn,
        WrittenAnswersDue = WrittenAnswersDue,
        FollowUp = [.. dossier.FollowUp.Select(p => p.WithAnswerDue(WrittenAnswersDue))],
    };
}

/// <summary>
/// The office records when the level above's HĐND next opens its regular session: the chairman's written report of the
/// meeting's results must reach it seven days before (seed 003: "trước ngày khai mạc kỳ họp thường kỳ gần nhất … bảy ngày").
/// </summary>
public sealed record SetCouncilSession(DateOnly OpensOn) : FollowUpCommand
{
    public const int DaysAhead = 7;

    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (OpensOn <= meeting.Info!.Day) return DomainError.Invalid("Kỳ họp HĐND cấp trên phải sau ngày hội nghị.");
        return OpensOn == dossier.CouncilSessionOn ? FollowUpDecision.Nothing : new CouncilSessionSet(OpensOn, OpensOn.AddDays(-DaysAhead));
    }
}

public sealed record CouncilSessionSet(DateOnly OpensOn, DateOnly ReportDue) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with { CouncilSessionOn = OpensOn, ResultsReportDue = ReportDue };
}

/// <summary>The office records the day the report of the meeting's results went to the level above.</summary>
public sealed record RecordResultsReported(DateOnly SentOn) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (meeting.Status != MeetingStatus.Closed) return DomainError.State("Hội nghị chưa kết thúc: chưa báo cáo kết quả được.");
        if (SentOn < meeting.Info!.Day || SentOn > context.Today) return DomainError.Invalid("Ngày gửi báo cáo phải từ ngày hội nghị đến hôm nay.");
        return SentOn == dossier.ResultsReportedOn ? FollowUpDecision.Nothing : new ResultsReported(SentOn);
    }
}

public sealed record ResultsReported(DateOnly SentOn) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with { ResultsReportedOn = SentOn };
}

/// <summary>
/// The office publishes the meeting's results (công khai: the conclusion notice and where each kiến nghị stands) on the
/// public page the commune portal links to, or takes them down. Only a closed meeting's, once its notice is issued.
/// </summary>
public sealed record SetPublication(bool Published) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (Published && meeting.Status != MeetingStatus.Closed) return DomainError.State("Hội nghị chưa kết thúc: chưa công khai kết quả được.");
        if (Published && dossier.NoticeIssuedOn is null) return DomainError.State("Hãy ghi ngày ban hành thông báo kết luận trước khi công khai.");
        return Published == dossier.IsPublished ? FollowUpDecision.Nothing : new PublicationSet(Published);
    }
}

public sealed record PublicationSet(bool Published) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with { PublishedAt = Published ? At : null };
}

/// <summary>
/// The answer of the higher level a kiến nghị was passed up to (văn bản đề xuất cấp có thẩm quyền), as the office received
/// it: until then the item stays followed; with it, the office may close it and the citizen is told.
/// </summary>
public sealed record RecordHigherLevelAnswer(string PetitionId, string Answer) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindFollowed(dossier, PetitionId, out var item) is { } missing) return missing;
        if (item.ClosedAt is not null) return FollowUpRules.Closed;
        if (item.Status != FollowUpStatus.Escalated) return DomainError.State("Kiến nghị chưa chuyển cấp trên giải quyết.");
        if (Text.RequiredMultiline(Answer, "Trả lời của cấp trên", FollowUpRules.NoteMax, out var answer) is { } invalid) return invalid;
        return answer == item.HigherLevelAnswer ? FollowUpDecision.Nothing : new HigherLevelAnswered(item.PetitionId, answer);
    }
}

public sealed record HigherLevelAnswered(string PetitionId, string Answer) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        dossier.UpdateFollowed(PetitionId, p => p with { HigherLevelAnswer = Answer, Started = true });
}

/// <summary>The office ends the follow-up of an answered or passed-up kiến nghị; nothing changes it afterwards.</summary>
public sealed record CloseFollowUp(string PetitionId, string? Note = null) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Office;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindFollowed(dossier, PetitionId, out var item) is { } missing) return missing;
        if (item.ClosedAt is not null) return FollowUpRules.Closed;
        if (!item.IsResolved) return DomainError.State("Chỉ kết thúc theo dõi kiến nghị đã trả lời hoặc đã chuyển cấp trên.");
        if (item.AwaitsHigherLevel) return DomainError.State("Kiến nghị đã chuyển cấp trên: hãy ghi trả lời của cấp trên trước khi kết thúc theo dõi.");
        if (Text.OptionalMultiline(Note, "Ghi chú", FollowUpRules.ReasonMax, out var note) is { } invalid) return invalid;
        return new FollowUpClosed(item.PetitionId, note);
    }
}

public sealed record FollowUpClosed(string PetitionId, string? Note) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        dossier.UpdateFollowed(PetitionId, p => p with { ClosedAt = At, Started = true });
}

/// <summary>
/// The first event of a dossier whose kiến nghị were stored before the dossier existed (by the records' old direct writes):
/// what the records held, taken over as it was. Written by the store, never by a command; its author is unknown.
/// </summary>
public sealed record RecordsAdopted(ImmutableList<PreMeetingItem> PreMeeting, ImmutableList<FollowedPetition> FollowUp) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with
    {
        PreMeeting = PreMeeting,
        FollowUp = FollowUp,
        PreMeetingNumbered = PreMeeting.Select(p => int.TryParse(p.Number.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max(),
    };
}
