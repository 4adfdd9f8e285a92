using System.Globalization;
using System.Text;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Minutes;
using LiveSession.Records;

namespace LiveSession.Paperwork;

/// <summary>Who spoke how long, per speaker and per thôn / tổ dân phố, as CSV files of the dossier (UTF-8 with a byte-order mark for Excel).</summary>
public static class SpeakingTimes
{
    public static byte[] BySpeakerCsv(MeetingState state) => Csv(
        "nguoi_phat_bieu,thon_to_dan_pho,so_luot,so_giay,thoi_luong",
        SpeakerTotals.BySpeaker(state).Select(s => Row(s.Name, s.Group, s.Turns, s.Seconds)));

    public static byte[] ByGroupCsv(MeetingState state) => Csv(
        "thon_to_dan_pho,so_nguoi_phat_bieu,so_luot,so_giay,thoi_luong",
        SpeakerTotals.ByGroup(state).Select(g => Row(g.Group, g.Speakers.ToString(CultureInfo.InvariantCulture), g.Turns, g.Seconds)));

    private static string Row(string first, string second, int turns, int seconds) => string.Join(',',
        CsvCell.Of(first), CsvCell.Of(second), turns.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture),
        CsvCell.Of(SpeakerTotals.Duration(seconds)));

    private static byte[] Csv(string header, IEnumerable<string> rows)
    {
        var csv = new StringBuilder(header).Append("\r\n");
        foreach (var row in rows) csv.Append(row).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
