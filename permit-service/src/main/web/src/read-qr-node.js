// Decodes a QR code from an image file's bytes (PNG, JPEG, ...) in Node, with zxing-wasm's decoder loaded from
// node_modules: its default would fetch the .wasm from a CDN, which a verifier must never depend on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let prepared;

/** The text of the first QR code in the image, or null when there is none. */
export async function readQrFromImage(bytes) {
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) },
    fireImmediately: true,
  });
  await prepared;
  const results = await readBarcodes(new Uint8Array(bytes), { formats: ['QRCode'], tryHarder: true,
    maxNumberOfSymbols: 1 });
  return results.find((r) => r.isValid && r.text)?.text ?? null;
}
