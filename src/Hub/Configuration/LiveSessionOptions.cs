namespace LiveSession.Hub.Configuration;

/// <summary>The host's settings, bound from the "LiveSession" section (appsettings or LiveSession__X env vars).</summary>
public sealed class LiveSessionOptions
{
    public const string Section = "LiveSession";

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>Share SignalR messages between hosts through Redis (needed for more than one host).</summary>
    public bool UseRedisBackplane { get; set; } = true;

    /// <summary>Folder for logs and other local files.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Key required to create meetings and read their links over HTTP; when empty, nobody can (not even from loopback).</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>The installation's own office, the one <see cref="AdminKey"/> opens, as its pages name it.</summary>
    public string OfficeName { get; set; } = "Văn phòng HĐND-UBND";

    /// <summary>
    /// Further communes' offices sharing this installation, each with its own admin key: each creates and sees only its
    /// own meetings, and its unit and MTTQ links open only its own kiến nghị.
    /// </summary>
    public List<OfficeOptions> Offices { get; set; } = [];

    /// <summary>
    /// Key of the transcription workers (header X-Worker-Key): it lets a worker claim running meetings and get their
    /// transcriber tokens, nothing else. When empty, no worker can claim meetings (a worker given one meeting's token still works).
    /// </summary>
    public string WorkerKey { get; set; } = "";

    /// <summary>How long a worker holds a meeting without renewing it ("00:00:30"); a dead worker's meetings go to another after it.</summary>
    public TimeSpan WorkerLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A PKCS#12 file (no password) whose certificate encrypts the Data Protection keys kept in Redis, so that a copy of
    /// Redis or its AOF file is not enough to forge a link. The install makes one; empty: the keys are kept unencrypted.
    /// </summary>
    public string? DataProtectionCertificate { get; set; }

    /// <summary>Base address printed in role links (e.g. behind a proxy); defaults to the request's own.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The address this host's own pages use to reach its hub (default: the first plain-HTTP address it listens on).
    /// </summary>
    public string? InternalBaseUrl { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses or networks such as "127.0.0.1" or "10.0.0.0/8") whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed: per-address limits then see the real client. Empty: no forwarded header is believed.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// New participant identities one address may be given per minute (and at once). Raise it when the hall's phones
    /// reach the host through a single NAT address; past it a device still follows the meeting.
    /// </summary>
    public int NewIdentitiesPerAddressPerMinute { get; set; } = 30;

    /// <summary>Largest message a client may send to the hub, in bytes.</summary>
    public long MaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Command attempts when other hosts keep changing the same meeting.</summary>
    public int MaxCommitAttempts { get; set; } = 50;

    /// <summary>
    /// Live connections (hub, Blazor circuits) one IP address may hold at once; 0 turns the limit off.
    /// High by default: a hall's Wi-Fi puts every phone behind one address.
    /// </summary>
    public int MaxConnectionsPerIp { get; set; } = 3000;

    /// <summary>The longest recording kept for one turn ("00:30:00"); a microphone is stopped when its turn reaches it.</summary>
    public TimeSpan MaxTurnRecording { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a unit's follow-up link opens its page ("180.00:00:00"): the follow-up and the half-year report.</summary>
    public TimeSpan UnitLinkLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// How long a staff link (chair, secretary, organizer, worker, hall microphone) opens the meeting after it was issued
    /// ("90.00:00:00"); the chair or the office renews it by reading the links again (a fresh link is issued each time).
    /// </summary>
    public TimeSpan StaffLinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long the public links (participants, hall screen) keep opening a meeting after it closed ("7.00:00:00"):
    /// citizens read the outcome, then the links end.
    /// </summary>
    public TimeSpan PublicLinkMarginAfterClose { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Hall audio out: the meeting's speech encoded once to Opus and sent to every listening phone.</summary>
    public HallAudioOptions HallAudio { get; set; } = new();
}

/// <summary>The "LiveSession:HallAudio" settings (e.g. LiveSession__HallAudio__Bitrate=16000 for poor mobile links).</summary>
public sealed class HallAudioOptions
{
    /// <summary>
    /// Opus bitrate in bit/s (6,000–32,000). The default, 18 kbit/s, is clear wideband speech and keeps what one listener
    /// receives under 32 kbit/s (the Opus bytes in base64 and the hub protocol's framing of 10 messages a second, see
    /// docs/benchmarks.md); 16,000 suits poor mobile links.
    /// </summary>
    public int Bitrate { get; set; } = 18_000;

    /// <summary>One Opus frame's length in milliseconds: 20, 40 or 60 (longer frames cost less, add their length to the delay).</summary>
    public int FrameMilliseconds { get; set; } = 20;

    /// <summary>Listeners one meeting may have at once, over all hosts; past it "Nghe hội trường" is refused with a reason.</summary>
    public int MaxListenersPerMeeting { get; set; } = 10_000;

    /// <summary>
    /// Listeners one address may have at once on one host. High by default: a hall's Wi-Fi or a mobile carrier's NAT puts
    /// many phones behind one address; each connection listens at most once, and connections per address are capped too.
    /// </summary>
    public int MaxListenersPerAddress { get; set; } = 1_000;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        Bitrate is < 6_000 or > 32_000 ? nameof(Bitrate)
        : FrameMilliseconds is not (20 or 40 or 60) ? nameof(FrameMilliseconds)
        : MaxListenersPerMeeting < 1 || MaxListenersPerAddress < 1 ? "MaxListeners"
        : null;
}

/// <summary>One further office of the installation (see <see cref="LiveSessionOptions.Offices"/>).</summary>
public sealed class OfficeOptions
{
    /// <summary>A short stable id ("xa-an-hung"): its meetings and records keep it; never change it once used.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string AdminKey { get; set; } = "";
}
