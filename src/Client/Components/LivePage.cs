using System.Reflection;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;
using LiveSession.Domain.Views;

namespace LiveSession.Client.Components;

/// <summary>
/// Runs a command for a page. With <c>shownVersion</c> (the version the user was looking at) it is
/// refused as stale if the meeting moved on since: used where the user acts on positions they saw.
/// </summary>
public delegate Task<bool> CommandRunner(MeetingCommand command, long? shownVersion = null);

/// <summary>
/// Base of every live page: reads the role-link token ("?t="), connects to the meeting hub once the
/// page is interactive, re-renders on every change, and runs commands with a visible outcome.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected IJSRuntime JS { get; set; } = default!;
    [Inject] private IPageHub PageHub { get; set; } = default!;

    /// <summary>
    /// Pages of a shared link (the participant's) keep the personal token the hub hands out in the
    /// browser's storage, so that a reload or a later visit is the same participant.
    /// </summary>
    protected virtual bool RemembersIdentity => false;

    [SupplyParameterFromQuery(Name = "t")] public string? Token { get; set; }

    /// <summary>Another page of the same link's holder (e.g. "/setup"), carrying the token.</summary>
    protected string SamePerson(string page) => $"{page}?t={Uri.EscapeDataString(Token ?? "")}";

    protected MeetingConnection? Meeting { get; private set; }
    /// <summary>The meeting as this page's link sees it; null once the link has been revoked.</summary>
    protected MeetingState? State => Meeting is { Revoked: null } meeting ? meeting.State : null;
    /// <summary>For the hall screen: the public view; null once the link has been revoked.</summary>
    protected PublicView? View => Meeting is { Revoked: null } meeting ? meeting.View : null;
    protected bool Connected => Meeting?.ConnectionState == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected;
    /// <summary>Set while the host cannot reach its data store: the notice to show.</summary>
    protected string? StoreOutage => Meeting?.Store.Message;
    /// <summary>Why the page cannot show the meeting (bad link, revoked link, host unreachable).</summary>
    protected string? FatalError { get => Meeting?.Revoked ?? _fatalError; private set => _fatalError = value; }
    private string? _fatalError;
    /// <summary>The last refusal of a command, shown until the next success.</summary>
    protected string? CommandError { get; set; }
    protected bool Busy { get; private set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        if (string.IsNullOrWhiteSpace(Token))
        {
            FatalError = "Liên kết thiếu mã truy cập. Hãy mở đúng đường liên kết được cấp.";
            StateHasChanged();
            return;
        }
        var storageKey = "ls-identity:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Token)))[..24];
        var remembered = RemembersIdentity ? await JS.InvokeAsync<string?>("localStorage.getItem", storageKey) : null;
        try
        {
            try
            {
                await ConnectAsync(remembered ?? Token);
            }
            catch (Exception ex) when (remembered is not null && ex is HubRefusedException or HttpRequestException)
            {
                // The remembered identity is no longer valid (e.g. the link was rotated): start afresh.
                await Meeting!.DisposeAsync();
                await ConnectAsync(Token);
            }
            if (RemembersIdentity && Meeting!.PersonalToken is { } personal)
                await JS.InvokeVoidAsync("localStorage.setItem", storageKey, personal);
            if (Meeting!.Role is { } role && RefusalOf(role) is { } refused)
            {
                await Meeting.DisposeAsync();
                Meeting = null;
                FatalError = refused;
            }
        }
        catch (HubRefusedException ex)
        {
            FatalError = ex.Message;
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            FatalError = "Liên kết không hợp lệ hoặc đã bị thu hồi.";
        }
        catch (HttpRequestException)
        {
            FatalError = "Không kết nối được tới máy chủ hội nghị.";
        }
        await OnMeetingReadyAsync();
        StateHasChanged();
    }

    private async Task ConnectAsync(string token)
    {
        Meeting = new MeetingConnection(PageHub.HubUrl, token, PageHub.Configure);
        Meeting.Changed += OnMeetingChangedAsync;
        Meeting.ConnectionChanged += () => InvokeAsync(StateHasChanged);
        await Meeting.StartAsync();
    }

    /// <summary>
    /// Why the link's role may not open this page (the operation the page declares with <see cref="RequiresAttribute"/>,
    /// by the one permission table), or null when it may. A page that declares nothing opens for no one.
    /// </summary>
    private string? RefusalOf(Role role) =>
        GetType().GetCustomAttribute<RequiresAttribute>() is { } requires && Permissions.Allows(Permissions.Of(role), requires.Operation)
            ? null
            : $"Liên kết của {RoleNames.Vietnamese(role)} không mở được trang này.";

    /// <summary>Called once the first snapshot arrived (or the connection failed).</summary>
    protected virtual Task OnMeetingReadyAsync() => Task.CompletedTask;

    private Task OnMeetingChangedAsync(IReadOnlyList<VersionedEvent> events) => InvokeAsync(StateHasChanged);

    /// <summary>Runs a command and shows a refusal in the page's alert; see <see cref="CommandRunner"/>.</summary>
    protected async Task<bool> RunAsync(MeetingCommand command, long? shownVersion = null)
    {
        if (Meeting is null || State is null) return false;
        Busy = true;
        try
        {
            var result = await ExecuteAsync(command, shownVersion);
            CommandError = result.Ok ? null : result.ErrorMessage;
            // The click may belong to a child panel, which is all Blazor re-renders by itself.
            StateHasChanged();
            return result.Ok;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Runs a command and hands back the outcome for the caller to show (the page's alert is left alone).</summary>
    protected async Task<CommandResult> ExecuteAsync(MeetingCommand command, long? expectedVersion = null)
    {
        if (Meeting is null || State is null) return Disconnected;
        try
        {
            return await Meeting.ExecuteAsync(command, expectedVersion);
        }
        catch (HubRefusedException refused)
        {
            // The catch-up after a refused command was refused in turn (the link was just rotated…): that refusal is the outcome.
            return CommandResult.Refused(refused.Error, State?.Version ?? 0);
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or TaskCanceledException)
        {
            // A refusal is an answer, never an exception: a HubException here is the host failing the call.
            return Disconnected;
        }
    }

    private CommandResult Disconnected => new(false, State?.Version ?? 0, "disconnected", "Mất kết nối tới máy chủ, thao tác chưa được thực hiện.");

    public async ValueTask DisposeAsync()
    {
        if (Meeting is not null) await Meeting.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
