using System.IO.Compression;
using System.Text;
using LiveSession.Testing;

namespace LiveSession.Paperwork.Tests;

public class MeetingArchiveTests
{
    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Fact]
    public async Task Holds_both_documents_the_event_log_and_the_agenda()
    {
        var m = ScriptedMeeting.Played();
        var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None));

        Assert.Subset(entries.Keys.ToHashSet(), new HashSet<string> { "bien-ban.docx", "chuong-trinh.json", "su-kien.json", "thong-bao-ket-luan.docx" });
        Assert.Contains("BIÊN BẢN", new Docx(entries["bien-ban.docx"]).Paragraphs);
        Assert.Contains("THÔNG BÁO", new Docx(entries["thong-bao-ket-luan.docx"]).Paragraphs);

        var agenda = DomainJson.Deserialize<List<AgendaItem>>(Encoding.UTF8.GetString(entries["chuong-trinh.json"]))!;
        Assert.Equal(ScriptedMeeting.Agenda, agenda.Select(a => a.Title));
        Assert.All(agenda, a => Assert.NotNull(a.StartedAt));
    }

    [Fact]
    public async Task Holds_who_spoke_how_long_per_speaker_and_per_locality()
    {
        var m = ScriptedMeeting.Played();
        var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None));
        string[] Lines(string name)
        {
            Assert.Equal([0xEF, 0xBB, 0xBF], entries[name].Take(3));
            return Encoding.UTF8.GetString(entries[name]).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }

        // As the scripted clock runs: An 5 minutes and a 2-minute follow-up, Bình 5, Cường 4; Hoa reports 16 minutes and answers 5.
        var speakers = Lines(MeetingArchive.SpeakersEntry);
        Assert.Equal("nguoi_phat_bieu,thon_to_dan_pho,so_luot,so_giay,thoi_luong", speakers[0]);
        Assert.Contains("Nguyễn Văn An,Thôn Đông,2,420,7 phút 00 giây", speakers);
        Assert.Contains("Trần Thị Bình,Thôn Tây,1,300,5 phút 00 giây", speakers);
        Assert.Contains("Lê Văn Cường,Tổ dân phố 3,1,240,4 phút 00 giây", speakers);
        Assert.Contains("Lê Thị Hoa,\"Chủ trì, đại biểu, cán bộ\",2,1260,21 phút 00 giây", speakers);

        var localities = Lines(MeetingArchive.LocalitiesEntry);
        Assert.Equal("thon_to_dan_pho,so_nguoi_phat_bieu,so_luot,so_giay,thoi_luong", localities[0]);
        Assert.Contains("Thôn Đông,1,2,420,7 phút 00 giây", localities);
    }

    [Fact]
    public async Task The_audit_lists_every_event_with_its_author_and_the_refusals_without_running_formulas()
    {
        var m = ScriptedMeeting.Played();
        var refusal = new Domain.Access.AuditEntry(m.Events[^1].Event.At, null, "=HYPERLINK(\"x\")", new EventAuthor(Role.Participant, 2, "p1"), "forbidden");
        var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None with { Refusals = [refusal] }));
        var lines = Encoding.UTF8.GetString(entries[MeetingArchive.AuditEntry]).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(m.Events.Count + 2, lines.Length); // the header, every event, the refusal
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, ",petitionResolved,,(Chair|Secretary),0,"));
        Assert.DoesNotContain(lines.Skip(1), l => l.Split(',')[4] == ""); // every line names a role
        Assert.Contains(lines, l => l.Contains(",forbidden,Participant,2,p1,") && l.Contains("\"'=HYPERLINK(\"\"x\"\")\""));
    }

    [Fact]
    public async Task The_event_log_parses_back_and_replays_to_the_same_meeting()
    {
        var m = ScriptedMeeting.Played();
        var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None));
        var json = Encoding.UTF8.GetString(entries["su-kien.json"]);
        Assert.Contains("\"type\": \"petitionResolved\"", json);
        Assert.Contains("Nguyễn Văn An", json); // diacritics as text, not only as escapes

        var events = DomainJson.Deserialize<List<VersionedEvent>>(json)!;
        Assert.Equal(m.Events.Select(e => (e.Version, e.Event.GetType())), events.Select(e => (e.Version, e.Event.GetType())));
        var replayed = Decider.Fold(MeetingState.Empty(m.State.Id), events.Select(e => e.Event));
        Assert.Equal(m.State.Version, replayed.Version);
        Assert.Equal(m.State.Turns, replayed.Turns);
        Assert.Equal(m.State.Petitions, replayed.Petitions);
        Assert.Equal(m.State.MinutesOf("t1").Text, replayed.MinutesOf("t1").Text);
        Assert.Equal(m.State.ClosedAt, replayed.ClosedAt);
    }

    [Fact]
    public async Task With_the_converter_on_the_PDFs_of_both_signed_documents_are_added()
    {
        var m = ScriptedMeeting.Played();
        var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None, PdfRenderingTests.LibreOffice()));

        Assert.Equal(
            ["bao-cao-ket-qua-giai-quyet.docx", "bao-cao-tong-hop-kien-nghi-truoc-hoi-nghi.docx", "bien-ban.docx", "bien-ban.pdf", "chuong-trinh.json",
             "danh-sach-khach-moi.docx", "giay-moi.docx", "ke-hoach-va-phan-cong.docx", "nhat-ky-thao-tac.csv", "su-kien.json", "thoi-luong-phat-bieu-theo-thon.csv", "thoi-luong-phat-bieu.csv", "thong-bao-cong-khai.docx",
             "thong-bao-ket-luan.docx", "thong-bao-ket-luan.pdf"],
            entries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("BIÊN BẢN", Poppler.Text(entries["bien-ban.pdf"]));
        Assert.Equal(3, Poppler.Pages(entries["bien-ban.pdf"]));
        Assert.Contains("THÔNG BÁO", Poppler.Text(entries["thong-bao-ket-luan.pdf"]));
        Assert.Equal(2, Poppler.Pages(entries["thong-bao-ket-luan.pdf"]));
    }

    [Fact]
    public async Task With_the_converter_off_or_none_given_the_dossier_has_no_PDF()
    {
        var m = ScriptedMeeting.Played();
        foreach (var pdf in new[] { PdfRenderingTests.Converter(PdfConverter.Off), null })
        {
            var entries = Entries(await MeetingArchive.BuildAsync(m.Context(), m.Events, DossierRecords.None, pdf));
            Assert.Equal(13, entries.Count);
            Assert.DoesNotContain(entries.Keys, name => name.EndsWith(".pdf", StringComparison.Ordinal));
        }
    }
}
