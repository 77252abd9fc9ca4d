import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served by the API at /console (api/platform/console-app.ts), so every asset URL starts there. The
 * build emits module scripts only (no inline script), which the console's CSP requires.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Under the console's CSP the module preload polyfill would be an extra script for browsers we do not target.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // Libraries change less often than the console: separate files keep their cache across console releases.
        // (The form library is left to Rollup: named here it would take modules the entry shares and be preloaded.)
        manualChunks: {
          antd: ['antd', '@ant-design/icons'],
          charts: ['echarts', 'echarts-for-react'],
        },
      },
    },
  },
});
