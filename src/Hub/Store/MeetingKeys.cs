using StackExchange.Redis;

namespace LiveSession.Hub.Store;

/// <summary>
/// One key family per meeting, sharing the hash tag {meetingId} so that a Redis Cluster keeps a
/// meeting's keys on one shard and a Lua script may touch them together.
/// </summary>
public readonly record struct MeetingKeys(string MeetingId)
{
    public RedisKey State => $"ls:{{{MeetingId}}}:state";
    public RedisKey Events => $"ls:{{{MeetingId}}}:events";
    /// <summary>The meeting's speech for the worker: a capped stream of recent audio blocks.</summary>
    public RedisKey Audio => $"ls:{{{MeetingId}}}:audio";
    /// <summary>Who listens to the hall audio, over all hosts: connection ids scored by when their host last vouched for them.</summary>
    public RedisKey HallListeners => $"ls:{{{MeetingId}}}:hall-listeners";
    /// <summary>Which connection is the hall microphone now (one at a time).</summary>
    public RedisKey HallMicrophone => $"ls:{{{MeetingId}}}:hall-mic";
    /// <summary>The worker's last status, kept while it is fresh: a page that joins shows it without waiting for the next.</summary>
    public RedisKey TranscriberStatus => $"ls:{{{MeetingId}}}:transcriber-status";
    /// <summary>Which transcription worker holds the meeting (its id), expiring unless that worker renews it.</summary>
    public RedisKey TranscriberLease => $"ls:{{{MeetingId}}}:transcriber-lease";

    /// <summary>The audit of refused commands: a capped stream (code, who, when).</summary>
    public RedisKey Refusals => $"ls:{{{MeetingId}}}:refusals";

    /// <summary>The access log: who played a recording, viewed a photo or downloaded a document (what, who, when).</summary>
    public RedisKey Accesses => $"ls:{{{MeetingId}}}:accesses";

    public static RedisKey Index => "ls:meetings";

    /// <summary>The office's own audit, outside any meeting: retention runs and citizens' requests about their data.</summary>
    public static RedisKey OfficeAudit => "ls:office:audit";

    /// <summary>Stream entries are numbered by the meeting version: entry "0-N" holds the event of version N.</summary>
    public static RedisValue EntryId(long version) => $"0-{version}";

    public static long VersionOf(RedisValue entryId) => long.Parse(((string)entryId!).AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
}
