import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// One SPA for /dashboard/* and /checkout/:id; the gateway serves build/ and
// falls back to index.html for those paths.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./build', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': process.env.OPENCHECKOUT_GATEWAY_URL ?? 'http://127.0.0.1:3000' },
  },
});
