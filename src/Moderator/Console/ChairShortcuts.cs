namespace LiveSession.Moderator.Console;

/// <summary>What a key does on the chair's console.</summary>
public enum ChairAction { CallNext, ToggleTimer, Extend30, SelectPrevious, SelectNext, MoveSelectedUp, MoveSelectedDown, CallSelected, Cancel, ToggleHelp }

/// <summary>The chair console's keyboard map, shown in the help overlay.</summary>
public static class ChairShortcuts
{
    public static ChairAction? Resolve(string key, bool shift) => key switch
    {
        "n" or "N" => ChairAction.CallNext,
        " " => ChairAction.ToggleTimer,
        "+" or "=" => ChairAction.Extend30,
        "ArrowUp" => shift ? ChairAction.MoveSelectedUp : ChairAction.SelectPrevious,
        "ArrowDown" => shift ? ChairAction.MoveSelectedDown : ChairAction.SelectNext,
        "Enter" => ChairAction.CallSelected,
        "Escape" => ChairAction.Cancel,
        "?" => ChairAction.ToggleHelp,
        _ => null,
    };

    public static IReadOnlyList<(string Keys, string Meaning)> Help { get; } =
    [
        ("N", "Mời người tiếp theo"),
        ("Space", "Bắt đầu / tạm dừng đồng hồ"),
        ("+", "Thêm 30 giây"),
        ("↑ / ↓", "Chọn người trong danh sách"),
        ("Shift + ↑ / ↓", "Chuyển người đã chọn lên / xuống"),
        ("Enter", "Mời người đã chọn phát biểu"),
        ("Esc", "Bỏ chọn, đóng hướng dẫn"),
        ("?", "Hiện / ẩn hướng dẫn phím tắt"),
    ];
}
