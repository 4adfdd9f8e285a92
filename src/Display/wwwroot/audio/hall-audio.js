// The hall screen plays an online speaker's voice through the hall's loudspeakers. It listens on its own
// hub connection (the screen's link token) and schedules each 16 kHz block behind a small jitter buffer:
// about 200 ms of cushion, rebuilt after an underrun, and cut back if playback drifts a second behind.
const JITTER_SECONDS = 0.2;
const MAX_BEHIND_SECONDS = 1.0;
const SCRIPTS = ["/lib/signalr/signalr.min.js", "/_content/LiveSession.Display/live-hub.js"];

const loadScript = src => new Promise((resolve, reject) => {
  if (document.querySelector(`script[src="${src}"]`)) { resolve(); return; }
  const script = document.createElement("script");
  script.src = src; script.onload = resolve; script.onerror = reject;
  document.head.append(script);
});

const toFloats = base64 => {
  const binary = atob(base64);
  const samples = new Float32Array(binary.length >> 1);
  for (let i = 0; i < samples.length; i++) {
    let v = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    if (v >= 0x8000) v -= 0x10000;
    samples[i] = v / 0x8000;
  }
  return samples;
};

export async function start(token) {
  for (const src of SCRIPTS) await loadScript(src);
  const root = document.documentElement;
  const context = new AudioContext();
  let playhead = 0, blocks = 0;
  root.dataset.hallAudioBlocks = "0";

  // Browsers may keep sound off until someone touches the page: offer a button for that.
  const unlock = document.createElement("button");
  unlock.type = "button";
  unlock.className = "btn btn-warning hall-audio-unlock";
  unlock.textContent = "Bật loa cho người phát biểu trực tuyến";
  unlock.dataset.testid = "hall-audio-unlock";
  unlock.addEventListener("click", async () => { await context.resume(); update(); });
  // In the header's aside (beside the title, never over it); the page without one still gets the button.
  (document.getElementById("hall-audio-slot") || document.body).append(unlock);
  const update = () => {
    unlock.hidden = context.state === "running";
    root.dataset.hallAudioState = context.state;
  };
  context.onstatechange = update;
  update();

  const connection = LiveHub.connect(() => token);

  connection.on("Audio", packet => {
    const samples = toFloats(packet.pcm);
    if (samples.length === 0) return;
    const buffer = context.createBuffer(1, samples.length, 16000);
    buffer.copyToChannel(samples, 0);
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.connect(context.destination);
    const now = context.currentTime;
    if (playhead < now + 0.02 || playhead > now + MAX_BEHIND_SECONDS) playhead = now + JITTER_SECONDS;
    node.start(playhead);
    playhead += buffer.duration;
    root.dataset.hallAudioBlocks = String(++blocks);
  });
  // Groups do not survive a reconnect: listen again.
  connection.onreconnected(() => LiveHub.call(connection, "ListenAudio").catch(() => { }));
  listen(connection);
}

// The first connection is retried here (automatic reconnect only covers a connection that was once up), in the
// background: the screen must never wait for, or fail because of, its loudspeaker (e.g. while the host's data store is away).
// A refusal (the screen's link was rotated…) is the hub's answer: asking again would not change it.
async function listen(connection) {
  for (let delay = 500; ; delay = Math.min(2 * delay, 5000)) {
    try {
      await connection.start();
      await LiveHub.call(connection, "ListenAudio");
      return;
    } catch (e) {
      await connection.stop();
      if (e instanceof LiveHub.Refused) return;
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}
