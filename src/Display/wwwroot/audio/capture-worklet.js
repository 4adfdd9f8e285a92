// Runs on the audio thread: turns the microphone (at the context's rate, often 48 kHz) into 16 kHz
// mono 16-bit PCM and posts it in blocks of 100 ms. Resampling averages the input samples that fall
// into each output sample (a box filter), which is enough against aliasing for speech recognition.
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000;   // input samples per output sample
    this.acc = 0; this.count = 0; this.pos = 0;
    this.block = new Int16Array(1600);
    this.filled = 0;
    this.peak = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const input = channels[0];
    for (let i = 0; i < input.length; i++) {
      let s = input[i];
      for (let c = 1; c < channels.length; c++) s += channels[c][i];
      s /= channels.length;
      this.acc += s; this.count++; this.pos += 1;
      if (this.pos >= this.step) {
        this.pos -= this.step;
        const v = Math.max(-1, Math.min(1, this.acc / this.count));
        this.acc = 0; this.count = 0;
        this.peak = Math.max(this.peak, Math.abs(v));
        this.block[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
        if (this.filled === this.block.length) {
          this.port.postMessage({ pcm: this.block.buffer, peak: this.peak }, [this.block.buffer]);
          this.block = new Int16Array(1600);
          this.filled = 0; this.peak = 0;
        }
      }
    }
    return true;
  }
}
registerProcessor("livesession-capture", CaptureProcessor);
