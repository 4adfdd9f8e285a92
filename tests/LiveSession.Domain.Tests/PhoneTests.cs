namespace LiveSession.Domain.Tests;

/// <summary>The optional phone number of an online registration or a written question: for the desk to call back.</summary>
public class PhoneTests
{
    private static readonly Actor Lan = Actor.Participant("p1");

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData(" 0912 345 678 ", "0912 345 678")]
    [InlineData("+84 912.345.678", "+84 912.345.678")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void RegisterSpeaker_KeepsAValidPhoneNormalised(string? given, string? kept)
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Vũ Thị Lan", "Thôn Nam", Phone: given), Lan);
        Assert.Equal(kept, m.State.Speakers.Single().Phone);
    }

    [Theory]
    [InlineData("0912-ABC-678")]
    [InlineData("1234567")]
    [InlineData("0912345678901234567")]
    [InlineData("<script>")]
    [InlineData("0912\u0000345678")]
    public void RegisterSpeaker_WithABadPhone_IsRefusedWithAClearMessage(string phone)
    {
        var m = TestMeeting.Started();
        var error = m.Refused(new RegisterSpeaker("Vũ Thị Lan", Phone: phone), "invalid", Lan);
        Assert.StartsWith("Số điện thoại", error.Message);
    }

    [Fact]
    public void SubmitQuestion_KeepsTheAskersPhone_AndRefusesABadOne()
    {
        var m = TestMeeting.Started();
        m.Refused(new SubmitQuestion("Vũ Thị Lan", null, "Hỏi về đất", null, AskerPhone: "abc"), "invalid", Lan);
        m.Ok(new SubmitQuestion("Vũ Thị Lan", null, "Hỏi về đất", null, AskerPhone: "0987 654 321"), Lan);
        Assert.Equal("0987 654 321", m.State.Questions.Single().AskerPhone);
    }
}
