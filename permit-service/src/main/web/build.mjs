// Builds the officers' verifier page into one directory that permit-service serves as static files
// (META-INF/resources/api/permits/verifier/ in its jar): page and service worker bundled with esbuild, the
// zxing-wasm decoder beside them, so the page loads nothing from anywhere else.
//
//   node build.mjs [output dir]      (or VERIFIER_OUT=dir; default dist/)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const out = resolve(process.argv[2] ?? process.env.VERIFIER_OUT ?? join(here, 'dist'));
const require = createRequire(import.meta.url);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src/page.js')],
  outfile: join(out, 'page.js'),
  bundle: true,
  format: 'esm',
  target: ['chrome109', 'safari16', 'firefox115'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'), join(out, 'zxing_reader.wasm'));
for (const file of ['index.html', 'styles.css']) {
  copyFileSync(join(here, 'src', file), join(out, file));
}

// The service worker precaches every file of the build; its version is their hash, so a new build installs anew.
const assets = readdirSync(out).sort();
const hash = createHash('sha256');
for (const file of assets) {
  hash.update(file).update(readFileSync(join(out, file)));
}
await build({
  entryPoints: [join(here, 'src/sw.js')],
  outfile: join(out, 'sw.js'),
  bundle: true,
  format: 'iife',
  target: ['chrome109', 'safari16', 'firefox115'],
  minify: true,
  logLevel: 'warning',
  define: {
    BUILD_VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)),
    BUILD_ASSETS: JSON.stringify(assets),
  },
});
console.log(`verifier page built into ${out}: ${assets.join(', ')}, sw.js`);
