import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { RequestHandler } from 'express';
import { type CspDirectives, serializeCsp } from '../security/headers.js';

/** Where the built web app's static files are served from (Vite's `assets/` folder). */
export const WEB_ASSETS_PATH = '/assets';

/**
 * The routes of the web app (its client-side router's): a browser opening or reloading one gets the app's page.
 * Everything else keeps its own handler, and an unknown path stays a 404. Keep in step with src/web/src/App.tsx.
 */
export const WEB_ROUTES = [
  'sign-in',
  // Managers: rotas, the board, building from a template, leave requests.
  'rotas',
  'rotas/:rotaId',
  'teams/:teamId/from-template',
  'leave-requests',
  // Managers: their teams' open shifts and claims, and swaps waiting for approval.
  'open-shift-claims',
  // Staff: open shifts to claim, swaps, and (everyone) the inbox.
  'open-shifts',
  'my-swaps',
  'my-swaps/new/:assignmentId',
  'inbox',
  // Staff.
  'my-shifts',
  'my-leave',
  'my-placements',
  'my-preferences',
  'my-calendar',
  // HR: the reports' pages (their CSV downloads are /reports/<name>.csv, ReportsController's).
  'reports',
  'reports/joint-roles',
  'reports/placements',
  'reports/compliance',
  'reports/credentials',
  // HR: the staff banks their organisations share.
  'bank-agreements',
];

/**
 * The app's policy: its own scripts, styles, images and fonts only (no inline script or style element: React
 * sets styles through the DOM), requests to this service only, never framed.
 */
export const WEB_APP_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The built web app (`vite build` into dist/web, part of `npm run build`): found beside the compiled server
 * (dist/src/… → dist/web) or, when the server runs from source (tests), in dist/web of the repository.
 */
export function findWebApp(): string | undefined {
  const candidates = [
    new URL('../../../web/', import.meta.url),
    new URL('../../../dist/web/', import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}

export interface WebApp {
  dir: string;
  /** The app's page: read again whenever a build replaced it (its old hashed assets are gone by then). */
  html(): string;
  policy: string;
}

export function loadWebApp(): WebApp | undefined {
  const dir = findWebApp();
  if (!dir) return undefined;
  const file = `${dir}index.html`;
  let cached = { mtimeMs: -1, html: '' };
  return {
    dir,
    html() {
      const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
      if (mtimeMs === undefined) return cached.html;
      if (mtimeMs !== cached.mtimeMs) {
        try {
          cached = { mtimeMs, html: readFileSync(file, 'utf8') };
        } catch {
          // Replaced while being read: the last page until the build has written the new one.
        }
      }
      return cached.html;
    },
    policy: serializeCsp(WEB_APP_CSP),
  };
}

/** The app's hashed static files: cached for a year (their names change with their contents). */
export function webAssets(app: WebApp): RequestHandler {
  return express.static(`${app.dir}assets`, { immutable: true, maxAge: '1y', index: false });
}
