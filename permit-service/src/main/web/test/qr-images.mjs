// QR images for the tests: PNG files for the command-line verifier, Y4M videos for Chromium's fake camera.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

const require = createRequire(import.meta.url);
let prepared;

async function write(text, options) {
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm')) },
    fireImmediately: true,
  });
  await prepared;
  const result = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', ...options });
  if (result.error) {
    throw new Error(`zxing could not write the QR code: ${result.error}`);
  }
  return result;
}

/** A PNG of the QR code of text. */
export async function writeQrPng(text, file) {
  const { image } = await write(text, { scale: 4 });
  writeFileSync(file, new Uint8Array(await image.arrayBuffer()));
}

/**
 * A Y4M video (what --use-file-for-fake-video-capture plays, in a loop) showing the QR code of text, black on
 * white in the middle of a 640×480 frame: `YUV4MPEG2 W640 H480 F5:1 Ip A1:1 C420jpeg`, then per frame `FRAME`,
 * the Y plane and the U and V planes at a quarter of its size.
 */
export async function writeQrY4m(text, file, { width = 640, height = 480, frames = 5 } = {}) {
  const { symbol } = await write(text, {});
  const module = Math.floor(Math.min(width, height) * 0.85 / symbol.width);
  if (module < 2) {
    throw new Error(`the QR code of ${text.length} characters does not fit ${width}×${height}`);
  }
  const left = Math.floor((width - symbol.width * module) / 2);
  const top = Math.floor((height - symbol.height * module) / 2);
  const y = new Uint8Array(width * height).fill(255);
  for (let row = 0; row < symbol.height; row++) {
    for (let col = 0; col < symbol.width; col++) {
      if (symbol.data[row * symbol.width + col] === 0) {
        for (let dy = 0; dy < module; dy++) {
          y.fill(0, (top + row * module + dy) * width + left + col * module,
            (top + row * module + dy) * width + left + (col + 1) * module);
        }
      }
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`),
    ...Array(frames).fill(frame)]));
}
