// The one way the light pages (participant, hall microphone, hall screen's audio) open the meeting hub:
// the role link's token, reconnecting forever with a back-off up to 5 s.
window.LiveHub = {
  connect(token) {
    return new signalR.HubConnectionBuilder()
      .withUrl("/hubs/meeting", { accessTokenFactory: token })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 200 * Math.pow(2, Math.min(ctx.previousRetryCount, 5))) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
  },
};
