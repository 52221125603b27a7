import type { NextFunction, Request, Response } from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';
import express from 'express';
import { IDE_EXAMPLE, IDE_EXAMPLE_VARIABLES } from './ide-example.js';
import { type CspDirectives, inlineContents, serializeCsp, sha256Source } from '../security/headers.js';

export const IDE_ASSETS_PATH = '/graphql-ide';

/**
 * What Altair needs, and no more: its scripts from here (its one inline script, the start-up call, by hash: no
 * 'unsafe-inline' for scripts), its styles (Angular and its editor add <style> elements at run time, without a
 * nonce: hence 'unsafe-inline' for styles only), its images and fonts (some as data: URLs), workers, and the
 * sandbox frame it runs request scripts in; requests only to this service. Checked in a headless Chromium: the
 * IDE starts, loads the schema and reports no CSP violation.
 */
function idePolicy(html: string, frameAncestors: string): CspDirectives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineContents(html, 'script').map(sha256Source)],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [frameAncestors],
  };
}

/** The IDE page, and the Content-Security-Policy of the page and of its assets. */
export function ide(endpoint = '/graphql') {
  const html = renderAltair({
    baseURL: `${IDE_ASSETS_PATH}/`,
    endpointURL: endpoint,
    initialName: 'Tandem',
    initialQuery: IDE_EXAMPLE,
    initialVariables: IDE_EXAMPLE_VARIABLES,
    initialHeaders: { Authorization: 'Bearer <paste a token printed by npm start>' },
  });
  return {
    html,
    pagePolicy: serializeCsp(idePolicy(html, "'none'")),
    // The sandbox page among the assets is framed by the IDE itself.
    assetPolicy: serializeCsp(idePolicy(html, "'self'")),
  };
}

/**
 * The GraphQL IDE (Altair) on GET /graphql for browsers, served entirely from node_modules: it works with no
 * internet access. API requests (POST, or GET with a query) pass through to Apollo.
 */
export function ideHtmlMiddleware(endpoint = '/graphql') {
  const { html, pagePolicy } = ide(endpoint);
  return (req: Request, res: Response, next: NextFunction): void => {
    const wantsHtml =
      req.method === 'GET' &&
      req.path === '/' &&
      !req.query.query &&
      (req.headers.accept ?? '').includes('text/html');
    if (!wantsHtml) return next();
    res.setHeader('Content-Security-Policy', pagePolicy);
    res.type('html').send(html);
  };
}

export const ideAssets = (endpoint = '/graphql'): ReturnType<typeof express.static> => {
  const { assetPolicy } = ide(endpoint);
  return express.static(getDistDirectory(), {
    fallthrough: false,
    maxAge: '1d',
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', assetPolicy);
      res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    },
  });
};
