using System.Runtime.CompilerServices;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using LiveSession.Domain.Views;

namespace LiveSession.Client;

/// <summary>
/// A live view of one meeting over the hub, for any .NET client (Blazor pages, the worker, tests).
/// It starts from the join snapshot and applies versioned events in order; on a gap or a reconnect it
/// catches up, so <see cref="State"/> always equals a prefix of the meeting's event stream.
/// The hall screen and participants never get the whole state: they follow <see cref="View"/> (the
/// public parts, replaced part by part, newest version wins) and, for a participant, <see cref="Personal"/>.
/// A refusal of the hub (a bad link, a revoked one, too many joins…) is thrown as a <see cref="HubRefusedException"/>
/// with its code; any other exception is the connection's.
/// </summary>
public sealed class MeetingConnection : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly List<VersionedEvent> _beforeSnapshot = [];
    private string _token;

    public MeetingConnection(Uri hubUrl, string token, Action<HttpConnectionOptions>? configure = null)
    {
        _token = token;
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
                configure?.Invoke(o);
            })
            .AddJsonProtocol(o => DomainJson.Configure(o.PayloadSerializerOptions))
            .WithAutomaticReconnect(new KeepRetrying())
            .Build();
        _hub.On<VersionedEvent[]>(HubContract.Changed, OnChangedAsync);
        _hub.On<PublicViewDelta>(HubContract.ViewChanged, OnViewChangedAsync);
        _hub.On<PersonalView>(HubContract.PersonalChanged, OnPersonalChangedAsync);
        _hub.On<CaptionLine>(HubContract.Caption, OnCaptionAsync);
        _hub.On<TranscriberStatus>(HubContract.TranscriberStatusChanged, OnTranscriberStatusAsync);
        _hub.On<HallListenerCount>(HubContract.HallListenersChanged, async count =>
        {
            HallListeners = count;
            if (Changed is { } changed) await changed([]);
        });
        _hub.On<StoreStatus>(HubContract.StoreStatusChanged, status => { Store = status; return RaiseConnectionChanged(); });
        _hub.On<string>(HubContract.LinkRevoked, async reason =>
        {
            Revoked = reason;
            await RaiseConnectionChanged();
            // Not awaited: stopping waits for this handler, which runs on the connection's receive loop.
            _ = _hub.StopAsync();
        });
        _hub.Reconnecting += _ => RaiseConnectionChanged();
        _hub.Closed += _ => RaiseConnectionChanged();
        _hub.Reconnected += async _ =>
        {
            Reconnects++;
            // Groups do not survive a reconnect: join again, which also brings a fresh snapshot.
            await JoinAsync();
            await RaiseConnectionChanged();
        };
    }

    public MeetingState? State { get; private set; }
    /// <summary>For the hall screen and participants: the public view of the meeting.</summary>
    public PublicView? View { get; private set; }
    /// <summary>For a participant: their own registration, questions and survey answer.</summary>
    public PersonalView? Personal { get; private set; }
    /// <summary>The latest caption lines (finals and the last partial), oldest first, at most <see cref="KeptCaptions"/>.</summary>
    public IReadOnlyList<CaptionLine> Captions { get { lock (_captions) return [.. _captions]; } }
    public const int KeptCaptions = 4;
    /// <summary>For the hall screen: the short link participants open.</summary>
    public string? JoinLink { get; private set; }
    private readonly List<CaptionLine> _captions = [];
    private readonly Dictionary<string, long> _partVersions = [];
    private long _snapshotVersion;
    /// <summary>For the chair and the secretary: the worker's latest word on keeping up (null until it speaks).</summary>
    public TranscriberStatus? Transcriber { get; private set; }
    /// <summary>For the chair, secretary and organizer: how many listen to the hall audio (null until the hub says).</summary>
    public HallListenerCount? HallListeners { get; private set; }
    public Role Role { get; private set; }
    public string? ParticipantId { get; private set; }
    /// <summary>A participant's own token, to keep on the device and use next time.</summary>
    public string? PersonalToken { get; private set; }
    /// <summary>What the hub said about this join (e.g. a participant who only follows for now), or null.</summary>
    public string? Notice { get; private set; }
    public HubConnectionState ConnectionState => _hub.State;
    /// <summary>Why the hub cut this connection for good (its link was rotated), or null.</summary>
    public string? Revoked { get; private set; }
    /// <summary>Whether the host can reach its data store (while it cannot, commands are refused).</summary>
    public StoreStatus Store { get; private set; } = StoreStatus.Up;
    public int Reconnects { get; private set; }
    /// <summary>Server clock minus local clock, to render timers against server time.</summary>
    public TimeSpan ClockOffset { get; private set; }
    public DateTimeOffset ServerNow => DateTimeOffset.UtcNow + ClockOffset;

    /// <summary>Raised after the state moved on (events applied or a new snapshot), with the events when known.</summary>
    public event Func<IReadOnlyList<VersionedEvent>, Task>? Changed;
    public event Func<Task>? ConnectionChanged;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _hub.StartAsync(cancellationToken);
        await JoinAsync(cancellationToken);
        await RaiseConnectionChanged();
    }

    /// <summary>Sends a command; a stale or refused one comes back with the reason, and the view catches up.</summary>
    public async Task<CommandResult> ExecuteAsync(MeetingCommand command, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToElement(command, DomainJson.Options);
        var result = await _hub.InvokeAsync<CommandResult>(HubContract.Execute, json, expectedVersion, cancellationToken);
        if (!result.Ok && State is not null && result.Version > State.Version) await CatchUpAsync();
        return result;
    }

    /// <summary>Asks the hub for what this view missed and applies it.</summary>
    public async Task CatchUpAsync()
    {
        if (State is null) return;
        var result = (await _hub.InvokeAsync<HubAnswer<CatchUpResult>>(HubContract.CatchUp, State.Version)).Take();
        await ApplyAsync(result.Events, result.Snapshot);
    }

    private async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        var join = (await _hub.InvokeAsync<HubAnswer<JoinResult>>(HubContract.Join, cancellationToken)).Take();
        Store = StoreStatus.Up; // a join reads the meeting from the store
        Role = join.Role;
        ParticipantId = join.ParticipantId;
        Notice = join.Notice;
        if (join.PersonalToken is { } personal) _token = PersonalToken = personal;
        ClockOffset = join.ServerTime - DateTimeOffset.UtcNow;
        JoinLink = join.JoinLink ?? JoinLink;
        Transcriber = join.Transcriber ?? Transcriber;
        if (join.View is { } view) await ApplyViewAsync(view);
        else await ApplyAsync([], join.State);
    }

    /// <summary>For the hall screen and participants: fetches a fresh view (e.g. after a suspected loss).</summary>
    public async Task RefreshViewAsync()
    {
        var view = (await _hub.InvokeAsync<HubAnswer<ViewSnapshot>>(HubContract.RefreshView)).Take();
        await ApplyViewAsync(view);
    }

    /// <summary>For the transcriber: sends a caption line to the hall screen and participants.</summary>
    public Task<CommandResult> PublishCaptionAsync(CaptionLine line, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CommandResult>(HubContract.PublishCaption, line, cancellationToken);

    /// <summary>For the transcriber: tells the chair and the secretary whether transcription keeps up.</summary>
    public Task<CommandResult> PublishTranscriberStatusAsync(TranscriberStatus status, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CommandResult>(HubContract.PublishTranscriberStatus, status, cancellationToken);

    /// <summary>
    /// For the transcriber: the meeting's speech from a time on, then live (ends when the connection drops). A refused
    /// stream throws a <see cref="HubRefusedException"/> (read from its <see cref="StreamRefusal"/>).
    /// </summary>
    public async IAsyncEnumerable<AudioPacket> AudioFeedAsync(DateTimeOffset from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var feed = _hub.StreamAsync<AudioPacket>(HubContract.AudioFeed, from.ToUnixTimeMilliseconds(), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await feed.MoveNextAsync();
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ex) when (StreamRefusal.Read(ex) is { } refused)
            {
                throw refused;
            }
            if (!more) yield break;
            yield return feed.Current;
        }
    }

    /// <summary>For a microphone (the hall's, or an online speaker's): streams audio until it ends or is refused.</summary>
    public async Task<CommandResult> UploadAudioAsync(IAsyncEnumerable<AudioUpload> blocks, CancellationToken cancellationToken = default)
    {
        using var stopped = new CancellationTokenSource();
        using var _ = _hub.On<CommandResult>(HubContract.AudioStopped, _ => stopped.Cancel());
        return await _hub.InvokeAsync<CommandResult>(HubContract.UploadAudio, UntilStopped(blocks, stopped), cancellationToken);
    }

    private static async IAsyncEnumerable<AudioUpload> UntilStopped(IAsyncEnumerable<AudioUpload> blocks, CancellationTokenSource stopped)
    {
        await foreach (var block in blocks)
        {
            if (stopped.IsCancellationRequested) yield break;
            yield return block;
        }
    }

    /// <summary>For the hall screen: receive online speakers' audio (<paramref name="play"/> is called per block) unless refused.</summary>
    public Task<CommandResult> ListenAudioAsync(Func<AudioPacket, Task> play, CancellationToken cancellationToken = default) =>
        ListenAsync(HubContract.Audio, HubContract.ListenAudio, play, cancellationToken);

    /// <summary>For a participant: receive the hall audio (<paramref name="play"/> is called per packet of Opus frames) unless refused.</summary>
    public Task<CommandResult> ListenHallAsync(Func<HallAudioPacket, Task> play, CancellationToken cancellationToken = default) =>
        ListenAsync(HubContract.HallAudio, HubContract.ListenHall, play, cancellationToken);

    private async Task<CommandResult> ListenAsync<T>(string message, string method, Func<T, Task> play, CancellationToken cancellationToken)
    {
        var listening = _hub.On(message, play);
        var result = await _hub.InvokeAsync<CommandResult>(method, cancellationToken);
        if (!result.Ok) listening.Dispose();
        return result;
    }

    private async Task ApplyViewAsync(ViewSnapshot snapshot)
    {
        await _sync.WaitAsync();
        try
        {
            if (View is null || snapshot.Public.Version >= View.Version)
            {
                View = snapshot.Public;
                _snapshotVersion = snapshot.Public.Version;
                _partVersions.Clear();
            }
            if (snapshot.Personal is { } personal && (Personal is null || personal.Version >= Personal.Version)) Personal = personal;
            JoinLink = snapshot.JoinLink ?? JoinLink;
            lock (_captions) { _captions.Clear(); _captions.AddRange(snapshot.Captions.TakeLast(KeptCaptions)); }
        }
        finally
        {
            _sync.Release();
        }
        if (Changed is { } changed) await changed([]);
    }

    private async Task OnViewChangedAsync(PublicViewDelta delta)
    {
        var linkRotated = false;
        await _sync.WaitAsync();
        try
        {
            if (View is not { } view) return;
            // Each part keeps the version it was last set at; an older message (another host's, delivered late) loses.
            bool Newer(string part)
            {
                if (!delta.Changed.Contains(part)) return false;
                if (delta.Version <= _partVersions.GetValueOrDefault(part, _snapshotVersion)) return false;
                _partVersions[part] = delta.Version;
                return true;
            }
            view = view with
            {
                Version = Math.Max(view.Version, delta.Version),
                Header = Newer(PublicViewDelta.HeaderPart) ? delta.Header! : view.Header,
                Floor = Newer(PublicViewDelta.FloorPart) ? delta.Floor : view.Floor,
                Queue = Newer(PublicViewDelta.QueuePart) ? delta.Queue! : view.Queue,
                ScreenQuestion = Newer(PublicViewDelta.ScreenQuestionPart) ? delta.ScreenQuestion : view.ScreenQuestion,
                Survey = Newer(PublicViewDelta.SurveyPart) ? delta.Survey : view.Survey,
            };
            linkRotated = JoinLink is not null && view.Header.JoinLinkGeneration != View.Header.JoinLinkGeneration;
            View = view;
        }
        finally
        {
            _sync.Release();
        }
        // The participants' link was rotated: the screen's QR code must show the new one. Never await a hub call in a handler.
        if (linkRotated) _ = Task.Run(RefreshViewAsync);
        if (Changed is { } changed) await changed([]);
    }

    private async Task OnPersonalChangedAsync(PersonalView personal)
    {
        await _sync.WaitAsync();
        try
        {
            if (Personal is not null && personal.Version < Personal.Version) return;
            Personal = personal;
        }
        finally
        {
            _sync.Release();
        }
        if (Changed is { } changed) await changed([]);
    }

    private async Task OnCaptionAsync(CaptionLine line)
    {
        lock (_captions)
        {
            // A partial line is replaced by the next line of the same turn.
            CaptionLine.Append(_captions, line, KeptCaptions);
        }
        if (Changed is { } changed) await changed([]);
    }

    private async Task OnTranscriberStatusAsync(TranscriberStatus status)
    {
        Transcriber = status;
        if (Changed is { } changed) await changed([]);
    }

    private async Task OnChangedAsync(VersionedEvent[] events)
    {
        var gap = await ApplyAsync(events, null);
        // Never await a hub call inside a handler: the receive loop would wait on itself.
        if (gap) _ = Task.Run(CatchUpAsync);
    }

    /// <summary>Applies a snapshot (if newer) and then the events that follow on; returns true when some were out of reach.</summary>
    private async Task<bool> ApplyAsync(IReadOnlyList<VersionedEvent> events, MeetingState? snapshot)
    {
        List<VersionedEvent> applied = [];
        var gap = false;
        await _sync.WaitAsync();
        try
        {
            if (snapshot is not null && (State is null || snapshot.Version > State.Version))
            {
                State = snapshot;
                events = [.. _beforeSnapshot, .. events];
                _beforeSnapshot.Clear();
            }
            if (State is null)
            {
                _beforeSnapshot.AddRange(events);
                return false;
            }
            foreach (var e in events.OrderBy(e => e.Version))
            {
                if (e.Version <= State.Version) continue;
                if (e.Version != State.Version + 1) { gap = true; break; }
                State = Decider.Evolve(State, e.Event);
                applied.Add(e);
            }
        }
        finally
        {
            _sync.Release();
        }
        if ((applied.Count > 0 || snapshot is not null) && Changed is { } changed) await changed(applied);
        return gap;
    }

    private Task RaiseConnectionChanged() => ConnectionChanged?.Invoke() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _sync.Dispose();
    }

    /// <summary>Reconnects forever, backing off to one attempt every 5 seconds.</summary>
    private sealed class KeepRetrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, Math.Min(context.PreviousRetryCount, 5))));
    }
}
