using LiveSession.Domain.FollowUp;
using DocumentFormat.OpenXml;
using LiveSession.Domain.Minutes;
using static LiveSession.Paperwork.Ooxml;

namespace LiveSession.Paperwork;

/// <summary>
/// The báo cáo tổng hợp kiến nghị và nội dung trả lời read at the meeting (agenda step 5): the kiến nghị
/// collected beforehand, by field, each with the answer its unit prepared.
/// </summary>
public static class PreMeetingReport
{
    public const string Symbol = "BC-UBND";
    public const string NoAnswer = "Đơn vị chưa gửi nội dung trả lời.";

    public static byte[] Build(DocumentContext context, IReadOnlyList<PreMeetingItem> petitions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(petitions);
        return Package(Content(new DocumentFacts(context), petitions, context.Today));
    }

    private static IEnumerable<OpenXmlElement> Content(DocumentFacts facts, IReadOnlyList<PreMeetingItem> petitions, DateOnly today)
    {
        yield return OfficialLayout.Header(facts, Symbol, today);
        foreach (var e in OfficialLayout.Title("BÁO CÁO", $"Tổng hợp kiến nghị và nội dung trả lời trước {facts.MeetingName}")) yield return e;

        var cutoff = PreMeetingPetitions.Cutoff(facts.State);
        var sources = string.Join("; ", petitions.GroupBy(p => p.Source).OrderBy(g => g.Key)
            .Select(g => $"{PreMeetingPetitions.SourceName(g.Key).ToLowerInvariant()}: {g.Count()}"));
        yield return Para(Layout.Body, petitions.Count == 0
            ? $"Đến hết ngày {VietnamTime.ShortDate(cutoff)}, {facts.IssuingBody} không nhận được kiến nghị nào gửi trước hội nghị."
            : $"Đến hết ngày {VietnamTime.ShortDate(cutoff)} (hạn thu thập), {facts.IssuingBody} đã tổng hợp {petitions.Count} kiến nghị của Nhân dân gửi trước hội nghị ({sources}). "
              + $"Đã trả lời {petitions.Count(p => p.PreparedAnswer is not null)}/{petitions.Count} kiến nghị. Kết quả tổng hợp và nội dung trả lời như sau:");

        var section = 0;
        foreach (var field in petitions.GroupBy(p => p.Field ?? "Lĩnh vực khác"))
        {
            yield return OfficialLayout.Heading($"{OfficialLayout.Roman(++section)}. {DocumentFacts.Upper(field.Key.StartsWith("Lĩnh vực", StringComparison.OrdinalIgnoreCase) ? field.Key : $"Lĩnh vực {field.Key}")}");
            foreach (var (petition, i) in field.Select((p, i) => (p, i + 1)))
            {
                var who = petition.Locality is null ? petition.CitizenName : $"{petition.CitizenName} ({petition.Locality})";
                yield return Para(Layout.Body, new Span($"{i}. {who}", Bold: true), " kiến nghị: ", petition.Summary);
                yield return Para(Layout.Body, new Span(
                    $"(Nguồn: {petition.Collector ?? PreMeetingPetitions.SourceName(petition.Source)}, nhận ngày {VietnamTime.ShortDate(petition.ReceivedOn)}; đơn vị chuẩn bị trả lời: {petition.PreparingUnit}.)",
                    Italic: true, Size: 13));
                foreach (var line in OfficialLayout.LedText([new Span($"Trả lời ({petition.PreparingUnit}): ", Italic: true)], petition.PreparedAnswer, NoAnswer))
                    yield return line;
            }
        }

        yield return Para(Layout.Body with { KeepNext = true, Before = 120 },
            $"Trên đây là báo cáo tổng hợp kiến nghị và nội dung trả lời của {facts.IssuingBody} trình bày tại hội nghị./.");
        yield return OfficialLayout.RecipientsAndSignature([facts.FrontCommittee, .. facts.Recipients], facts.ChairTitle, facts.ChairName);
    }
}
