using System.Text;

namespace LiveSession.Domain.Tests;

/// <summary>Free text as the public types it: what could deceive a reader of the hall screen is refused with a reason.</summary>
public class TextTests
{
    [Theory]
    [InlineData("Nguyễn \u202EnA năV")]   // right-to-left override: shows reversed
    [InlineData("\u2067Trần Thị Bình")]  // right-to-left isolate
    [InlineData("Lê Văn\u200F Cường")]   // right-to-left mark
    public void A_name_with_a_bidi_control_is_refused_with_the_reason(string name)
    {
        var m = TestMeeting.Started();
        var error = m.Refused(new RegisterSpeaker(name), "invalid", Actor.Participant("p1"));
        Assert.Contains("đảo chiều chữ", error.Message);
        Assert.Empty(m.State.Speakers);
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]          // zero-width spaces
    [InlineData("\u200C\u200D\u2060\uFEFF")]    // joiners, word joiner, BOM
    [InlineData("\u3164\u3164")]                // Hangul filler: a "letter" that shows nothing
    [InlineData(" \u00A0\u2800 ")]              // spaces and a blank braille cell
    public void A_name_of_invisible_characters_only_is_refused(string name)
    {
        var m = TestMeeting.Started();
        var error = m.Refused(new RegisterSpeaker(name), "invalid", Actor.Participant("p1"));
        Assert.Contains("không nhìn thấy", error.Message);
    }

    [Fact]
    public void Text_typed_decomposed_is_stored_composed()
    {
        var decomposed = "Nguyễn Thị Hường".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Thị Hường", decomposed);
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker(decomposed, "Thôn Đông".Normalize(NormalizationForm.FormD)), Actor.Organizer);
        Assert.Equal("Nguyễn Thị Hường", m.Speaker("s1").Name);
        Assert.True(m.Speaker("s1").Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Thôn Đông", m.Speaker("s1").Locality);
    }

    [Fact]
    public void A_joiner_inside_visible_text_is_kept() // emoji sequences and some scripts need it
    {
        var m = TestMeeting.Started();
        m.Ok(new SubmitQuestion("Phạm Thị Dung", null, "Câu hỏi 👨\u200D👩\u200D👧 về trường học", null), Actor.Participant("p1"));
        Assert.Contains("\u200D", m.State.Questions[0].Text);
    }
}
