// The one way the light pages (participant, hall microphone, hall screen's audio) open the meeting hub:
// the role link's token, reconnecting forever with a back-off up to 5 s, until the hub says the link was
// revoked (it was rotated): then the connection stops for good and onRevoked gets the reason to show.
//
// Every hub method answers { ok, errorCode, errorMessage } (a CommandResult, or a HubAnswer with its data in
// "value"): a refusal is an answer with a code, never an error to cut apart. LiveHub.call returns the data (or the
// CommandResult) and throws a LiveHub.Refused carrying the code and the Vietnamese message when the hub said no; any
// other error it throws is the connection's.
(() => {
  "use strict";
  class Refused extends Error {
    constructor(code, message) {
      super(message || "Thao tác không thực hiện được.");
      this.name = "Refused";
      this.code = code;
    }
  }

  window.LiveHub = {
    Refused,

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

    async call(connection, method, ...args) {
      const answer = await connection.invoke(method, ...args);
      if (!answer || answer.ok !== true) throw new Refused(answer && answer.errorCode, answer && answer.errorMessage);
      return "value" in answer ? answer.value : answer;
    },
  };
})();
