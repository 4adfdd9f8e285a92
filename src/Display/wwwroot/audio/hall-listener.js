// "Nghe hội trường": the hall's speech on the participant's phone. The hub sends every listener the same Opus frames
// (HallAudio packets: when the first frame was spoken, the frame length, the frames); the page decodes them with
// WebCodecs where the browser has an Opus AudioDecoder, otherwise with the small WASM decoder from npm (opus-decoder,
// served from /lib like the other front-end packages), and plays each packet where the jitter buffer (HallJitter)
// places it. While the listener has the floor as an online speaker it plays nothing (no echo of their own voice);
// after a reconnect it listens again from live. The page's output goes through one gain node (the volume), which is
// what window.LiveHallAudio.output names for whoever wants to look at it.
// A device whose WebCodecs misbehave can be put on the WASM decoder: localStorage "ls-hall-decoder" = "wasm".
window.HallListener = (() => {
  "use strict";
  const WASM_DECODER = "/lib/opus-decoder/opus-decoder.min.js";
  const VOLUME_KEY = "ls-hall-volume";
  const root = document.documentElement;
  const bytes = base64 => Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  const setting = key => { try { return localStorage.getItem(key); } catch { return null; } };

  // WebCodecs: one EncodedAudioChunk per frame; outputs come in order, a packet is done when all its frames are out.
  class WebCodecsDecoder {
    static async create() {
      if (!("AudioDecoder" in window)) return null;
      const config = { codec: "opus", sampleRate: 16000, numberOfChannels: 1 };
      try { if (!(await AudioDecoder.isConfigSupported(config)).supported) return null; } catch { return null; }
      return new WebCodecsDecoder(config);
    }

    constructor(config) {
      this.kind = "webcodecs";
      this.config = config;
      this.waiting = [];
      this.open();
    }

    open() {
      this.decoder = new AudioDecoder({
        output: data => {
          const packet = this.waiting[0];
          const samples = new Float32Array(data.numberOfFrames);
          data.copyTo(samples, { planeIndex: 0, format: "f32-planar" });
          packet.rate = data.sampleRate;
          data.close();
          packet.parts.push(samples);
          if (packet.parts.length === packet.count) { this.waiting.shift(); packet.resolve(packet); }
        },
        // A frame it cannot decode closes the decoder: what waits is lost, a fresh decoder takes the next packet.
        error: () => { for (const packet of this.waiting.splice(0)) packet.resolve(null); this.open(); },
      });
      this.decoder.configure(this.config);
    }

    decode(frames, at, frameMs) {
      return new Promise(resolve => {
        this.waiting.push({ count: frames.length, parts: [], rate: 0, resolve });
        frames.forEach((data, i) => this.decoder.decode(new EncodedAudioChunk({ type: "key", timestamp: (at + i * frameMs) * 1000, data })));
      });
    }
  }

  // The WASM fallback decodes on the page's thread: a 20 ms frame takes well under a millisecond.
  class WasmDecoder {
    static async create() {
      if (!window["opus-decoder"]) {
        await new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = WASM_DECODER; script.onload = resolve; script.onerror = reject;
          document.head.append(script);
        });
      }
      const decoder = new window["opus-decoder"].OpusDecoder({ channels: 1, sampleRate: 16000 });
      await decoder.ready;
      return new WasmDecoder(decoder);
    }

    constructor(decoder) { this.kind = "wasm"; this.decoder = decoder; }

    async decode(frames) {
      let rate = 16000;
      const parts = frames.map(frame => { const out = this.decoder.decodeFrame(frame); rate = out.sampleRate; return out.channelData[0]; });
      return { parts, rate };
    }
  }

  function create(connection, onState) {
    let context = null, output = null, decoder = null, jitter = null;
    let listening = false, muted = false, sources = [];
    let volume = Number(setting(VOLUME_KEY) ?? 0.8);
    if (!(volume >= 0 && volume <= 1)) volume = 0.8;
    const counts = { packets: 0, played: 0 };
    const mark = () => {
      root.dataset.hallListening = listening ? "on" : "off";
      root.dataset.hallMuted = muted ? "1" : "0";
      root.dataset.hallPackets = String(counts.packets);
      root.dataset.hallPlayed = String(counts.played);
    };
    mark();

    const cut = () => { for (const source of sources) { try { source.stop(); } catch { } } sources = []; };
    // Playback starts again from live: nothing queued plays, the next packet starts a fresh cushion.
    const restart = () => { cut(); if (jitter) jitter.reset(); };

    connection.on("HallAudio", packet => { if (listening) receive(packet); });

    async function receive(packet) {
      counts.packets++;
      // Nothing plays while muted; nor while the system holds the page's sound (a locked screen suspends it, or freezes
      // the page and then hands it the packets held meanwhile in one burst): those would be late when the sound comes
      // back, so they are dropped and playback starts again from live.
      if (muted || context.state !== "running") { if (!muted) restart(); mark(); return; }
      const decoded = await decoder.decode(packet.frames.map(bytes), packet.at, packet.frameMs);
      if (!decoded || !listening || muted) return;
      // A packet whose decode began before the sound was suspended is as late as those that came after: dropped too.
      if (context.state !== "running") { restart(); mark(); return; }
      const frameSeconds = packet.frameMs / 1000;
      const { at, drop, skip } = jitter.place(context.currentTime, decoded.parts.length, frameSeconds);
      if (skip) cut();
      const kept = decoded.parts.slice(drop);
      const length = kept.reduce((sum, part) => sum + part.length, 0);
      if (length === 0) return;
      const buffer = context.createBuffer(1, length, decoded.rate);
      let offset = 0;
      for (const part of kept) { buffer.copyToChannel(part, 0, offset); offset += part.length; }
      const node = context.createBufferSource();
      node.buffer = buffer;
      node.connect(output);
      node.onended = () => { sources = sources.filter(s => s !== node); };
      node.start(at);
      sources.push(node);
      counts.played++;
      mark();
    }

    const hall = {
      get listening() { return listening; },
      get volume() { return volume; },

      // On the button (a user's gesture: browsers let sound start only then).
      async start() {
        if (!context) {
          context = new AudioContext({ latencyHint: "interactive" });
          output = context.createGain();
          output.gain.value = volume;
          output.connect(context.destination);
          // A locked screen or another app may suspend the page's sound; it is resumed when the page is back.
          document.addEventListener("visibilitychange", () => {
            if (listening && document.visibilityState === "visible" && context.state !== "running") context.resume().catch(() => { });
          });
        }
        await context.resume();
        decoder ??= (setting("ls-hall-decoder") !== "wasm" && await WebCodecsDecoder.create()) || await WasmDecoder.create();
        root.dataset.hallDecoder = decoder.kind;
        jitter = new HallJitter();
        await LiveHub.call(connection, "ListenHall");
        listening = true;
        window.LiveHallAudio = { context, output, jitter, decoder: decoder.kind };
        mark();
        onState();
      },

      async stop() {
        listening = false;
        cut();
        mark();
        onState();
        try { await LiveHub.call(connection, "StopListeningHall"); } catch { /* the connection is gone: so is the listening */ }
      },

      // After a reconnect: a new connection listens to nothing yet; listen again from live, with a fresh cushion.
      async resume() {
        if (!listening) return;
        restart();
        try { await LiveHub.call(connection, "ListenHall"); }
        catch (e) { listening = false; mark(); onState(e); }
      },

      // While the listener is the online speaker, the hall mix is their own voice: play none of it.
      mute(on) {
        if (muted === on) return;
        muted = on;
        if (on) cut(); else restart();
        mark();
        onState();
      },
      get muted() { return muted; },

      setVolume(value) {
        volume = value;
        if (output) output.gain.setTargetAtTime(value, context.currentTime, 0.02);
        try { localStorage.setItem(VOLUME_KEY, String(value)); } catch { }
      },

      // What the lock screen and the notification show (Media Session): the meeting, and who has the floor.
      describe(title, speaker) {
        if (!("mediaSession" in navigator) || !window.MediaMetadata) return;
        navigator.mediaSession.metadata = new MediaMetadata({ title: speaker || "Nghe hội trường", artist: title || "", album: "Nghe hội trường" });
        navigator.mediaSession.playbackState = listening ? "playing" : "paused";
      },
    };
    if ("mediaSession" in navigator) {
      try {
        navigator.mediaSession.setActionHandler("play", () => hall.start().catch(e => onState(e)));
        navigator.mediaSession.setActionHandler("pause", () => hall.stop());
      } catch { /* an action this browser does not know */ }
    }
    return hall;
  }

  return { create };
})();
