import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * nhsuk-frontend's compiled CSS loads the Frutiger web font from assets.nhs.uk and its icons from /assets/images:
 * the app works offline and its policy allows nothing from elsewhere, so the font faces are dropped (the design
 * system's own fallback, Arial, is used) and the icons are bundled from the package.
 */
const nhsukOffline = () => ({
  name: 'tandem-nhsuk-offline',
  enforce: 'pre',
  transform(code, id) {
    if (!/nhsuk-frontend[\\/].*\.css$/.test(id.split('?')[0])) return null;
    return code
      .replace(/@font-face\s*{[^}]*https?:\/\/[^}]*}/g, '')
      .replace(/url\(\/assets\/images\//g, 'url(./assets/images/');
  },
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [nhsukOffline()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // nhsuk-frontend's CSS comes minified, with hacks for old browsers that lightningcss refuses to parse.
    cssMinify: false,
    sourcemap: true,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000', '/web-session': 'http://127.0.0.1:3000' } },
});
