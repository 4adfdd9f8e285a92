using System.Collections.Immutable;
using LiveSession.Domain.Agenda;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Survey;

namespace LiveSession.Domain.Meetings;

/// <summary>Định kỳ / chuyên đề / đột xuất.</summary>
public enum MeetingKind { Periodic, Thematic, AdHoc }

/// <summary>Trực tiếp / trực tuyến / kết hợp.</summary>
public enum MeetingForm { InPerson, Online, Hybrid }

public enum MeetingStatus { Scheduled, InProgress, Closed }

/// <summary>
/// What the plan says about a meeting (hội nghị đối thoại). The chair and the secretary are each a person's name and,
/// apart, their job title (chức vụ); meetings stored before the titles existed have none.
/// </summary>
public sealed record MeetingInfo(
    string Title,
    MeetingKind Kind,
    MeetingForm Form,
    string Venue,
    DateTimeOffset ScheduledStart,
    string ChairName,
    string SecretaryName,
    DateOnly? NoticeDate = null,
    string? ChairTitle = null,
    string? SecretaryTitle = null)
{
    /// <summary>The meeting's day in Vietnam.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly Day => DateOnly.FromDateTime(ScheduledStart.ToOffset(TimeSpan.FromHours(7)).DateTime);
}

/// <summary>
/// The whole live state of one meeting: a fold of its events. Immutable; every change is an event
/// applied by <see cref="Decider.Evolve"/>, and <see cref="Version"/> counts the events applied.
/// </summary>
public sealed record MeetingState
{
    public static MeetingState Empty(string id) => new() { Id = id };

    public required string Id { get; init; }
    public long Version { get; init; }
    public MeetingInfo? Info { get; init; }
    /// <summary>The office the meeting belongs to (set once, by the admin key that created it); null for the installation's own.</summary>
    public string? Office { get; init; }
    public MeetingStatus Status { get; init; } = MeetingStatus.Scheduled;
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>When the secretary recorded that the biên bản was signed; null until then.</summary>
    public DateTimeOffset? MinutesSignedAt { get; init; }

    public ImmutableList<AgendaItem> Agenda { get; init; } = [];
    public string? CurrentAgendaItemId { get; init; }
    public int AgendaItemsCreated { get; init; }

    /// <summary>Every registration to speak, in the order they were made.</summary>
    public ImmutableList<Speaker> Speakers { get; init; } = [];
    /// <summary>Ids of the queued speakers, in speaking order.</summary>
    public ImmutableList<string> Queue { get; init; } = [];
    public bool ListClosed { get; init; }
    /// <summary>How many online requests to speak may wait for approval at once (the chair can raise it).</summary>
    public int PendingRequestLimit { get; init; } = QueueRules.DefaultPendingRequestLimit;

    /// <summary>Every time someone had the floor, in order (lượt phát biểu).</summary>
    public ImmutableList<Turn> Turns { get; init; } = [];
    /// <summary>Who has the floor now, with the speaking timer.</summary>
    public FloorState? Floor { get; init; }
    /// <summary>The turn the chair's interjection interrupted; it resumes when the interjection ends. Null otherwise.</summary>
    public SuspendedTurn? Suspended { get; init; }
    /// <summary>The chair's own turn, open while nobody else holds the floor (<see cref="ChairFloor"/>); null otherwise.</summary>
    public string? ChairTurnId { get; init; }
    /// <summary>The registration of the last citizen whose turn ended (for "re-add the last speaker").</summary>
    public string? LastSpeakerId { get; init; }

    /// <summary>Officials who may be invited to answer (Phó Chủ tịch, Công an xã, Địa chính…).</summary>
    public ImmutableList<Official> Officials { get; init; } = [];
    public int OfficialsCreated { get; init; }

    /// <summary>The meeting's thôn / tổ dân phố, offered when registering a speaker.</summary>
    public ImmutableList<string> Localities { get; init; } = [];

    /// <summary>Thành phần tham dự: quotas per thôn / tổ dân phố and organisation; null until set.</summary>
    public Composition? Composition { get; init; }

    /// <summary>The last day petitions collected before the meeting are taken in; null: the day before the meeting.</summary>
    public DateOnly? PetitionCutoff { get; init; }

    /// <summary>The minutes of each turn: machine transcript and corrected text, by turn id.</summary>
    public ImmutableDictionary<string, TurnMinutes> Minutes { get; init; } = ImmutableDictionary<string, TurnMinutes>.Empty;
    /// <summary>The secretary's notes on each agenda step, by step id.</summary>
    public ImmutableDictionary<string, EditableText> StepNotes { get; init; } = ImmutableDictionary<string, EditableText>.Empty;
    public ImmutableList<AttendanceLine> Attendance { get; init; } = [];
    /// <summary>Who checked in at the desk, by group; empty in meetings held before the check-in.</summary>
    public ImmutableList<CheckInCount> CheckIns { get; init; } = [];
    /// <summary>Every kiến nghị, raised in a turn or collected before the meeting, with its answer and resolution.</summary>
    public ImmutableList<Petition> Petitions { get; init; } = [];
    /// <summary>Petitions ever created, so that ids stay unique after removals.</summary>
    public int PetitionsCreated { get; init; }
    public PaperworkDetails? Paperwork { get; init; }

    public TurnMinutes MinutesOf(string turnId) => Minutes.GetValueOrDefault(turnId) ?? TurnMinutes.Empty;
    public Petition? FindPetition(string id) => Petitions.Find(p => p.Id == id);

    internal MeetingState UpdateMinutes(string turnId, Func<TurnMinutes, TurnMinutes> change) =>
        this with { Minutes = Minutes.SetItem(turnId, change(MinutesOf(turnId))) };

    internal MeetingState AddPetition(Petition petition) =>
        this with { Petitions = Petitions.Add(petition), PetitionsCreated = PetitionsCreated + 1 };

    internal MeetingState UpdatePetition(string id, Func<Petition, Petition> change)
    {
        var index = Petitions.FindIndex(p => p.Id == id);
        return this with { Petitions = Petitions.SetItem(index, change(Petitions[index])) };
    }

    /// <summary>Generation of each role's secret link; rotating a link makes older ones invalid.</summary>
    public ImmutableDictionary<Role, int> LinkGenerations { get; init; } = ImmutableDictionary<Role, int>.Empty;

    /// <summary>Written questions and petitions (câu hỏi, kiến nghị bằng văn bản), in the order they were sent.</summary>
    public ImmutableList<Question> Questions { get; init; } = [];
    /// <summary>The approved question shown on the hall screen, if any.</summary>
    public string? ScreenQuestionId { get; init; }

    /// <summary>The satisfaction survey; null until it is first opened.</summary>
    public SurveyState? Survey { get; init; }

    public bool Exists => Info is not null;

    public AgendaItem? CurrentAgendaItem => CurrentAgendaItemId is null ? null : Agenda.Find(a => a.Id == CurrentAgendaItemId);
    public Speaker? FindSpeaker(string id) => Speakers.Find(s => s.Id == id);
    public Turn? FindTurn(string id) => Turns.Find(t => t.Id == id);
    public Official? FindOfficial(string id) => Officials.Find(o => o.Id == id);
    public Turn? CurrentTurn => Floor is null ? null : FindTurn(Floor.TurnId);

    /// <summary>The turns that are not the chair's floor between turns: the ones a person was given (and numbered "t…").</summary>
    public IEnumerable<Turn> GivenTurns => Turns.Where(t => t.Kind != TurnKind.Chair);

    /// <summary>The turn that had the floor at <paramref name="at"/> (the latest one started by then and not yet ended).</summary>
    public Turn? TurnAt(DateTimeOffset at) => Turns.FindLast(t => t.StartedAt <= at && (t.EndedAt is not { } end || at < end));

    /// <summary>The online participant who speaks in <paramref name="turn"/>; null for a hall speaker, an official or the chair.</summary>
    public string? OnlineParticipantOf(Turn? turn) =>
        turn?.SpeakerId is { } id && FindSpeaker(id) is { Channel: Channel.Online, ParticipantId: { } participant } ? participant : null;
    public int LinkGeneration(Role role) => LinkGenerations.GetValueOrDefault(role);

    internal MeetingState UpdateSpeaker(string id, Func<Speaker, Speaker> change)
    {
        var index = Speakers.FindIndex(s => s.Id == id);
        return this with { Speakers = Speakers.SetItem(index, change(Speakers[index])) };
    }

    internal MeetingState UpdateTurn(string id, Func<Turn, Turn> change)
    {
        var index = Turns.FindIndex(t => t.Id == id);
        return this with { Turns = Turns.SetItem(index, change(Turns[index])) };
    }

    internal MeetingState UpdateAgendaItem(string id, Func<AgendaItem, AgendaItem> change)
    {
        var index = Agenda.FindIndex(a => a.Id == id);
        return this with { Agenda = Agenda.SetItem(index, change(Agenda[index])) };
    }

    public Question? FindQuestion(string id) => Questions.Find(q => q.Id == id);

    internal MeetingState UpdateQuestion(string id, Func<Question, Question> change)
    {
        var index = Questions.FindIndex(q => q.Id == id);
        return this with { Questions = Questions.SetItem(index, change(Questions[index])) };
    }
}
