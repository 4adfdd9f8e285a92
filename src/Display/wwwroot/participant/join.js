// The participant's page: a light client of the meeting hub. It receives only the public view of the
// meeting (replaced part by part) and its own personal view; it never sees other participants' data.
// Everything a user or another participant typed is put on the page with textContent, never as HTML.
(async () => {
  "use strict";
  const $ = id => document.getElementById(id);
  const show = (el, visible) => { el.hidden = !visible; };
  const text = (el, value) => { el.textContent = value ?? ""; };

  // ---- identity: the public link's token, replaced by the personal token the hub hands out -------------
  const publicToken = new URLSearchParams(location.search).get("t");
  // A short, stable, non-secret name for the storage slot of this link (cyrb53).
  const hash = s => {
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677); }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
  };
  const storage = {
    get(key) { try { return localStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ } },
    remove(key) { try { localStorage.removeItem(key); } catch { } },
  };
  // The short link (/j/{code}) hands out a fresh token on every scan but names its code: a phone that re-scans the
  // QR code, reloads or reopens its browser finds the identity it was given for that meeting's link.
  const joinCode = new URLSearchParams(location.search).get("c");
  const identityKey = !publicToken ? null
    : /^[a-z2-9]{8}$/.test(joinCode || "") ? "ls-participant:code:" + joinCode
    : "ls-participant:" + hash(publicToken);
  let token = (identityKey && storage.get(identityKey)) || publicToken;

  // ---- the view --------------------------------------------------------------------------------------
  let view = null, personal = null, captions = [], clockOffset = 0;
  const partVersions = {};
  let snapshotVersion = 0;

  const fail = message => {
    text($("status"), message);
    $("status").className = "container py-5";
    const box = document.createElement("div");
    box.className = "alert alert-danger";
    box.setAttribute("role", "alert");
    box.textContent = message;
    $("status").replaceChildren(box);
    show($("status"), true);
    show($("app"), false);
  };
  if (!publicToken) { fail("Liên kết thiếu mã truy cập. Hãy quét lại mã QR hoặc mở đúng đường liên kết được cấp."); return; }

  // The C# facts this page needs (ParticipantFacts on the host): the forms' limits, the survey's scores, the words for a
  // question's status and for who has the floor, the view's parts. None is typed here a second time.
  let facts;
  try {
    const response = await fetch("/api/participant-facts", { cache: "no-cache" });
    if (!response.ok) throw new Error(String(response.status));
    facts = await response.json();
  } catch {
    fail("Không kết nối được tới máy chủ hội nghị. Hãy kiểm tra mạng rồi tải lại trang.");
    return;
  }
  const LIMITS = facts.limits, PARTS = facts.viewParts;
  for (const [id, limit] of [["me-name", LIMITS.name], ["me-locality", LIMITS.locality], ["me-phone", LIMITS.phone],
    ["sp-topic", LIMITS.topic], ["q-text", LIMITS.question], ["survey-comment", LIMITS.comment]]) $(id).maxLength = limit;
  text($("q-photo-max"), (LIMITS.photoBytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " MB");

  // The token may change (the personal one replaces the public one), so it is read at each (re)connect.
  const connection = LiveHub.connect(() => token, fail);

  connection.on("ViewChanged", delta => {
    if (!view) return;
    // Each part keeps the version it was last set at; a late message from another host loses.
    for (const part of delta.changed) {
      if (!PARTS.includes(part)) continue;
      if (delta.version <= (partVersions[part] ?? snapshotVersion)) continue;
      partVersions[part] = delta.version;
      view[part] = delta[part];
    }
    view.version = Math.max(view.version, delta.version);
    render();
  });
  connection.on("PersonalChanged", next => {
    if (personal && next.version < personal.version) return;
    personal = next;
    render();
  });
  connection.on("Caption", line => {
    const last = captions[captions.length - 1];
    if (last && !last.final && last.turnId === line.turnId) captions.pop();
    captions.push(line);
    captions = captions.slice(-facts.keptCaptions);
    renderCaptions();
  });
  // One note for both outages: the connection to the host, and the host's own link to its data store.
  const offlineText = $("offline").textContent;
  function offline(text) { $("offline").textContent = text || offlineText; show($("offline"), text !== null); }
  connection.on("StoreStatusChanged", status => offline(status.available ? null : status.message));
  connection.onreconnecting(() => offline());
  connection.onreconnected(async () => {
    // Groups do not survive a reconnect: join again, which also brings a fresh view, and listen again from live.
    try { await join(); offline(null); await hall.resume(); } catch (e) { showError(messageOf(e)); }
  });
  connection.onclose(() => offline());

  // ---- "Nghe hội trường": the hall's speech, live ---------------------------------------------------------
  const HALL_IDLE = $("hall-state").textContent;
  const hall = HallListener.create(connection, error => {
    const button = $("hall-listen");
    button.textContent = hall.listening ? "Dừng nghe" : "Nghe hội trường";
    button.className = hall.listening ? "btn btn-outline-primary" : "btn btn-primary";
    button.setAttribute("aria-pressed", String(hall.listening));
    text($("hall-state"), error ? messageOf(error)
      : !hall.listening ? HALL_IDLE
      : hall.muted ? "Bạn đang phát biểu: tạm tắt tiếng hội trường để không bị vọng lại."
      : "Đang nghe hội trường.");
    describeHall();
  });
  $("hall-volume").value = String(hall.volume);
  $("hall-volume").addEventListener("input", e => hall.setVolume(Number(e.target.value)));
  $("hall-listen").addEventListener("click", async () => {
    $("hall-listen").disabled = true;
    try { await (hall.listening ? hall.stop() : hall.start()); }
    catch (e) { text($("hall-state"), e instanceof LiveHub.Refused ? e.message : "Không phát được âm thanh trên máy này: " + (e && e.message || e)); }
    finally { $("hall-listen").disabled = false; }
  });
  const describeHall = () => view && hall.describe(view.header.title, view.floor ? view.floor.name : null);

  async function join() {
    const result = await LiveHub.call(connection, "Join");
    if (result.personalToken) { token = result.personalToken; storage.set(identityKey, token); }
    // Too many new devices from this network just now: this one follows the meeting until it reloads later.
    text($("follow-only"), result.notice);
    show($("follow-only"), !!result.notice);
    clockOffset = Date.parse(result.serverTime) - Date.now();
    // The identity in groups of four, as the desk types it (ParticipantCode.Of on the server).
    const code = result.participantId ? result.participantId.slice(1).toUpperCase().match(/.{1,4}/g).join(" ") : "";
    text($("device-code"), code);
    show($("device-code-box"), !!code);
    applySnapshot(result.view);
  }

  function applySnapshot(snapshot) {
    view = snapshot.public;
    snapshotVersion = view.version;
    for (const part of PARTS) delete partVersions[part];
    if (snapshot.personal) personal = snapshot.personal;
    captions = (snapshot.captions || []).slice(-facts.keptCaptions);
    const list = $("localities");
    list.replaceChildren(...(snapshot.localities || []).map(name => { const o = document.createElement("option"); o.value = name; return o; }));
    fillFields(snapshot.fields || []);
    showPrivacy(snapshot.privacyNotice || []);
    render();
  }

  // ---- the office's notice on personal data: open until read once on this device ----------------------
  const PRIVACY_KEY = "ls-privacy-read";
  function showPrivacy(paragraphs) {
    $("privacy-text").replaceChildren(...paragraphs.map(line => { const p = document.createElement("p"); p.className = "mb-2"; p.textContent = line; return p; }));
    const read = storage.get(PRIVACY_KEY) === "1";
    show($("privacy"), paragraphs.length > 0 && !read);
    show($("privacy-open"), paragraphs.length > 0 && read);
  }
  $("privacy-ok").addEventListener("click", () => { storage.set(PRIVACY_KEY, "1"); show($("privacy"), false); show($("privacy-open"), true); });
  $("privacy-open").addEventListener("click", () => { show($("privacy"), true); show($("privacy-open"), false); });

  async function start() {
    try {
      await connection.start();
      await join();
    } catch (e) {
      if (token !== publicToken) {
        // The remembered identity no longer works (e.g. the link was rotated): start afresh with the public link.
        storage.remove(identityKey);
        token = publicToken;
        try { await connection.stop(); } catch { }
        try { await connection.start(); await join(); } catch (e2) { fail(fatalMessage(e2)); return; }
      } else { fail(fatalMessage(e)); return; }
    }
    show($("status"), false);
    show($("app"), true);
  }

  // A refusal carries its message (LiveHub.Refused); anything else is the connection's. A link the host does not take at
  // all is turned away before the hub, with HTTP 401 on the connection's negotiation.
  const fatalMessage = e => {
    if (e instanceof LiveHub.Refused) return e.message;
    if (/\b401\b/.test(String(e && e.message || ""))) return "Liên kết không hợp lệ hoặc đã bị thu hồi. Hãy quét lại mã QR trên màn hình hội trường.";
    return "Không kết nối được tới máy chủ hội nghị. Hãy kiểm tra mạng rồi tải lại trang.";
  };
  const messageOf = e => e instanceof LiveHub.Refused ? e.message : "Mất kết nối tới máy chủ, thao tác chưa được thực hiện.";

  // ---- rendering (textContent only) ----------------------------------------------------------------
  const li = (className, ...children) => {
    const item = document.createElement("li");
    if (className) item.className = className;
    for (const child of children) item.append(child);
    return item;
  };
  const span = (className, value) => { const s = document.createElement("span"); s.className = className; s.textContent = value ?? ""; return s; };
  const serverNow = () => Date.now() + clockOffset;

  function remainingMs(timer) {
    const elapsed = timer.elapsedBeforeSeconds * 1000 + (timer.runningSince ? Math.max(0, serverNow() - Date.parse(timer.runningSince)) : 0);
    return Math.round(timer.allottedSeconds * 1000 - elapsed);
  }

  function render() {
    if (!view) return;
    const h = view.header;
    text($("title"), h.title);
    text($("step"), h.stepLabel || h.statusLabel);
    document.title = h.title;

    const floor = view.floor;
    show($("floor-empty"), !floor);
    show($("floor-now"), !!floor);
    if (floor) {
      const answering = floor.kind === "answer";
      text($("floor-label"), facts.floorLabels[floor.kind] || facts.floorLabels.citizen);
      text($("floor-name"), answering && floor.officialNamed ? "Đ/c " + floor.name : floor.name);
      text($("floor-detail"), [answering ? floor.officialTitle : floor.locality, floor.channel === "online" ? "trực tuyến" : null].filter(Boolean).join(" · "));
      text($("floor-topic"), floor.topic);
      const countdown = $("floor-countdown");
      countdown.dataset.remainingMs = String(remainingMs(floor.timer));
      countdown.dataset.running = floor.timer.runningSince ? "1" : "0";
    } else {
      text($("floor-label"), facts.floorLabels.citizen);
    }
    renderCaptions();
    renderMine();
    describeHall();
    renderSurvey();
    renderQuestions();

    text($("queue-count"), String(view.queue.count));
    $("queue").replaceChildren(...view.queue.next.map(s =>
      li("", span("fw-semibold", s.name), span("text-body-secondary", [s.locality, s.channel === "online" ? "trực tuyến" : null].filter(Boolean).map(x => " · " + x).join("")))));
    const rest = view.queue.count - view.queue.next.length;
    show($("queue-more"), rest > 0);
    text($("queue-more"), rest > 0 ? `và ${rest} người khác` : "");
    if (!view.queue.count) $("queue").replaceChildren(li("text-body-secondary list-unstyled", "Chưa có ai trong danh sách."));
  }

  function renderCaptions() {
    const box = $("captions");
    const turn = view && view.floor ? view.floor.turnId : undefined;
    const lines = turn ? captions.filter(c => !c.turnId || c.turnId === turn).slice(-2) : [];
    show(box, lines.length > 0);
    box.replaceChildren(...lines.map(c => { const d = document.createElement("div"); d.className = c.final ? "" : "partial"; d.textContent = c.text; return d; }));
  }

  function renderMine() {
    const r = personal && personal.registration;
    const open = r && (r.status === "requested" || r.status === "queued" || r.status === "speaking");
    show($("mine"), !!open);
    show($("mine-last"), !!r && !open && (r.status === "rejected" || r.status === "done"));
    if (open) {
      const box = $("mine");
      box.className = "alert " + (r.status === "speaking" ? "alert-success" : "alert-primary");
      text($("mine-text"),
        r.status === "requested" ? "Đăng ký phát biểu của bạn đang chờ duyệt."
        : r.status === "speaking" ? "Mời bạn phát biểu."
        : r.position === 0 ? "Bạn là người tiếp theo."
        : `Còn ${r.position} người trước bạn.`);
      text($("mine-detail"), [r.topic, r.field, r.requestedMinutes + " phút"].filter(Boolean).join(" · "));
      show($("withdraw"), r.status !== "speaking");
    } else if (r) {
      text($("mine-last"), r.status === "rejected" ? "Đăng ký phát biểu trước của bạn không được chấp nhận. Bạn có thể gửi câu hỏi bằng văn bản hoặc đăng ký lại."
        : "Bạn đã phát biểu. Cảm ơn bạn đã đóng góp ý kiến!");
    }
    // One open registration at a time: the form comes back once it is withdrawn, done or turned down; none while the
    // chair has closed the list (said before anyone types, not after they send).
    const closed = !!(view && view.header && view.header.listClosed);
    show($("speaker-form"), !open && !closed);
    show($("list-closed"), !open && closed);
    const speaking = !!r && r.status === "speaking";
    show($("mic-box"), speaking);
    hall.mute(speaking);
    // A choice sent is shown as made until a view carries it: neither a view arriving meanwhile nor the host's answer
    // arriving before the view may undo the click.
    if (pendingConsent && (!r || r.speakerId !== pendingConsent.speakerId || r.recordingConsent === pendingConsent.consent)) pendingConsent = null;
    const consent = pendingConsent ? pendingConsent.consent : r ? r.recordingConsent : null;
    $("recording-yes").checked = consent === true;
    $("recording-no").checked = consent === false;
    $("mic-toggle").disabled = consent === null || consent === undefined;
    if (!speaking && microphone) micOff(TURN_ENDED);
  }

  // ---- the microphone, only while the chair has given this participant the floor ----------------------
  let microphone = null;
  let pendingConsent = null; // { speakerId, consent }: the recording choice sent, until a view carries it
  const micState = message => text($("mic-state"), message);

  // The choice is the speaker's own and comes before the microphone: without it the button stays off.
  async function chooseRecording(consent) {
    const r = personal && personal.registration;
    if (!r) return;
    pendingConsent = { speakerId: r.speakerId, consent };
    const accepted = await run({ type: "setRecordingConsent", speakerId: r.speakerId, consent },
      consent ? "Đã ghi nhận: ông/bà đồng ý ghi âm lượt phát biểu." : "Đã ghi nhận: lượt phát biểu sẽ không được ghi âm.");
    if (!accepted) pendingConsent = null; // refused: the choice the host has is shown again
    renderMine();
  }
  $("recording-yes").addEventListener("change", () => chooseRecording(true));
  $("recording-no").addEventListener("change", () => chooseRecording(false));

  // The turn's end reaches the phone twice, in either order: the new view, and the host stopping the stream because it
  // is no longer this participant's turn. Both say the same.
  const TURN_ENDED = "Lượt phát biểu của bạn đã kết thúc; micro đã tắt.";
  const turnEndedOr = result => result.errorCode === "not_your_turn" ? TURN_ENDED : result.errorMessage;

  async function micOn() {
    $("mic-toggle").disabled = true;
    let mic;
    try {
      mic = microphone = await LiveMicrophone.open(null);
    } catch (e) {
      micOff(e.message);
      return;
    } finally {
      $("mic-toggle").disabled = false;
    }
    $("mic-toggle").textContent = "Tắt micro";
    $("mic-toggle").className = "btn btn-outline-danger";
    micState("Micro đang bật: mời bạn nói.");
    try {
      const result = await mic.stream(connection);
      if (result && !result.ok && microphone === mic) micOff(turnEndedOr(result));
    } catch (e) {
      if (microphone === mic) micOff(messageOf(e));
    }
  }

  function micOff(message) {
    const mic = microphone;
    microphone = null;
    if (mic) mic.close();
    $("mic-toggle").textContent = "Bật micro để phát biểu";
    $("mic-toggle").className = "btn btn-success";
    micState(message || "Micro đã tắt.");
  }

  function renderSurvey() {
    const s = view.survey;
    const answered = personal && personal.surveyAnswered;
    show($("survey"), !!(s && s.isOpen));
    show($("survey-form"), !answered);
    show($("survey-done"), !!answered);
    const results = s && !s.isOpen && s.results;
    show($("survey-results"), !!results && results.count > 0);
    if (results && results.count > 0) {
      text($("survey-results"), `Kết quả phiếu lấy ý kiến: ${results.count} phiếu, mức hài lòng trung bình ${results.averageSatisfaction.toLocaleString("vi-VN")}/5; ` +
        `${results.yes} phiếu cho biết ý kiến đã được giải đáp, ${results.no} phiếu chưa.`);
    }
  }

  function renderQuestions() {
    const list = (personal && personal.questions) || [];
    show($("my-questions-box"), list.length > 0);
    $("my-questions").replaceChildren(...list.map(q => {
      const item = li("list-group-item");
      const status = span("badge me-2 " + (q.status === "rejected" ? "text-bg-secondary" : q.status === "answered" ? "text-bg-success" : q.status === "approved" ? "text-bg-primary" : "text-bg-light border"), facts.questionStatuses[q.status] || q.status);
      const body = span("question-text", q.text);
      item.append(status, body);
      if (q.hasAttachment) item.append(span("text-body-secondary ms-1", " (có ảnh)"));
      if (q.rejectReason) { const reason = document.createElement("div"); reason.className = "text-body-secondary"; reason.textContent = "Lý do: " + q.rejectReason; item.append(reason); }
      if (q.status === "pending") {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-link btn-sm p-0 ms-2 align-baseline";
        button.textContent = "Rút câu hỏi";
        button.addEventListener("click", () => run({ type: "withdrawQuestion", questionId: q.id }, "Đã rút câu hỏi."));
        item.append(button);
      }
      return item;
    }));
  }

  // ---- messages ------------------------------------------------------------------------------------
  function showError(message) {
    text($("alert-text"), message);
    show($("alert"), true);
    show($("notice"), false);
    $("alert").scrollIntoView({ block: "nearest" });
  }
  let noticeTimer = 0;
  function showNotice(message) {
    show($("alert"), false);
    text($("notice"), message);
    show($("notice"), !!message);
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => show($("notice"), false), 8000);
  }
  $("alert-close").addEventListener("click", () => show($("alert"), false));

  async function run(command, success) {
    try {
      const result = await connection.invoke("Execute", command, null);
      if (!result.ok) { showError(result.errorMessage || "Thao tác không thực hiện được."); return false; }
      showNotice(success);
      return true;
    } catch (e) {
      showError(messageOf(e));
      return false;
    }
  }

  // ---- the participant's details, remembered on this device ---------------------------------------
  const clean = value => value.normalize("NFC").trim();
  const PROFILE_KEY = "ls-profile";
  const profileInputs = { name: $("me-name"), locality: $("me-locality"), phone: $("me-phone") };
  const phoneConsent = $("me-phone-consent");
  const showPhoneUnsent = () => show($("me-phone-unsent"), !!clean(profileInputs.phone.value) && !phoneConsent.checked);
  try {
    const saved = JSON.parse(storage.get(PROFILE_KEY) || "{}");
    for (const key of Object.keys(profileInputs)) if (typeof saved[key] === "string") profileInputs[key].value = saved[key].slice(0, LIMITS[key]);
    phoneConsent.checked = saved.phoneConsent === true;
  } catch { /* nothing remembered */ }
  showPhoneUnsent();
  const remember = () => {
    storage.set(PROFILE_KEY, JSON.stringify({
      name: profileInputs.name.value, locality: profileInputs.locality.value, phone: profileInputs.phone.value, phoneConsent: phoneConsent.checked }));
    showPhoneUnsent();
  };
  for (const input of [...Object.values(profileInputs), phoneConsent]) input.addEventListener(input === phoneConsent ? "change" : "input", remember);

  function profile() {
    // A number is sent only with the callback consent ticked: without it the person still takes part, without a callback.
    const name = clean(profileInputs.name.value), locality = clean(profileInputs.locality.value),
      phone = phoneConsent.checked ? clean(profileInputs.phone.value) : "";
    if (!name) { showError("Hãy nhập họ và tên của bạn trước."); profileInputs.name.focus(); return null; }
    if (name.length > LIMITS.name) { showError(`Họ tên dài quá ${LIMITS.name} ký tự.`); profileInputs.name.focus(); return null; }
    if (locality.length > LIMITS.locality) { showError(`Thôn/tổ dân phố dài quá ${LIMITS.locality} ký tự.`); return null; }
    const digits = phone.replace(/[^0-9]/g, "").length;
    if (phone && (!/^[0-9+ .-]+$/.test(phone) || digits < LIMITS.phoneMinDigits || digits > LIMITS.phoneMaxDigits)) { showError(facts.phoneInvalid); profileInputs.phone.focus(); return null; }
    return { name, locality: locality || null, phone: phone || null };
  }

  // ---- forms ---------------------------------------------------------------------------------------
  // The fields come with the meeting (Fields.Of on the host: the one list every form uses); a choice already made is kept.
  function fillFields(fields) {
    for (const select of [$("sp-field"), $("q-field")]) {
      const chosen = select.value;
      const none = document.createElement("option");
      none.value = ""; none.textContent = "— Chọn —";
      select.replaceChildren(none, ...fields.map(f => { const o = document.createElement("option"); o.value = f; o.textContent = f; return o; }));
      select.value = fields.includes(chosen) ? chosen : "";
    }
  }
  $("sp-minutes").replaceChildren(...Array.from({ length: facts.requestedMinutes.max }, (_, i) => {
    const o = document.createElement("option");
    o.value = String(i + 1); o.textContent = `${i + 1} phút`; o.selected = i + 1 === facts.requestedMinutes.default;
    return o;
  }));
  $("survey-scores").replaceChildren(...facts.scores.map((label, i) => {
    const wrap = document.createElement("div"); wrap.className = "form-check";
    const input = document.createElement("input");
    Object.assign(input, { className: "form-check-input", type: "radio", name: "score", id: "score-" + (i + 1), value: String(i + 1) });
    const l = document.createElement("label"); l.className = "form-check-label"; l.htmlFor = input.id; l.textContent = `${i + 1} – ${label}`;
    wrap.append(input, l);
    return wrap;
  }));

  async function register(raiseHand) {
    const me = profile();
    if (!me) return;
    const topic = raiseHand ? null : clean($("sp-topic").value);
    if (topic && topic.length > LIMITS.topic) { showError(`Nội dung dài quá ${LIMITS.topic} ký tự.`); return; }
    const ok = await run({
      type: "registerSpeaker", name: me.name, locality: me.locality, topic: topic || (raiseHand ? "Giơ tay xin phát biểu" : null),
      field: $("sp-field").value || null, requestedMinutes: Number($("sp-minutes").value), channel: "online", phone: me.phone,
    }, "Đã gửi đăng ký phát biểu. Ban tổ chức sẽ duyệt và xếp lượt cho bạn.");
    if (ok) $("sp-topic").value = "";
  }
  $("speaker-form").addEventListener("submit", e => { e.preventDefault(); register(false); });
  $("raise-hand").addEventListener("click", () => register(true));
  $("mic-toggle").addEventListener("click", () => microphone ? micOff() : micOn());
  $("withdraw").addEventListener("click", () => {
    const r = personal && personal.registration;
    if (r) run({ type: "withdrawSpeaker", speakerId: r.speakerId }, "Đã rút đăng ký phát biểu.");
  });

  $("question-form").addEventListener("submit", async e => {
    e.preventDefault();
    const me = profile();
    if (!me) return;
    const body = $("q-text").value.normalize("NFC").trim();
    if (!body) { showError("Hãy nhập nội dung câu hỏi."); $("q-text").focus(); return; }
    if (body.length > LIMITS.question) { showError(`Nội dung câu hỏi dài quá ${LIMITS.question} ký tự.`); return; }
    const submit = e.submitter || $("question-form").querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      let attachmentId = null;
      const file = $("q-photo").files[0];
      if (file) {
        if (file.size > LIMITS.photoBytes) { showError(facts.photoTooLarge); return; }
        attachmentId = await upload(file);
        if (!attachmentId) return;
      }
      const ok = await run({ type: "submitQuestion", askerName: me.name, locality: me.locality, text: body, field: $("q-field").value || null, attachmentId, askerPhone: me.phone },
        "Đã gửi câu hỏi. Ban tổ chức sẽ xem xét trước khi chuyển tới chủ trì.");
      if (ok) { $("q-text").value = ""; $("q-photo").value = ""; showPhotoName(); }
    } finally {
      submit.disabled = false;
    }
  });

  const showPhotoName = () => {
    const file = $("q-photo").files[0];
    text($("q-photo-name"), file ? `${file.name} (${(file.size / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB)` : "Chưa chọn ảnh");
  };
  $("q-photo").addEventListener("change", showPhotoName);

  async function upload(file) {
    try {
      const response = await fetch("/api/attachments", {
        method: "POST", body: file,
        headers: { "Authorization": "Bearer " + token, "Content-Type": file.type || "application/octet-stream" },
      });
      const json = await response.json().catch(() => null);
      if (!response.ok) { showError((json && json.detail) || "Không gửi được ảnh."); return null; }
      return json.id;
    } catch {
      showError("Không gửi được ảnh: mất kết nối tới máy chủ.");
      return null;
    }
  }

  $("survey-form").addEventListener("submit", async e => {
    e.preventDefault();
    const score = $("survey-form").querySelector("input[name=score]:checked");
    if (!score) { showError("Hãy chọn mức độ hài lòng."); return; }
    const concerns = $("survey-form").querySelector("input[name=concerns]:checked");
    const comment = $("survey-comment").value.normalize("NFC").trim();
    if (comment.length > LIMITS.comment) { showError(`Góp ý dài quá ${LIMITS.comment} ký tự.`); return; }
    await run({ type: "answerSurvey", satisfaction: Number(score.value), concernsAnswered: concerns ? concerns.value === "yes" : null, comment: comment || null },
      "Đã gửi phiếu lấy ý kiến. Cảm ơn ông/bà!");
  });

  start();
})();
