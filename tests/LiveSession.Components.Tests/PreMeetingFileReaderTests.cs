using System.Text;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Moderator.Setup;

namespace LiveSession.Components.Tests;

public sealed class PreMeetingFileReaderTests
{
    private static readonly DateOnly Today = new(2025, 3, 8);

    private static (IReadOnlyList<PreMeetingPetition> Entries, IReadOnlyList<string> Problems) Read(string csv) =>
        PreMeetingFileReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "kien-nghi.csv", Today);

    [Fact]
    public void Reads_source_collector_date_and_unit_keeping_the_line()
    {
        var (entries, problems) = Read(
            "STT,Họ tên,Thôn/TDP,Nội dung,Lĩnh vực,Nguồn,Người thu thập,Ngày nhận,Đơn vị chuẩn bị trả lời\n"
            + "1,Nguyễn Văn An,Thôn Đông,Đề nghị sửa đường,Giao thông,MTTQ,Ban Công tác Mặt trận thôn Đông,5/3/2025,Công chức Giao thông\n"
            + "2,Trần Thị Bình,Thôn Tây,Đề nghị cấp giấy đất,Đất đai,Hội Nông dân,,,Công chức Địa chính\n");

        Assert.Empty(problems);
        Assert.Equal(
            [new PreMeetingPetition(2, "Nguyễn Văn An", "Thôn Đông", "Đề nghị sửa đường", "Giao thông", PetitionSource.FatherlandFront, "Ban Công tác Mặt trận thôn Đông", new(2025, 3, 5), "Công chức Giao thông"),
             new PreMeetingPetition(3, "Trần Thị Bình", "Thôn Tây", "Đề nghị cấp giấy đất", "Đất đai", PetitionSource.MassOrganisation, null, Today, "Công chức Địa chính")],
            entries);
    }

    [Fact]
    public void An_unknown_source_or_a_bad_date_is_named_by_its_line()
    {
        var (_, problems) = Read("Họ tên,Nguồn,Ngày nhận\nAn,Trưởng thôn,01/03/2025\nBình,Hàng xóm,\nCường,,32/3/2025\n");
        Assert.Equal(
            ["Dòng 3: nguồn \"Hàng xóm\" không rõ; ghi \"Trưởng thôn\", \"MTTQ\", \"Đoàn thể\" hoặc \"Trực tiếp\".",
             "Dòng 4: ngày nhận \"32/3/2025\" không đúng dạng ngày/tháng/năm."],
            problems);
    }

    [Fact]
    public void A_file_without_the_name_column_or_rows_is_refused()
    {
        Assert.Equal(["Dòng 1: thiếu cột \"Họ tên\" ở dòng tiêu đề."], Read("Nội dung\nĐường\n").Problems);
        Assert.Equal(["Tệp không có kiến nghị nào."], Read("Họ tên,Nội dung\n").Problems);
    }
}

public sealed class QuotaTextTests
{
    [Fact]
    public void Lines_of_name_and_count_become_quotas()
    {
        Assert.Null(QuotaText.Parse("Hội Nông dân xã: 3\n\n  Đoàn Thanh niên : 2 ", QuotaKind.Organisation, out var quotas));
        Assert.Equal([new Quota("Hội Nông dân xã", QuotaKind.Organisation, 3), new Quota("Đoàn Thanh niên", QuotaKind.Organisation, 2)], quotas);
        Assert.Equal("Hội Nông dân xã: 3\nĐoàn Thanh niên: 2", QuotaText.Format(quotas));
    }

    [Fact]
    public void A_line_without_a_count_is_named()
    {
        Assert.Equal("Dòng 2 (\"Thôn Tây 8\"): hãy ghi theo mẫu \"Tên: số người\".", QuotaText.Parse("Thôn Đông: 5\nThôn Tây 8", QuotaKind.Locality, out _));
    }
}
