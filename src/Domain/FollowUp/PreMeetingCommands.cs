using System.Collections.Immutable;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.FollowUp;

/// <summary>
/// Enters or imports kiến nghị collected before the meeting, all or nothing, by <see cref="PreMeetingPetitions.Check"/>
/// against the live meeting (its status and cut-off); they are numbered "tn1", "tn2"… in the order entered.
/// </summary>
public sealed record AddPreMeetingPetitions(IReadOnlyList<PreMeetingPetition> Entries) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Collectors;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        if (PreMeetingPetitions.Check(meeting, Entries, context.Today, out var accepted) is { } error) return error;
        if (dossier.PreMeeting.Count + accepted.Count > PetitionRules.MaxPetitions)
            return DomainError.State($"Đã đạt giới hạn {PetitionRules.MaxPetitions} kiến nghị.");
        var next = dossier.PreMeetingNumbered;
        return new PreMeetingPetitionsAdded([.. accepted.Select(e => new PreMeetingItem($"tn{++next}", e.CitizenName, e.Locality, e.Summary,
            e.Field, e.Source, e.Collector, e.ReceivedOn, e.PreparingUnit, context.Now))]);
    }
}

public sealed record PreMeetingPetitionsAdded(ImmutableList<PreMeetingItem> Items) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) => dossier with
    {
        PreMeeting = dossier.PreMeeting.AddRange(Items),
        PreMeetingNumbered = dossier.PreMeetingNumbered + Items.Count,
    };
}

/// <summary>
/// The unit given a pre-meeting item enters (or corrects) the answer to be read at the meeting; only that unit, and only
/// until the item is in the meeting (then the minutes hold the answer).
/// </summary>
public sealed record PrepareAnswer(string Number, string Answer) : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Units;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.FindPreMeeting(dossier, Number, out var item) is { } missing) return missing;
        if (FollowUpRules.CheckOwnUnit(context.Actor, item.PreparingUnit) is { } notOurs) return notOurs;
        if (FollowUpRules.IsTaken(item, context.Meeting))
            return DomainError.State("Kiến nghị đã được đưa vào hội nghị; nội dung trả lời không sửa ở đây nữa.");
        if (Text.RequiredMultiline(Answer, "Nội dung trả lời", PetitionRules.AnswerMax, out var answer) is { } invalid) return invalid;
        return new AnswerPrepared(item.Number, answer);
    }
}

public sealed record AnswerPrepared(string Number, string Answer) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        dossier.UpdatePreMeeting(Number, p => p with { PreparedAnswer = Answer, AnsweredBy = By?.Label, AnsweredAt = At });
}

/// <summary>
/// Records which pre-meeting items the meeting took in. The live meeting owns that step (its <c>ImportRegistrations</c>
/// carries each item's number and refuses one taken before); this command only reads it from the meeting's state, so it
/// may run any number of times, after a crash too, and takes nothing twice. Nothing new to record is no change.
/// </summary>
public sealed record TakeIntoMeeting : FollowUpCommand
{
    public override IReadOnlySet<Holder> AllowedHolders => FollowUpRules.Collectors;

    internal override FollowUpDecision Decide(PetitionDossier dossier, FollowUpContext context)
    {
        if (FollowUpRules.RequireMeeting(dossier, context, out var meeting) is { } missing) return missing;
        var taken = dossier.PreMeeting
            .Where(p => p.TakenAt is null)
            .Select(p => (Item: p, Petition: PetitionRules.FromPreMeeting(meeting, p.Number)))
            .Where(t => t.Petition is not null)
            .Select(t => new TakenItem(t.Item.Number, t.Petition!.Id))
            .ToImmutableList();
        return taken.IsEmpty ? FollowUpDecision.Nothing : new PreMeetingPetitionsTaken(taken);
    }
}

/// <summary>A pre-meeting item and the meeting's kiến nghị it became.</summary>
public sealed record TakenItem(string Number, string PetitionId);

public sealed record PreMeetingPetitionsTaken(ImmutableList<TakenItem> Items) : FollowUpEvent
{
    internal override PetitionDossier Apply(PetitionDossier dossier) =>
        Items.Aggregate(dossier, (d, taken) => d.UpdatePreMeeting(taken.Number, p => p with { TakenAt = At, TakenAs = taken.PetitionId }));
}
