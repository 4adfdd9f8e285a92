namespace LiveSession.Client.Protocol;

/// <summary>Whether the host keeps a recording of a turn (so a page offers "Nghe lại" only where there is one).</summary>
public interface ITurnRecordingIndex
{
    bool Has(string meetingId, string turnId);
}
