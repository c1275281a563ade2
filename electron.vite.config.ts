import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { bundleHost } from './main/host/tools/bundleHost';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // the background writer's and the media thread run programs of their own, found beside the module that starts them
      lib: {
        entry: {
          main: resolve('main/electron/main.ts'),
          backgroundWorker: resolve('main/db/backgroundWorker.ts'),
          rtpWorker: resolve('main/telephony/media/rtpWorker.ts'),
        },
      },
      // so the chunks both share sit in that same folder too
      rollupOptions: { output: { chunkFileNames: '[name]-[hash].js' } },
    },
    // the headless host for plain Node, built with every build so it never lags the code it runs
    plugins: [{ name: 'dialwell-headless-host', apply: 'build', closeBundle: bundleHost }],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle everything it uses, emit CommonJS.
      externalizeDeps: false,
      lib: { entry: resolve('preload/index.ts') },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('renderer'),
    esbuild: { jsx: 'automatic' },
    build: {
      outDir: resolve('out/renderer'),
      chunkSizeWarningLimit: 2048,
      rollupOptions: {
        input: resolve('renderer/index.html'),
        onwarn(warning, warn) {
          // Mantine marks its modules "use client" for React Server Components; meaningless in a client bundle.
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
