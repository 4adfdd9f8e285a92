namespace LiveSession.Domain.Tests;

/// <summary>One list of fields for every form: the standard ones, then the meeting's officials' fields, "Khác" last.</summary>
public class FieldsTests
{
    [Fact]
    public void The_list_has_the_standard_fields_and_the_officials_fields_each_once_with_Khac_last()
    {
        var m = TestMeeting.Started();
        m.Ok(new AddOfficial("Vũ Văn Hải", "Công chức Thủy lợi", "Thủy lợi"), Actor.Chair);
        m.Ok(new AddOfficial("Đinh Văn Nông", "Công chức Địa chính", "đất đai"), Actor.Chair);

        var fields = Fields.Of(m.State);

        Assert.Contains("Tư pháp", fields);
        Assert.Contains("Thủy lợi", fields);
        Assert.Single(fields, f => string.Equals(f, "Đất đai", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Khác", fields[^1]);
        Assert.Equal(fields.Count, fields.Distinct().Count());
        Assert.Equal(Fields.Standard.Count + 1, fields.Count);
    }
}
