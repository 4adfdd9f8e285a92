namespace LiveSession.Moderator.Console;

/// <summary>What a key does on the chair's console.</summary>
public enum ChairAction
{
    CallNext, ToggleTimer, Extend30, StopTurn, SelectPrevious, SelectNext, MoveSelectedUp, MoveSelectedDown, CallSelected,
    NextStep, PreviousStep, InviteOfficial, Cancel, ToggleHelp,
    StartMeeting, ApproveNextRequest, GiveFollowUp, Interject, ToggleList,
}

/// <summary>The chair console's keyboard map, shown in the help overlay.</summary>
public static class ChairShortcuts
{
    /// <summary>Every key the console listens to; the browser passes only these on.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["n", "N", " ", "+", "=", "s", "S", "]", "[", "Enter", "Escape", "?", "ArrowUp", "ArrowDown",
         "b", "B", "a", "A", "f", "F", "i", "I", "l", "L", .. Digits];

    private static IEnumerable<string> Digits => Enumerable.Range(1, 9).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ChairAction? Resolve(string key, bool shift) => key switch
    {
        "n" or "N" => ChairAction.CallNext,
        " " => ChairAction.ToggleTimer,
        "+" or "=" => ChairAction.Extend30,
        "s" or "S" => ChairAction.StopTurn,
        "ArrowUp" => shift ? ChairAction.MoveSelectedUp : ChairAction.SelectPrevious,
        "ArrowDown" => shift ? ChairAction.MoveSelectedDown : ChairAction.SelectNext,
        "Enter" => ChairAction.CallSelected,
        "]" => ChairAction.NextStep,
        "[" => ChairAction.PreviousStep,
        [>= '1' and <= '9'] => ChairAction.InviteOfficial,
        "Escape" => ChairAction.Cancel,
        "?" => ChairAction.ToggleHelp,
        "b" or "B" => ChairAction.StartMeeting,
        "a" or "A" => ChairAction.ApproveNextRequest,
        "f" or "F" => ChairAction.GiveFollowUp,
        "i" or "I" => ChairAction.Interject,
        "l" or "L" => ChairAction.ToggleList,
        _ => null,
    };

    public static IReadOnlyList<(string Keys, string Meaning)> Help { get; } =
    [
        ("N", "Mời người tiếp theo"),
        ("Space", "Bắt đầu / tạm dừng đồng hồ"),
        ("+", "Thêm 30 giây"),
        ("S", "Dừng lượt phát biểu"),
        ("↑ / ↓", "Chọn người trong danh sách"),
        ("Shift + ↑ / ↓", "Chuyển người đã chọn lên / xuống"),
        ("Enter", "Mời người đã chọn phát biểu"),
        ("1 … 9", "Mời cán bộ số 1 … 9 trả lời lượt đã chọn ở \"Trả lời cho lượt\" (mặc định: lượt vừa nói)"),
        ("F", "Cho người vừa được trả lời hỏi tiếp"),
        ("I", "Chủ trì phát biểu xen (thời gian đặt ở ô \"Phát biểu xen\"); lượt đang nói tạm dừng và được nói tiếp khi chủ trì dừng"),
        ("A", "Duyệt yêu cầu phát biểu trực tuyến đầu tiên đang chờ"),
        ("L", "Đóng / mở lại danh sách đăng ký"),
        ("B", "Bắt đầu hội nghị"),
        ("] / [", "Bước tiếp / quay lại bước trước của chương trình"),
        ("Esc", "Bỏ chọn, đóng hướng dẫn, rời ô nhập"),
        ("?", "Hiện / ẩn hướng dẫn phím tắt"),
    ];
}
