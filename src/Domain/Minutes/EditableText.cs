using System.Collections.Immutable;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Minutes;

/// <summary>One saved version of a text the secretaries edit: what, by whom, when.</summary>
public sealed record TextEdit(int Revision, string Text, string Editor, DateTimeOffset At);

/// <summary>
/// A text edited by people (a turn's corrected transcript, a step's notes): the current text, its
/// revision and every earlier version. An edit names the revision it started from, so two people
/// editing the same text get a conflict instead of silently overwriting each other.
/// </summary>
public sealed record EditableText
{
    public static EditableText Empty { get; } = new();

    public string? Text { get; init; }
    public int Revision { get; init; }
    public ImmutableList<TextEdit> History { get; init; } = [];

    /// <summary>Refuses an edit that did not start from the current revision.</summary>
    internal DomainError? CheckBase(int baseRevision, string what) =>
        baseRevision == Revision
            ? null
            : new DomainError("edit_conflict",
                $"{what} vừa được người khác sửa (bản {Revision}, bạn sửa từ bản {baseRevision}). Bản mới đã hiện ra; hãy xem và sửa lại.");

    internal EditableText With(string text, string editor, DateTimeOffset at) => new()
    {
        Text = text,
        Revision = Revision + 1,
        History = History.Add(new TextEdit(Revision + 1, text, editor, at)),
    };
}

internal static class Editors
{
    public const int NameMax = Text.NameMax;

    /// <summary>Who made an edit: the name they gave, else their role.</summary>
    public static DomainError? Check(string? name, Actor actor, out string editor)
    {
        editor = RoleNames.Vietnamese(actor.Role);
        if (Text.Optional(name, "Tên người sửa", NameMax, out var given) is { } error) return error;
        if (given is not null) editor = $"{given} ({editor})";
        return null;
    }
}
