/** Vite: builds the React UI from src/web into dist/web (served by the API server) and proxies /api in development. */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = import.meta.dirname;

export default defineConfig({
  root: resolve(repo, 'src/web'),
  plugins: [react()],
  build: {
    outDir: resolve(repo, 'dist/web'),
    emptyOutDir: true,
    // Ant Design alone is larger than Vite's default warning threshold; pages are split per route below.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our pages: separate chunks keep browser caches useful across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
