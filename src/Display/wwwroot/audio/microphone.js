// A microphone streamed to the meeting hub: getUserMedia → AudioWorklet (16 kHz PCM, 100 ms blocks) →
// SignalR client-to-server stream "UploadAudio". Used by the hall microphone page and by an online
// participant who has the floor. The hub answers when the stream ends; a refusal is told at once (AudioStopped),
// the stream is then completed and the answer carries the reason.
window.LiveMicrophone = (() => {
  "use strict";
  const WORKLET = "/_content/LiveSession.Display/audio/capture-worklet.js";

  const base64 = buffer => {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };

  const explain = error => {
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") return "Trình duyệt chưa được phép dùng micro. Hãy cho phép micro cho trang này rồi bật lại.";
    if (name === "NotFoundError" || name === "OverconstrainedError") return "Không tìm thấy micro trên máy này.";
    if (name === "NotReadableError") return "Micro đang bị ứng dụng khác sử dụng.";
    if (!window.isSecureContext) return "Trình duyệt chỉ cho dùng micro trên trang https hoặc localhost.";
    return "Không bật được micro: " + (error && error.message ? error.message : error);
  };

  // Opens the microphone once; start() then streams it for as long as the hub takes it.
  async function open(onLevel) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw new Error(explain({ name: "SecurityError" }));
    let media;
    try {
      media = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch (e) {
      throw new Error(explain(e));
    }
    const context = new AudioContext();
    await context.audioWorklet.addModule(WORKLET);
    const source = context.createMediaStreamSource(media);
    const node = new AudioWorkletNode(context, "livesession-capture");
    source.connect(node);
    if (context.state === "suspended") await context.resume();
    let subject = null;
    let blocks = 0;
    node.port.onmessage = event => {
      onLevel && onLevel(event.data.peak);
      if (subject) { subject.next({ pcm: base64(event.data.pcm) }); blocks++; }
    };

    return {
      get blocks() { return blocks; },
      // Streams to the hub until stop() or a refusal; resolves with the hub's CommandResult.
      async stream(connection) {
        if (subject) subject.complete();
        const current = new signalR.Subject();
        subject = current;
        // A refusal is told first; the hub answers once the stream is completed.
        const stopped = () => { if (subject === current) this.stop(); };
        connection.on("AudioStopped", stopped);
        try {
          return await connection.invoke("UploadAudio", current);
        } finally {
          connection.off("AudioStopped", stopped);
          if (subject === current) subject = null;
        }
      },
      stop() { if (subject) { const s = subject; subject = null; s.complete(); } },
      async close() {
        this.stop();
        media.getTracks().forEach(t => t.stop());
        await context.close();
      },
    };
  }

  return { open };
})();
