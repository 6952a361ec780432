// Bundles the CLI for the container image: main.mjs and its two worker entries (replicateWorker.mjs,
// sweepWorker.mjs, the names main.mjs loads them by) with their one runtime dependency (seedrandom), so
// the image needs Node and these files only: no node_modules, no TypeScript loader.
//   node src/cli/cluster/bundleCli.mjs [OUTDIR]   (default dist/cli; `npm run build:cli`)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'src/cli/main.ts',
    replicateWorker: 'src/cli/replicateWorkerMain.ts',
    sweepWorker: 'src/cli/sweepWorkerMain.ts',
  },
  outdir: process.argv[2] ?? 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // seedrandom is CommonJS and probes require('crypto'); give the bundle a real require.
  banner: { js: "import { createRequire as spinelabRequire } from 'node:module'; const require = spinelabRequire(import.meta.url);" },
  logLevel: 'warning',
});
