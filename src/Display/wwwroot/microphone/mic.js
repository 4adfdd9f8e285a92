// The hall microphone page: the PC wired to the hall's mixer streams the hall's sound to the hub for
// the minutes and the captions. It shows who has the floor, a level meter and what the hub says; after
// a lost connection it resumes streaming by itself.
(() => {
  "use strict";
  const $ = id => document.getElementById(id);
  const token = new URLSearchParams(location.search).get("t");
  const setState = (message, kind) => { $("state").textContent = message; $("state").className = "fw-semibold " + (kind || ""); };
  const showError = message => { $("alert").textContent = message; $("alert").hidden = !message; };
  const fail = message => {
    const box = document.createElement("div");
    box.className = "alert alert-danger"; box.setAttribute("role", "alert"); box.textContent = message;
    $("status").replaceChildren(box); $("status").hidden = false; $("app").hidden = true;
  };
  if (!token) { fail("Liên kết thiếu mã truy cập. Hãy mở đúng đường liên kết micro hội trường được cấp."); return; }

  const connection = LiveHub.connect(() => token, fail);

  let microphone = null;   // the open microphone while the user wants it on
  let streaming = false;

  const render = view => {
    $("title").textContent = view.header.title;
    $("step").textContent = view.header.stepLabel || view.header.statusLabel || "";
    const floor = view.floor;
    $("floor").textContent = floor ? floor.name + (floor.channel === "online" ? " (trực tuyến)" : "") : "Chưa có ai phát biểu.";
  };
  let view = null;
  connection.on("ViewChanged", delta => {
    if (!view) return;
    for (const part of delta.changed) view[part] = delta[part];
    render(view);
  });
  connection.on("Caption", line => { $("caption").textContent = line.text; });

  // Streams until the hub ends it (a refusal) or the connection drops (then again once reconnected).
  async function stream() {
    if (!microphone || streaming || connection.state !== signalR.HubConnectionState.Connected) return;
    streaming = true;
    setState("Đang gửi âm thanh tới máy chủ.", "text-success");
    try {
      const result = await microphone.stream(connection);
      if (result && !result.ok && microphone) {
        showError(result.errorMessage);
        await turnOff();
      }
    } catch {
      if (microphone) setState("Mất kết nối, sẽ gửi tiếp khi kết nối lại…", "text-warning");
    } finally {
      streaming = false;
    }
  }

  async function turnOn() {
    showError("");
    $("toggle").disabled = true;
    try {
      microphone = await LiveMicrophone.open(peak => { $("meter").style.width = Math.round(Math.min(1, peak * 1.5) * 100) + "%"; });
      $("toggle").textContent = "Tắt micro"; $("toggle").className = "btn btn-lg btn-outline-danger px-4";
      stream();
    } catch (e) {
      microphone = null;
      showError(e.message);
    } finally {
      $("toggle").disabled = false;
    }
  }

  async function turnOff() {
    const mic = microphone;
    microphone = null;
    if (mic) await mic.close();
    $("meter").style.width = "0";
    $("toggle").textContent = "Bật micro"; $("toggle").className = "btn btn-lg btn-success px-4";
    setState("Micro đang tắt.");
  }

  $("toggle").addEventListener("click", () => microphone ? turnOff() : turnOn());
  connection.onreconnecting(() => { if (microphone) setState("Mất kết nối, sẽ gửi tiếp khi kết nối lại…", "text-warning"); });
  connection.on("StoreStatusChanged", status => {
    if (!status.available) setState(status.message, "text-danger");
    else if (!microphone) setState("Micro đang tắt.");
    else { setState("Đang gửi âm thanh tới máy chủ.", "text-success"); stream(); }
  });
  connection.onreconnected(async () => {
    try { view = (await LiveHub.call(connection, "Join")).view.public; render(view); stream(); }
    catch (e) { if (e instanceof LiveHub.Refused) showError(e.message); }
  });

  (async () => {
    try {
      await connection.start();
      const joined = await LiveHub.call(connection, "Join");
      view = joined.view.public;
      render(view);
      $("status").hidden = true; $("app").hidden = false;
    } catch (e) {
      fail(e instanceof LiveHub.Refused ? e.message
        : /\b401\b|Unauthorized/.test(String(e)) ? "Liên kết không hợp lệ hoặc đã bị thu hồi." : "Không kết nối được tới máy chủ hội nghị.");
    }
  })();
})();
