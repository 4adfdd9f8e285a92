using System.Security.Cryptography;
using System.Text.Json;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Files;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Live;

/// <summary>What is known of an uploaded photo: its sniffed type, size and who sent it.</summary>
public sealed record AttachmentInfo(string Id, string MeetingId, string? ParticipantId, string ContentType, long Length, DateTimeOffset UploadedAt);

/// <summary>
/// Photos attached to written questions, stored under the data directory with a random id
/// (attachments/{meetingId}/{id}.bin, encrypted: <see cref="FilesAtRest"/>, beside its {id}.json); <see cref="Domain.Questions.SubmitQuestion.AttachmentId"/> refers to it.
/// Only images whose first bytes say so are kept, whatever the sender claims.
/// </summary>
public sealed class Attachments(IOptions<LiveSessionOptions> options, TimeProvider clock, FilesAtRest files)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerMeeting = 1000;
    /// <summary>All photos of one meeting together, so fake identities cannot fill the disk.</summary>
    public const long MaxBytesPerMeeting = 1024L * 1024 * 1024;

    private string Folder(string meetingId) =>
        Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "attachments", meetingId);

    public static DomainError TooLarge { get; } = new("attachment_too_large", "Ảnh lớn quá 5 MB. Hãy chọn ảnh nhỏ hơn.");
    public static DomainError MeetingFull { get; } = new("attachments_full", "Hội nghị đã nhận đủ ảnh đính kèm; hãy gửi câu hỏi không kèm ảnh.");
    private static DomainError Invalid(string message) => new("invalid_attachment", message);

    /// <summary>Stores a photo; returns its info, or why it was refused.</summary>
    public async Task<(AttachmentInfo? Info, DomainError? Error)> SaveAsync(string meetingId, string? participantId, Stream body, CancellationToken cancellationToken)
    {
        if (!IsSafeId(meetingId)) return (null, Invalid("Hội nghị không hợp lệ."));
        var folder = Folder(meetingId);
        Directory.CreateDirectory(folder);
        var stored = new DirectoryInfo(folder).EnumerateFiles("*.bin").Take(MaxPerMeeting + 1).ToList();
        if (stored.Count >= MaxPerMeeting || stored.Sum(f => f.Length) + MaxBytes > MaxBytesPerMeeting)
            return (null, MeetingFull);

        // Read at most one byte past the limit, so an oversized body is known without reading it all.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return (null, TooLarge);
        }
        if (buffer.Length == 0) return (null, Invalid("Tệp ảnh trống."));
        if (Sniff(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 64))) is not { } contentType)
            return (null, Invalid("Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC."));

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var info = new AttachmentInfo(id, meetingId, participantId, contentType, buffer.Length, clock.GetUtcNow());
        await files.CreateAsync(ContentPath(info), NameOf(info), buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, id + ".json"), JsonSerializer.Serialize(info), cancellationToken);
        return (info, null);
    }

    public async Task<AttachmentInfo?> FindAsync(string meetingId, string? id)
    {
        if (!IsSafeId(meetingId) || id is null || !IsSafeId(id)) return null;
        var path = Path.Combine(Folder(meetingId), id + ".json");
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<AttachmentInfo>(await File.ReadAllTextAsync(path));
    }

    /// <summary>Where the photo is on disk, encrypted (read it with <see cref="OpenContent"/>).</summary>
    public string ContentPath(AttachmentInfo info) => Path.Combine(Folder(info.MeetingId), info.Id + ".bin");

    /// <summary>The photo's bytes, decrypted as read (seekable); null when its file is gone.</summary>
    /// <exception cref="FileTamperedException">The file was altered (all of it is checked first: 5 MB at most), or was written with another key ring.</exception>
    public Stream? OpenContent(AttachmentInfo info) => files.OpenRead(ContentPath(info), NameOf(info), checkWhole: true);

    private static string NameOf(AttachmentInfo info) => $"attachments/{info.MeetingId}/{info.Id}";

    private static bool IsSafeId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The image type its first bytes show, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "hevc" or "heim" or "heis" or "mif1" or "msf1") return "image/heic";
        }
        return null;
    }
}
