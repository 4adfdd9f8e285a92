// The one way the light pages (participant, hall microphone, hall screen's audio) open the meeting hub:
// the role link's token, reconnecting forever with a back-off up to 5 s, until the hub says the link was
// revoked (it was rotated): then the connection stops for good and onRevoked gets the reason to show.
window.LiveHub = {
  connect(token, onRevoked) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/meeting", { accessTokenFactory: token })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 200 * Math.pow(2, Math.min(ctx.previousRetryCount, 5))) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("LinkRevoked", reason => {
      connection.stop();
      if (onRevoked) onRevoked(reason);
    });
    return connection;
  },
};
