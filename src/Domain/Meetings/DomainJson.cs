using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LiveSession.Domain.Meetings;

/// <summary>
/// The one JSON shape of commands, events and state, for Redis, SignalR and files alike.
/// Commands and events carry a "type" discriminator: the type's name in camelCase.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the domain's converters and type discriminators to a set of options (e.g. SignalR's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddDerivedTypes, OmitCommandRules } };
        options.MaxDepth = 32;
        // Clients may put "type" anywhere in the object, not only first.
        options.AllowOutOfOrderMetadataProperties = true;
        return options;
    }

    public static IReadOnlyDictionary<string, Type> CommandTypes { get; } = DerivedTypesOf(typeof(MeetingCommand));
    public static IReadOnlyDictionary<string, Type> EventTypes { get; } = DerivedTypesOf(typeof(MeetingEvent));
    private static readonly IReadOnlyDictionary<Type, string> EventNames = EventTypes.ToDictionary(e => e.Value, e => e.Key);
    /// <summary>The events of the kiến nghị follow-up dossier (<see cref="FollowUp.PetitionDossier"/>), stored by the records.</summary>
    public static IReadOnlyDictionary<string, Type> FollowUpEventTypes { get; } = DerivedTypesOf(typeof(FollowUp.FollowUpEvent));
    private static readonly IReadOnlyDictionary<Type, string> FollowUpEventNames = FollowUpEventTypes.ToDictionary(e => e.Value, e => e.Key);

    /// <summary>An event's type as its JSON names it ("speakerCalled").</summary>
    public static string EventName(MeetingEvent @event) => EventNames[@event.GetType()];

    /// <summary>A follow-up event's type as its JSON names it ("answerPrepared").</summary>
    public static string EventName(FollowUp.FollowUpEvent @event) => FollowUpEventNames[@event.GetType()];

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Parses a command sent by a client; a malformed or unknown one yields an error, not an exception.</summary>
    public static MeetingCommand? ParseCommand(JsonElement json, out DomainError? error)
    {
        error = null;
        try
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                error = DomainError.Invalid("Lệnh thiếu trường \"type\".");
            else if (!CommandTypes.ContainsKey(type.GetString()!))
                error = DomainError.Invalid($"Lệnh không được hỗ trợ: \"{Shorten(type.GetString()!)}\".");
            else
                return json.Deserialize<MeetingCommand>(Options) ?? throw new JsonException("null command");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            error = DomainError.Invalid("Lệnh không đúng định dạng.");
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static void AddDerivedTypes(JsonTypeInfo info)
    {
        var derived = info.Type == typeof(MeetingCommand) ? CommandTypes
            : info.Type == typeof(MeetingEvent) ? EventTypes
            : info.Type == typeof(FollowUp.FollowUpEvent) ? FollowUpEventTypes
            : null;
        if (derived is null) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "type",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (name, type) in derived)
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, name));
    }

    /// <summary>Who may send a command is the server's business, not part of what a client sends.</summary>
    private static void OmitCommandRules(JsonTypeInfo info)
    {
        if (!info.Type.IsSubclassOf(typeof(MeetingCommand))) return;
        foreach (var rule in info.Properties.Where(p => p.Name is "allowedRoles" or "requiresMeetingInProgress" or "allowedAfterClose" or "actingPerson").ToList())
            info.Properties.Remove(rule);
    }

    private static IReadOnlyDictionary<string, Type> DerivedTypesOf(Type baseType) =>
        typeof(DomainJson).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(baseType))
            .ToDictionary(t => JsonNamingPolicy.CamelCase.ConvertName(t.Name));
}
