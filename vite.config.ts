import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The page's Content-Security-Policy: everything from its own origin (scripts, the module worker,
 * stylesheets, the icon), nothing else, no inline script or style, no plugins, no forms. React and uPlot
 * set styles through the CSSOM, which the policy allows; the export download is a blob: link the user
 * follows, which it does not restrict. The README lists it with the other headers a host must send.
 *
 * The dev server (`devServer`) also needs the inline React refresh preamble, the `<style>` elements Vite
 * injects for hot reloading and the hot-reload websocket; a build never gets those.
 */
export function contentSecurityPolicy(devServer = false): string {
  const inline = devServer ? " 'unsafe-inline'" : '';
  return [
    "default-src 'none'",
    `script-src 'self'${inline}`,
    "worker-src 'self'",
    `style-src 'self'${inline}`,
    "img-src 'self'",
    `connect-src 'self'${devServer ? ' ws:' : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Writes the policy into index.html as a meta tag, so it holds on any static host, headers or not. */
function contentSecurityPolicyMeta(): Plugin {
  let devServer = false;
  return {
    name: 'spinelab-content-security-policy',
    configResolved(config) {
      devServer = config.command === 'serve' && !config.isProduction;
    },
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(devServer) }, injectTo: 'head-prepend' }];
    },
  };
}

// Cross-origin isolation (COOP + COEP) keeps other origins' windows and resources out of the page's
// process; a host should send the same headers (see the README's deployment section).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  server: { headers: isolationHeaders, port: 5173, host: '127.0.0.1' },
  // The preview serves the build as a host should: the policy as a header too, where frame-ancestors
  // (ignored in a meta tag) keeps the page out of other sites' frames.
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': `${contentSecurityPolicy()}; frame-ancestors 'none'` }, port: 4173, host: '127.0.0.1' },
  worker: { format: 'es' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests poll the page; software WebGL on two shared cores can take seconds to show a frame.
    expect: { poll: { timeout: 10_000 } },
  },
});
