// magcheck audio capture: an AudioWorklet that hands the microphone's
// samples (first channel) to the page in blocks of about 20 ms. The page
// decodes them in memory; nothing is stored or sent.
class MagcheckCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.size = Math.max(128, Math.round(sampleRate / 50 / 128) * 128);
    this.block = new Float32Array(this.size);
    this.n = 0;
  }

  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (!ch) return true;
    for (let i = 0; i < ch.length; i++) {
      this.block[this.n++] = ch[i];
      if (this.n === this.size) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(this.size);
        this.n = 0;
      }
    }
    return true;
  }
}

registerProcessor('magcheck-capture', MagcheckCapture);
