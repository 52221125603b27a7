import type { NextFunction, Request, Response } from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';
import express from 'express';

export const IDE_ASSETS_PATH = '/graphql-ide';

/**
 * The GraphQL IDE (Altair) on GET /graphql for browsers, served entirely from node_modules: it works with no
 * internet access. API requests (POST, or GET with a query) pass through to Apollo.
 */
export function ideHtmlMiddleware(endpoint = '/graphql') {
  const html = renderAltair({
    baseURL: `${IDE_ASSETS_PATH}/`,
    endpointURL: endpoint,
    initialName: 'Tandem',
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const wantsHtml =
      req.method === 'GET' &&
      req.path === '/' &&
      !req.query.query &&
      (req.headers.accept ?? '').includes('text/html');
    if (!wantsHtml) return next();
    res.type('html').send(html);
  };
}

export const ideAssets = (): ReturnType<typeof express.static> =>
  express.static(getDistDirectory(), { fallthrough: false, maxAge: '1d' });
