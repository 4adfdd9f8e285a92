// The hall audio's jitter buffer: when each packet of decoded speech plays, on the AudioContext's clock. Pure (no
// audio, no DOM), so that its rules are tested alone. The cushion is how much audio is still queued when a packet
// arrives. It starts at START; a packet that finds nothing queued (it came late, the speaker was heard to stutter)
// grows the target by STEP, up to MAX; after STABLE seconds without a late packet the target shrinks by SHRINK a
// second, down to MIN, and (at most twice a second) a frame is dropped when the cushion exceeds the target by more than a frame: the delay
// follows the network down again. A listener whose cushion is BEHIND seconds past its target (a stalled tab, a
// burst after a network pause) skips to live: what is queued is cut and playback starts again at the target.
window.HallJitter = (() => {
  "use strict";
  const DEFAULTS = { start: 0.15, min: 0.08, max: 0.8, step: 0.05, stable: 8, shrink: 0.01, behind: 1.0 };

  class HallJitter {
    constructor(settings) {
      this.settings = { ...DEFAULTS, ...settings };
      this.target = this.settings.start;
      this.playhead = 0;
      this.lastLate = -Infinity;
      this.lastShrink = -Infinity;
      this.lastDrop = -Infinity;
      this.stats = { packets: 0, late: 0, skipped: 0, dropped: 0 };
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
        // Only while stable, and one frame at a time: a burst after a short stall is not a reason to cut.
        if (stable && cushion > this.target + frameSeconds && frames > 1 && now - this.lastDrop >= 0.5) {
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
