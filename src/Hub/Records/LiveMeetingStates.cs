using LiveSession.Domain.Meetings;
using LiveSession.Hub.Store;
using LiveSession.Records;

namespace LiveSession.Hub.Records;

/// <summary>The meeting state the follow-up dossier decides against: the live one in Redis, else the archived one.</summary>
public sealed class LiveMeetingStates(MeetingStore store, MeetingRecords records) : IMeetingStates
{
    public async Task<MeetingState?> LoadAsync(string meetingId, CancellationToken cancellationToken = default) =>
        await store.LoadAsync(meetingId) is { Exists: true } live ? live : await records.StateAsync(meetingId, cancellationToken);
}
