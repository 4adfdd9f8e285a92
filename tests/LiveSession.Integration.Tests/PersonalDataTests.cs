using System.Text;
using DocumentFormat.OpenXml.Packaging;
using LiveSession.Domain.FollowUp;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Domain.Queue;
using LiveSession.Domain.Questions;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Live;
using LiveSession.Hub.Privacy;
using LiveSession.Paperwork;
using LiveSession.Records;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Citizens' personal data after the meeting: the retention job on a controlled clock, and a person's request (find, export,
/// delete) across two meetings, every store checked (records database, Redis, files) and the signed documents unchanged.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PersonalDataTests(RedisServer redis) : HostTest(redis)
{
    private const string Unit = "Công chức Địa chính";
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat((byte)7, 200)];

    private MeetingRecords Records => Host.Services.GetRequiredService<MeetingRecords>();
    private IDatabase Db => Host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    /// <summary>
    /// A closed and archived meeting where <paramref name="speaker"/> (with a phone) spoke, has a recording and a kiến nghị assigned
    /// to <see cref="Unit"/>, and <paramref name="asker"/> sent a question with a photo and a phone number from the desk.
    /// </summary>
    private async Task<(string Id, string Photo)> ArchivedMeetingAsync(string speaker, string speakerPhone, string asker, string askerPhone)
    {
        var id = await Host.CreateMeetingAsync();
        var (photo, error) = await Host.Services.GetRequiredService<Attachments>().SaveAsync(id, null, new MemoryStream(Jpeg), default);
        Assert.Null(error);
        await using (var chair = await Host.ConnectAsync(id, Role.Chair))
        await using (var desk = await Host.ConnectAsync(id, Role.Organizer))
        {
            Assert.True((await desk.ExecuteAsync(new SubmitQuestion(asker, "Thôn Đông", "Khi nào sửa đường liên thôn?", null, photo!.Id, askerPhone))).Ok);
            foreach (var command in new MeetingCommand[]
                     {
                         new RegisterSpeaker(speaker, "Thôn Tây", Topic: "Đất đai", Phone: speakerPhone), new CallNext(), new EndTurn(),
                         new MarkPetition("t1", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
                         new ResolvePetition("k1", PetitionResolution.Assigned, Unit, Host.Clock.VietnamToday().AddDays(10)), new CloseMeeting(),
                     })
                Assert.True((await chair.ExecuteAsync(command)).Ok, command.GetType().Name);
        }
        Assert.True(await Host.Services.GetRequiredService<TurnRecordings>().AppendAsync(id, "t1", new byte[3200], default));
        await Eventually.TrueAsync(async () => (await Records.FindAsync(id))?.Petitions.Count == 1, "the closed meeting is archived");
        return (id, photo.Id);
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> SignedAsync(string id)
    {
        var state = await Records.StateAsync(id);
        return SignedDocuments.Parts(state!, new HashSet<DateOnly>(), state!.Info!.Day);
    }

    private static void AssertSame(IReadOnlyDictionary<string, byte[]> before, IReadOnlyDictionary<string, byte[]> after)
    {
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (part, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[part]), $"{part} changed");
    }

    private static readonly string[] Syllables = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Vinh"];

    /// <summary>
    /// A name and phone no other test uses: the meetings of the whole collection share one Redis, and a person's request
    /// rightly finds them all (a running meeting of another test with the same name would be left unchanged).
    /// </summary>
    private static (string Name, string Phone) UniquePerson(string family) =>
        ($"{family} {string.Join(' ', Enumerable.Range(0, 3).Select(_ => Syllables[Random.Shared.Next(Syllables.Length)]))}",
         $"09{Random.Shared.NextInt64(10_000_000, 100_000_000)}");

    /// <summary>How the office's audit names a person: initials and the phone's last three digits.</summary>
    private static string Masked(string name, string phone) => $"{string.Concat(name.Split(' ').Select(w => $"{w[0]}."))} ***{phone[^3..]}";

    private string DataPath(params string[] parts) => Path.Combine([Path.GetFullPath(Path.Combine(Redis.Directory, "host-data")), .. parts]);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new(DomainJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Readable);

    /// <summary>The archived state and events as readable JSON.</summary>
    private async Task<string> ArchivedJsonAsync(string id) =>
        (await Records.StateAsync(id) is { } s ? Json(s) : "") + string.Concat((await Records.EventsAsync(id)).Select(e => Json(e.Event)));

    [Fact]
    public async Task The_retention_job_past_each_period_removes_the_data_from_every_store_and_leaves_the_signed_documents_unchanged()
    {
        var (id, photo) = await ArchivedMeetingAsync("Trần Thị Bình", "0912 345 678", "Hoàng Văn Em", "0977000111");
        var archivedAt = (await Records.FindAsync(id))!.ArchivedAt;
        var signed = await SignedAsync(id);
        var job = Host.Services.GetRequiredService<RetentionJob>();
        Assert.True(File.Exists(DataPath("audio", id, "t1.pcm")));
        Assert.True(File.Exists(DataPath("attachments", id, photo + ".bin")));

        // Before any period ends nothing goes.
        await job.RunOnceAsync(archivedAt + TimeSpan.FromDays(29));
        Assert.True(File.Exists(DataPath("audio", id, "t1.pcm")));
        Assert.True(await Db.KeyExistsAsync($"ls:{{{id}}}:state"));

        // Past the live copy's 30 days and the files' 90: the Redis copy and the files go; the kiến nghị is still followed, so the phones stay.
        var late = await job.RunOnceAsync(archivedAt + TimeSpan.FromDays(91));
        Assert.True(late is { Meetings: >= 1, Recordings: >= 1, Photos: >= 1, LiveCopies: >= 1 }, late.ToString());
        Assert.False(Directory.Exists(DataPath("audio", id)));
        Assert.False(Directory.Exists(DataPath("attachments", id)));
        Assert.Empty(await Host.Services.GetRequiredService<IConnectionMultiplexer>().GetServers()[0].KeysAsync(pattern: $"ls:{{{id}}}:*").ToListAsync());
        Assert.Contains("0912 345 678", await ArchivedJsonAsync(id));

        // The office closes the follow-up; 30 days later the phone numbers are erased from the state and the events.
        var followUps = Host.Services.GetRequiredService<FollowUps>();
        Assert.Null(await followUps.RunAsync(id, new RecordProgress("k1", FollowUpStatus.Answered, "Đã cấp giấy chứng nhận."), FollowUpActor.Office));
        Assert.Null(await followUps.RunAsync(id, new CloseFollowUp("k1"), FollowUpActor.Office));
        var closedAt = (await Records.FindAsync(id))!.Petitions.Single().ClosedAt!.Value;
        await job.RunOnceAsync(closedAt + TimeSpan.FromDays(29));
        Assert.Contains("0912 345 678", await ArchivedJsonAsync(id));
        var erased = await job.RunOnceAsync(closedAt + TimeSpan.FromDays(31));
        Assert.True(erased.PhoneNumbers >= 2, erased.ToString());
        var archived = await ArchivedJsonAsync(id);
        Assert.DoesNotContain("0912 345 678", archived);
        Assert.DoesNotContain("0977000111", archived);
        Assert.Contains("Trần Thị Bình", archived);

        AssertSame(signed, await SignedAsync(id));
        var audit = await Host.Services.GetRequiredService<Hub.Audit.AuditTrail>().OfficeEntriesAsync(new(null, "Văn phòng HĐND-UBND"));
        Assert.Contains(audit, e => e.What == RetentionJob.AuditName && e.Outcome == erased.ToString());
    }

    [Fact]
    public async Task A_persons_export_holds_what_two_meetings_have_about_them_and_deletion_removes_it_everywhere_but_the_signed_documents()
    {
        var (Name, Phone) = UniquePerson("Lê");
        var (Other, OtherPhone) = UniquePerson("Phạm");
        var Spaced = $"{Phone[..4]} {Phone[4..7]} {Phone[7..]}";
        var (first, _) = await ArchivedMeetingAsync(Name, Phone, Other, OtherPhone);
        var (second, photo) = await ArchivedMeetingAsync(Other, OtherPhone, Name, Spaced);
        var requests = Host.Services.GetRequiredService<IPersonalDataRequests>();
        var person = new PersonQuery(Name, Phone);
        Assert.Null(await requests.ExportAsync(person, "wrong-key"));

        var export = (await requests.ExportAsync(person, TestHost.AdminKey))!;
        var json = Encoding.UTF8.GetString(export.Json);
        foreach (var expected in new[] { first, second, "Đăng ký phát biểu", "Lượt phát biểu", "Kiến nghị", "Câu hỏi bằng văn bản", "Khi nào sửa đường liên thôn?",
                     Spaced, Phone, $"attachments/{second}/{photo}", $"audio/{first}/t1" })
            Assert.Contains(expected, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, json, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherPhone, json, StringComparison.Ordinal);
        using (var docx = WordprocessingDocument.Open(new MemoryStream(export.Docx), false))
        {
            var text = docx.MainDocumentPart!.Document!.InnerText;
            Assert.Contains(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Other, text, StringComparison.Ordinal);
        }

        var signed = (await SignedAsync(first), await SignedAsync(second));
        var outcome = (await requests.DeleteAsync(person, TestHost.AdminKey))!;
        Assert.Equal(2, outcome.FilesDeleted);
        Assert.Contains(outcome.Kept, k => k.Contains(PersonalDataRequests.KeptForSignedDocuments, StringComparison.Ordinal));

        // What is left about them is only what the signed documents show, and nothing of anyone else went.
        var left = (await requests.FindAsync(person, TestHost.AdminKey))!.Findings;
        Assert.NotEmpty(left);
        Assert.All(left, f => Assert.True(f.InSignedDocument, $"{f.Store} {f.MeetingId} {f.Kind} left"));
        Assert.All(left, f => Assert.Null(f.Phone));
        foreach (var id in new[] { first, second })
        {
            var archived = await ArchivedJsonAsync(id);
            Assert.DoesNotContain(Phone, archived, StringComparison.Ordinal);
            Assert.DoesNotContain(Spaced, archived, StringComparison.Ordinal);
            Assert.Contains(Other, archived, StringComparison.Ordinal);
            Assert.Contains(OtherPhone, archived, StringComparison.Ordinal);
            var live = Json(await Host.Services.GetRequiredService<Hub.Store.MeetingStore>().LoadAsync(id));
            Assert.DoesNotContain(Phone[^6..], live, StringComparison.Ordinal);
            Assert.Contains(Other, live, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(DataPath("audio", first, "t1.pcm")));
        Assert.False(File.Exists(DataPath("attachments", second, photo + ".bin")));
        Assert.True(File.Exists(DataPath("audio", second, "t1.pcm")), "the other person's recording stays");
        AssertSame(signed.Item1, await SignedAsync(first));
        AssertSame(signed.Item2, await SignedAsync(second));

        var audit = (await requests.OfficeAuditAsync(TestHost.AdminKey))!;
        Assert.Contains(audit, e => e.What.EndsWith($"export [{Masked(Name, Phone)}]", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.What.EndsWith($"delete [{Masked(Name, Phone)}]", StringComparison.Ordinal) && e.Outcome.Contains("files=2", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, e => e.What.Contains(Name, StringComparison.Ordinal) || e.Outcome.Contains(Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_correction_changes_the_phone_everywhere_but_keeps_a_name_the_signed_documents_show_and_says_why()
    {
        var (Name, Phone) = UniquePerson("Đỗ");
        var (Other, OtherPhone) = UniquePerson("Vũ");
        var NewPhone = UniquePerson("Đỗ").Phone;
        var (id, _) = await ArchivedMeetingAsync(Name, Phone, Other, OtherPhone);
        var requests = Host.Services.GetRequiredService<IPersonalDataRequests>();
        var person = new PersonQuery(Name, Phone);
        Assert.Null(await requests.CorrectAsync(person, new PersonChange(Phone: NewPhone), "wrong-key"));
        var signed = await SignedAsync(id);

        var outcome = (await requests.CorrectAsync(person, new PersonChange(Name: Name + " Hài", Phone: NewPhone), TestHost.AdminKey))!;
        Assert.True(outcome.Changed > 0);
        Assert.Contains(outcome.Kept, k => k.Contains(PersonalDataRequests.KeptForSignedDocuments, StringComparison.Ordinal));

        var archived = await ArchivedJsonAsync(id);
        Assert.DoesNotContain(Phone, archived, StringComparison.Ordinal);
        Assert.Contains(NewPhone, archived, StringComparison.Ordinal);
        Assert.Contains(Name, archived, StringComparison.Ordinal);
        Assert.Contains(OtherPhone, archived, StringComparison.Ordinal);
        Assert.Contains((await requests.FindAsync(new PersonQuery(null, NewPhone), TestHost.AdminKey))!.Findings, f => f.MeetingId == id);
        AssertSame(signed, await SignedAsync(id));
        Assert.Contains((await requests.OfficeAuditAsync(TestHost.AdminKey))!, e => e.What.EndsWith($"correct [{Masked(Name, Phone)}]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_record_of_processing_lists_each_configured_kind_and_period()
    {
        await using var host = new TestHost(Redis, settings: new Dictionary<string, string>
        {
            ["Privacy:Retention:TurnRecordings"] = "45.00:00:00",
            ["Privacy:Retention:Photos"] = "60.00:00:00",
            ["Privacy:Retention:PhoneNumbers"] = "15.00:00:00",
            ["Privacy:Retention:LiveCopy"] = "7.00:00:00",
        });
        var requests = host.Services.GetRequiredService<IPersonalDataRequests>();
        Assert.Null(await requests.RecordOfProcessingAsync(null));
        var docx = (await requests.RecordOfProcessingAsync(TestHost.AdminKey))!;

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var rows = document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var kinds = PersonalDataDocuments.Kinds(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivacyOptions>>().Value);
        Assert.Equal(kinds.Count + 1, rows.Count);
        foreach (var (kind, row) in kinds.Zip(rows.Skip(1)))
        {
            Assert.Equal(kind.Name, row[1]);
            Assert.Equal(kind.Retention, row[4]);
            Assert.Equal(string.Join(", ", kind.Holders), row[5]);
        }
        Assert.Contains("45 ngày", rows[3][4], StringComparison.Ordinal);
        Assert.Contains("60 ngày", rows[4][4], StringComparison.Ordinal);
        Assert.Contains("15 ngày", rows[2][4], StringComparison.Ordinal);
        Assert.Contains("7 ngày", rows[1][4], StringComparison.Ordinal);
        Assert.Contains("thư ký", rows[3][5], StringComparison.Ordinal);
        Assert.Contains("72 giờ", document.MainDocumentPart.Document.InnerText, StringComparison.Ordinal);
    }
}
