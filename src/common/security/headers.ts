import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** A Content-Security-Policy as directive → sources. */
export type CspDirectives = Record<string, string[]>;

/**
 * The policy of everything without one of its own (JSON answers, errors, downloads): a browser that opens one
 * may load nothing from it, submit no form, and show it in no frame.
 */
export const STRICT_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const serializeCsp = (directives: CspDirectives): string =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/** A CSP source allowing exactly this inline script or style. */
export const sha256Source = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The contents of a page's inline `<script>` or `<style>` elements (not those with `src`), to hash. */
export function inlineContents(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]!))
    .map((m) => m[2]!);
}

/**
 * Security headers on every response (helmet): the strict policy above (pages replace it with their own),
 * X-Frame-Options DENY, nosniff, no referrer, same-origin opener and resource policies, and HSTS for a year when
 * the service is reached over https (PUBLIC_URL): over plain http a browser would ignore it, and a development
 * host would be pinned to https.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: STRICT_CSP },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }) as RequestHandler;
}
