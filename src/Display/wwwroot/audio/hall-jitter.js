// The hall audio's jitter buffer: when each packet of decoded speech plays, on the AudioContext's clock. Pure (no
// audio, no DOM), so that its rules are tested alone. The cushion is how much audio is still queued when a packet
// arrives. It starts at START; a packet that finds nothing queued (it came late, the speaker was heard to stutter)
// grows the target by STEP, up to MAX. After STABLE seconds without a late packet the target shrinks by SHRINK a
// second, down to MIN, and a frame is dropped (at most twice a second) when the cushion exceeds the target by more
// than a frame: the delay follows the network down again. A cushion more than FAR over its target (a burst after the
// host or the network stalled) loses a frame at every packet. A listener whose cushion is BEHIND seconds past its
// target (a stalled tab, a long burst) skips to live: what is queued is cut and playback starts again at the target.
window.HallJitter = (() => {
  "use strict";
  const DEFAULTS = { start: 0.15, min: 0.08, max: 0.8, step: 0.05, stable: 5, shrink: 0.01, far: 0.1, behind: 0.5 };

  class HallJitter {
    constructor(settings) {
      this.settings = { ...DEFAULTS, ...settings };
      this.target = this.settings.start;
      this.playhead = 0;
      this.lastLate = -Infinity;
      this.lastShrink = -Infinity;
      this.lastDrop = -Infinity;
      // cushion: the last one seen; most: the largest since the start (seconds).
      this.stats = { packets: 0, late: 0, skipped: 0, dropped: 0, cushion: 0, most: 0 };
    }

    // The longest a packet may wait here before it plays: the bound on the delay this buffer adds.
    get bound() { return this.settings.max + this.settings.behind; }

    // Forget the queue (a reconnect, a pause): the next packet starts a fresh cushion at the current target.
    reset() { this.playhead = 0; }

    // A packet of `frames` frames of `frameSeconds` each arrives at `now`. Returns where its first kept frame plays
    // (`at`), how many leading frames to drop (`drop`), and whether what was queued must be cut (`skip`).
    place(now, frames, frameSeconds) {
      const s = this.settings;
      this.stats.packets++;
      const cushion = this.playhead - now;
      if (this.playhead !== 0) { this.stats.cushion = cushion; this.stats.most = Math.max(this.stats.most, cushion); }
      let drop = 0, skip = false;
      if (this.playhead === 0) {
        // A fresh start proves nothing yet: the stable period counts from here.
        this.lastLate = now;
        this.playhead = now + this.target;
      } else if (cushion <= 0) {
        this.stats.late++;
        this.lastLate = now;
        this.target = Math.min(s.max, this.target + s.step);
        this.playhead = now + this.target;
      } else if (cushion > this.target + s.behind) {
        this.stats.skipped++;
        skip = true;
        this.playhead = now + this.target;
      } else {
        const stable = now - this.lastLate >= s.stable;
        if (stable && now - this.lastShrink >= 1 && this.target > s.min) {
          this.target = Math.max(s.min, this.target - s.shrink);
          this.lastShrink = now;
        }
        // A frame at a time: twice a second while stable; at every packet while the cushion is far over its target
        // (a burst after the host or the network stalled), so that the delay comes back within a couple of seconds.
        const over = cushion - this.target;
        if (frames > 1 && over > frameSeconds && (over > s.far ? true : stable && now - this.lastDrop >= 0.5)) {
          drop = 1;
          this.lastDrop = now;
          this.stats.dropped++;
        }
      }
      const at = this.playhead;
      this.playhead += (frames - drop) * frameSeconds;
      return { at, drop, skip };
    }
  }

  return HallJitter;
})();
