import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import request from 'supertest';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('platform: health, IDE, errors, schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health reports the database up without a token', async () => {
    const res = await request(t.http).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('answers GET / with a landing page that points at the API, the IDE and /health', async () => {
    const res = await request(t.http).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="en-GB">');
    for (const link of ['href="/graphql"', 'href="/health"']) expect(res.text).toContain(link);
    expect(res.text).toContain('npm start');
    expect(res.text).not.toMatch(/<script|https?:\/\//);
  });

  it('serves the GraphQL IDE and its assets from the service itself (no CDN)', async () => {
    const page = await request(t.http).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/graphql-ide/">');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|embeddable-sandbox)/);
    // It opens on a worked example that says where the bearer token goes.
    expect(page.text).toContain('query WhoAmI');
    expect(page.text).toContain('Authorization: Bearer');
    const asset = await request(t.http).get('/graphql-ide/main.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('still answers GraphQL GET requests with a query', async () => {
    const res = await request(t.http)
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('apollo-require-preflight', 'true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('codes a malformed query as BAD_USER_INPUT', async () => {
    const res = await t.gql('{ organisations { ');
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('gives every request an id and echoes a sane one back', async () => {
    const given = await request(t.http).get('/health').set('x-request-id', 'req-123');
    expect(given.headers['x-request-id']).toBe('req-123');
    const generated = await request(t.http).get('/health').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a request body over the limit', async () => {
    const res = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
  });

  it('keeps schema.gql identical to the schema the code generates', () => {
    const generated = `${printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema))}\n`;
    expect(readFileSync('schema.gql', 'utf8')).toBe(generated);
  });
});

describe('production mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: 'production', graphql: { ide: false, introspection: false } });
  });
  afterAll(() => t.close());

  it('sends no stack traces and no IDE', async () => {
    const admin = await t.adminToken();
    const res = await t.gql(`{ organisation(id: "6f1c1f7e-1111-4222-8333-944444444444") { id } }`, {}, admin);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors![0].extensions.stacktrace).toBeUndefined();
    const page = await request(t.http).get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toContain('graphql-ide');
  });

  it('hides internal errors behind INTERNAL_SERVER_ERROR', async () => {
    const admin = await t.adminToken();
    await t.ownerQuery('ALTER TABLE organisation RENAME TO organisation_gone');
    try {
      const res = await t.gql(`{ organisations { totalCount } }`, {}, admin);
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors![0].message).toBe('Internal server error');
      expect(JSON.stringify(res)).not.toContain('organisation_gone');
      const health = await request(t.http).get('/health');
      expect(health.status).toBe(200);
    } finally {
      await t.ownerQuery('ALTER TABLE organisation_gone RENAME TO organisation');
    }
  });

  it('turns introspection off', async () => {
    const res = await t.gql(`{ __schema { queryType { name } } }`, {}, await t.adminToken());
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
