using System.Text.Json;
using LiveSession.Client;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Survey;
using LiveSession.Domain.Views;

namespace LiveSession.Hub.Live;

/// <summary>
/// The C# facts the participant page's script needs — what its forms may hold, the survey's scores, the words for a
/// question's status and for who has the floor, the parts of the public view — served as one JSON document at
/// <see cref="Path"/> and read by the script before it starts: the script keeps no hand-typed twin of any of them.
/// </summary>
public sealed record ParticipantFacts(
    ParticipantLimits Limits,
    string PhotoTooLarge,
    string PhoneInvalid,
    IReadOnlyList<string> Scores,
    IReadOnlyDictionary<string, string> QuestionStatuses,
    IReadOnlyDictionary<string, string> FloorLabels,
    IReadOnlyList<string> ViewParts,
    int KeptCaptions,
    RequestedMinutes RequestedMinutes)
{
    public const string Path = "/api/participant-facts";

    public static ParticipantFacts Current { get; } = new(
        new ParticipantLimits(
            Name: Text.NameMax, Locality: Text.ShortMax, Phone: Text.PhoneMax, PhoneMinDigits: Text.PhoneMinDigits,
            PhoneMaxDigits: Text.PhoneMaxDigits, Topic: Text.TitleMax, Question: QuestionRules.TextMax,
            Comment: SurveyRules.CommentMax, PhotoBytes: Attachments.MaxBytes),
        Attachments.TooLarge.Message,
        Text.PhoneInvalid.Message,
        SurveyWording.SatisfactionLabels,
        ByWireName<QuestionStatus>(ViewLabels.AskerQuestionStatus),
        ByWireName<TurnKind>(ViewLabels.Floor),
        PublicViewDelta.Parts,
        MeetingConnection.KeptCaptions,
        new RequestedMinutes(QueueRules.MaxMinutesAskedOnline, QueueRules.DefaultMinutes));

    /// <summary>Each value of <typeparamref name="TEnum"/> by the name it has on the wire (camelCase, as <see cref="DomainJson"/> writes it).</summary>
    public static IReadOnlyDictionary<string, string> ByWireName<TEnum>(Func<TEnum, string> label) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), label, StringComparer.Ordinal);
}

/// <summary>The minutes a participant may ask to speak (1 to <paramref name="Max"/>) and the choice offered first.</summary>
public sealed record RequestedMinutes(int Max, int Default);

/// <summary>The longest each field of the participant's forms may be (characters; the photo in bytes), and a phone's digits.</summary>
public sealed record ParticipantLimits(
    int Name, int Locality, int Phone, int PhoneMinDigits, int PhoneMaxDigits, int Topic, int Question, int Comment, long PhotoBytes);
