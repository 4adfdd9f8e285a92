namespace LiveSession.Hub.Files;

/// <summary>The answer when a stored recording or photo cannot be decrypted: never garbage, a reason for the operator.</summary>
public static partial class UnreadableFile
{
    public const string Message =
        "Tệp đã lưu không đọc được: tệp đã bị sửa đổi hoặc hỏng, hoặc máy chủ không có đúng khóa giải mã. Quản trị viên xem nhật ký của máy chủ.";

    public static IResult Refuse(HttpContext http, FileTamperedException error)
    {
        Log(http.RequestServices.GetRequiredService<ILogger<FilesAtRest>>(), error.Name, error);
        return Results.Problem(Message, statusCode: StatusCodes.Status500InternalServerError, title: "file_unreadable");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused to serve the stored file {Name}: it cannot be decrypted")]
    private static partial void Log(ILogger logger, string name, Exception error);
}
