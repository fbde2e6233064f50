import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The workbench is a static build served by scripts/desk-server (or any web server); relative
// base. Folders are resolved from this file with the global URL, so apps/ needs no Node import.
const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  root: here('./src'),
  base: './',
  plugins: [react()],
  build: { outDir: here('./dist'), emptyOutDir: true, sourcemap: false },
});
