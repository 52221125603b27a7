import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { insertCredential, skillId } from '../fixtures/factories.js';
import { addShift, ASSIGN, assignedOf, createRota, insertStaff, rotaWorld } from '../fixtures/rota-setup.js';
import { FreezableProxy } from '../fixtures/tcp-proxy.js';
import { errorCode, startTestApp, TEST_JWT_SECRET, type TestApp } from '../fixtures/test-app.js';

/** A GraphQL call with the Authorization header exactly as given. */
const withHeader = (t: TestApp, authorization: string) =>
  request(t.http)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', authorization)
    .send({ query: '{ skills { id } }' });

/** A query nested `levels` deep through organisation → teams → organisation … */
function nested(levels: number): string {
  let inner = 'id';
  for (let i = levels - 1; i >= 0; i--)
    inner = i % 2 === 0 ? `teams { ${inner} }` : `organisation { ${inner} }`;
  return `{ organisations(first: 1) { edges { node { ${inner} } } } }`;
}

describe('hardening: query limits, page size, body size, batching', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ graphql: { maxDepth: 8, maxCost: 5000, maxAliases: 5 } });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('refuses a query nested deeper than the limit before running it (BAD_USER_INPUT)', async () => {
    expect((await t.gql(nested(2), {}, admin)).errors).toBeUndefined();
    const deep = await t.gql(nested(12), {}, admin);
    expect(deep.data).toBeUndefined();
    expect(deep.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(deep.errors![0].message).toMatch(/depth/i);
  });

  it('refuses a query whose estimated cost is over the limit, and too many aliases', async () => {
    // Shallow enough for the depth limit, but 100 organisations × about 50 teams each × 4 fields costs 20,301.
    const costly = await t.gql(
      `{ organisations(first: 100) { edges { node { teams { id name kind timeZone } } } } }`,
      {},
      admin,
    );
    expect(costly.data).toBeUndefined();
    expect(costly.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(costly.errors![0].message).toMatch(/cost/i);
    expect(costly.errors![0].extensions).toMatchObject({ cost: 20_301, maxCost: 5000 });
    // The same text again (its cost remembered, having no variables) is refused the same way.
    const again = await t.gql(
      `{ organisations(first: 100) { edges { node { teams { id name kind timeZone } } } } }`,
      {},
      admin,
    );
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: 20_301 });
    const aliases = await t.gql(
      `{ a: skills { id } b: skills { id } c: skills { id } d: skills { id } e: skills { id } f: skills { id } }`,
      {},
      admin,
    );
    expect(aliases.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(aliases.errors![0].message).toMatch(/alias/i);
  });

  it('refuses control and text-direction characters in any text, naming the field', async () => {
    for (const name of ['Ward\u0000 7', 'Ward \u202e7', 'Ward\u0007']) {
      const res = await t.gql(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        { input: { name, kind: 'NHS_TRUST' } },
        admin,
      );
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    }
    const multiline = await t.gql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { name } }`,
      { input: { name: 'Ward\t7', kind: 'NHS_TRUST' } },
      admin,
    );
    expect(multiline.errors).toBeUndefined();
  });

  it('refuses invisible and format characters too (zero-width, separators, soft hyphen…), naming the field', async () => {
    const create = (name: string) =>
      t.gql(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { name } }`,
        { input: { name, kind: 'NHS_TRUST' } },
        admin,
      );
    const invisible: Array<[string, string]> = [
      ['\u200b', 'U+200B'], // zero-width space
      ['\u200c', 'U+200C'], // zero-width non-joiner
      ['\u200d', 'U+200D'], // zero-width joiner, outside an emoji
      ['\u2060', 'U+2060'], // word joiner
      ['\ufeff', 'U+FEFF'], // byte-order mark / zero-width no-break space
      ['\u180e', 'U+180E'], // Mongolian vowel separator
      ['\u2028', 'U+2028'], // line separator
      ['\u2029', 'U+2029'], // paragraph separator
      ['\u00ad', 'U+00AD'], // soft hyphen
      ['\u200e', 'U+200E'], // left-to-right mark
      ['\u061c', 'U+061C'], // Arabic letter mark
      ['\u{e0041}', 'U+E0041'], // a tag character outside a flag
      ['\ud800', 'U+D800'], // half a surrogate pair
    ];
    for (const [character, codePoint] of invisible) {
      const res = await create(`St Mary${character}s Trust`);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      expect(res.errors![0].message).toContain(`(${codePoint})`);
    }
    const nested = await t.gql(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`,
      {
        input: { organisationId: '6f1c1f7e-1111-4222-8333-944444444444', name: 'Fine', odsCode: 'R\u200bX1' },
      },
      admin,
    );
    expect(nested.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.odsCode' });
    for (const name of [
      'Zoë O’Brien–Smith Ward',
      'Ysbyty Gwynedd — Ward Ŵ',
      '👩‍⚕️ Night team 🏳️‍🌈',
      '🏴󠁧󠁢󠁥󠁮󠁧󠁿 England team 🇬🇧',
      'Ward 7 ✅ 👍🏽',
      'Ward\t7\nEast',
    ]) {
      const res = await create(name);
      expect(res.errors).toBeUndefined();
      expect(res.data!.createOrganisation.name).toBe(name);
    }
  });

  it('refuses tokens that never expire, outlive JWT_MAX_LIFETIME or come from the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ roles: ['ADMIN'], ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('hardening-admin')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ iat: now }, 'Token has no expiry (exp): tokens must expire'],
      [{ iat: now, exp: now + 13 * 3600 }, 'Token lives longer (exp − iat) than the maximum of 12h'],
      [{ exp: now + 30 * 86_400 }, 'Token has no iat and expires more than 12h from now'],
      [{ iat: now + 3600, exp: now + 7200 }, 'Token is issued in the future (iat): check the issuer’s clock'],
      [{ nbf: now + 3600, exp: now + 7200 }, 'Token is not valid yet (nbf)'],
    ];
    for (const [claims, message] of refusals) {
      const res = await t.gql(`{ skills { id } }`, {}, await sign(claims));
      expect(res.data).toBeNull();
      expect(res.errors![0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
    }
    const fine = await t.gql(`{ skills { id } }`, {}, await sign({ iat: now, exp: now + 12 * 3600 }));
    expect(fine.errors).toBeUndefined();
  });

  it('reads "Bearer <token>" only: any case of the scheme, one space, a compact JWT', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await withHeader(t, `${scheme} ${admin}`);
      expect(res.body.errors).toBeUndefined();
    }
    for (const header of [
      `Bearer  ${admin}`,
      `Bearer\t${admin}`,
      `Bearer ${admin} extra`,
      `Bearer${admin}`,
      `Basic ${Buffer.from('admin:secret').toString('base64')}`,
      `Bearer not-a-jwt`,
      `Bearer ${admin}.more`,
      admin,
    ]) {
      const res = await withHeader(t, header);
      expect(res.body.errors[0]).toMatchObject({
        message: 'Authorization header must be "Bearer <token>"',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('refuses instants with an offset past ±14:00 or of 60 minutes or more', async () => {
    const events = (from: string) =>
      t.gql(
        `query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }`,
        { from },
        admin,
      );
    for (const from of [
      '2026-03-29T07:30:00+99:99',
      '2026-03-29T07:30:00+14:30',
      '2026-03-29T07:30:00-01:60',
    ]) {
      const res = await events(from);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/offset from -14:00 to \+14:00/);
    }
    expect((await events('2026-03-29T07:30:00+14:00')).errors).toBeUndefined();
  });

  it('refuses subscriptions as bad input', async () => {
    const res = await t.gql(`subscription { me { subject } }`, {}, admin);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('caps page sizes', async () => {
    const res = await t.gql(`{ organisations(first: 501) { totalCount } }`, {}, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses bodies over 1 MB and batched requests', async () => {
    const big = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${admin}`)
      .send(JSON.stringify({ query: `{ skills { id } }`, variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const batch = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${admin}`)
      .send([{ query: '{ skills { id } }' }, { query: '{ skills { id } }' }]);
    expect(batch.status).toBe(400);
  });
});

/** What a manager's rota screen asks for: every shift of the rota, who is on it and on what basis. */
const ROTA_SCREEN = `query($id: ID!) { rota(id: $id) { id name status version startDate endDate
  shifts { id startsAt endsAt localDate minHeadcount targetHeadcount shiftType { code name }
    assignments { id basis staff { id name jobTitle } } } } }`;

/** What HR's passport screen asks for: a page of staff with their credentials and the skills they are for. */
const PASSPORT_PAGE = `query($first: Int, $org: ID) { staff(first: $first, filter: { organisationId: $org }) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id name jobTitle staffGroup
    credentials { id obtainedOn expiresOn status skill { code name kind } } } } } }`;

/** The reported attack: 30 aliases of rota → shifts → assignments → staff → credentials. */
const ALIASED_ATTACK = `query($id: ID!) { ${Array.from(
  { length: 30 },
  (_, i) =>
    `a${i}: rota(id: $id) { shifts { assignments { staff { name credentials { id expiresOn skill { code name } } } } } }`,
).join(' ')} }`;

describe('hardening: query cost scales with page sizes and list lengths (default limits)', () => {
  let t: TestApp;
  let manager: string;
  let hr: string;
  let rotaId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const w = await rotaWorld(t, 'Cost');
    orgId = w.orgId;
    manager = w.manager;
    hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId] });
    rotaId = (await createRota(t, w, '2026-03-02', '2026-03-29')).id;
    const skill = await skillId(t.dataSource, 'CSTF_FIRE_SAFETY');
    for (let d = 2; d <= 4; d++) {
      const shift = await addShift(t, w, rotaId, 'E', `2026-03-0${d}`);
      const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      await insertCredential(t.dataSource, {
        staffId: nurse.id,
        skillId: skill,
        verifiedByOrganisationId: w.orgId,
      });
      const res = await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, manager);
      expect(assignedOf(res).__typename).toBe('Assignment');
    }
  });
  afterAll(() => t.close());

  it('answers the heavy reads people make: a whole rota with who is on it, a page of 100 staff with credentials', async () => {
    const rota = await t.gql(ROTA_SCREEN, { id: rotaId }, manager);
    expect(rota.errors).toBeUndefined();
    expect(rota.data!.rota.shifts).toHaveLength(3);
    expect(rota.data!.rota.shifts[0].assignments[0].staff.name).toBeTruthy();
    const page = await t.gql(PASSPORT_PAGE, { first: 100, org: orgId }, hr);
    expect(page.errors).toBeUndefined();
    expect(page.data!.staff.edges[0].node.credentials[0].skill.code).toBe('CSTF_FIRE_SAFETY');
  });

  it('refuses the aliased rota → shifts → assignments → staff → credentials read before it runs, naming its cost and the limit', async () => {
    const staffToken = await t.token({ roles: [Role.STAFF] });
    t.queries.start();
    const res = await t.gql(ALIASED_ATTACK, { id: rotaId }, staffToken);
    expect(t.queries.stop()).toBe(0);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    const { extensions, message } = res.errors![0];
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: t.config.graphql.maxCost });
    expect(extensions.cost).toBeGreaterThan(t.config.graphql.maxCost);
    expect(message).toContain(String(extensions.cost));
    expect(message).toContain(String(t.config.graphql.maxCost));
    // One alias is already over the limit: the cost is in the shape, not in the alias count. HTTP 400.
    const one = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${staffToken}`)
      .send({
        query: `query($id: ID!) { rota(id: $id) { shifts { assignments { staff { name credentials { id expiresOn skill { code name } } } } } } }`,
        variables: { id: rotaId },
      });
    expect(one.status).toBe(400);
    expect(one.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(one.body.errors[0].extensions.http).toBeUndefined();
    expect(one.body.errors[0].extensions.cost).toBeLessThan(extensions.cost);
  });

  it('multiplies by the page size asked for, in the query or in its variables', async () => {
    const page500 = await t.gql(PASSPORT_PAGE, { first: 500, org: orgId }, hr);
    expect(page500.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(page500.errors![0].message).toMatch(/cost/);
    const inline = await t.gql(
      PASSPORT_PAGE.replace('$first: Int, ', '').replace('first: $first', 'first: 500'),
      { org: orgId },
      hr,
    );
    expect(inline.errors![0].extensions.cost).toBe(page500.errors![0].extensions.cost);
    const page100 = await t.gql(PASSPORT_PAGE, { first: 100, org: orgId }, hr);
    expect(page100.errors).toBeUndefined();
  });
});

describe('hardening: a time limit per request', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // 1 ms: any request that waits on the database at all is past its time when it next gets to it.
    t = await startTestApp({ graphql: { requestTimeoutMs: 1 } });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /**
   * Holds the database from the test's side until released: an exclusive lock on the skill table, on a
   * connection of the app's own pool (the embedded database has only that one connection, so the app waits for
   * it; a server makes the app wait on the lock). Nothing the app does with skills can finish meanwhile.
   */
  async function holdSkills(): Promise<{ query(sql: string): Promise<any>; release(): Promise<void> }> {
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('LOCK TABLE skill IN ACCESS EXCLUSIVE MODE');
    return {
      query: (sql) => runner.query(sql),
      async release() {
        await runner.rollbackTransaction();
        await runner.release();
      },
    };
  }

  it('answers a request still running after its time SERVICE_UNAVAILABLE / REQUEST_TIMEOUT, writes nothing, and /health still answers', async () => {
    const held = await holdSkills();
    let res: request.Response;
    try {
      // The write cannot finish while the table is held, so only the time limit can answer it.
      res = await request(t.http)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${admin}`)
        .send({
          query: `mutation($input: CreateSkillInput!) { createSkill(input: $input) { id } }`,
          variables: { input: { code: 'TIMEOUT_TEST', name: 'Timed out', kind: 'CLINICAL_COMPETENCY' } },
        });
    } finally {
      await held.release();
    }
    expect(res.status).toBe(503);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'REQUEST_TIMEOUT',
      timeoutMs: 1,
    });
    // Taking the table again waits for whatever the timed-out request was still doing to end; it wrote nothing.
    const again = await holdSkills();
    const written = await again.query(`SELECT count(*)::int AS n FROM skill WHERE code = 'TIMEOUT_TEST'`);
    await again.release();
    expect(written[0].n).toBe(0);
    expect((await request(t.http).get('/health')).status).toBe(200);
  });
});

describe('hardening: rate limit per token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After once a token has used its minute, leaving other tokens alone', async () => {
    const busy = await t.token({ roles: [Role.STAFF] });
    const other = await t.token({ roles: [Role.STAFF] });
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) codes.push(errorCode(await t.gql(`{ skills { id } }`, {}, busy)));
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const limited = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${busy}`)
      .send({ query: '{ skills { id } }' });
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorCode(await t.gql(`{ skills { id } }`, {}, other))).toBeUndefined();
    expect((await request(t.http).get('/health')).status).toBe(200);
  });

  it('counts a token once however its scheme is spelled', async () => {
    const busy = await t.token({ roles: [Role.STAFF] });
    const statuses: number[] = [];
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR', 'Bearer', 'bearer'])
      statuses.push((await withHeader(t, `${scheme} ${busy}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts malformed Authorization headers by client address, not by their text', async () => {
    const fine = await t.token({ roles: [Role.STAFF] });
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await withHeader(t, `Bearer  made-up-${i}`);
      outcomes.push(res.status === 429 ? '429' : res.body.errors[0].extensions.code);
    }
    expect(outcomes).toEqual([...Array(5).fill('UNAUTHENTICATED'), '429', '429']);
    // A well-formed token from the same address has its own allowance.
    expect((await withHeader(t, `Bearer ${fine}`)).status).toBe(200);
  });

  it('also limits an address, so made-up tokens cannot multiply its allowance', async () => {
    // 5 a minute per token, 100 per address: up to 100 requests with fresh (well-formed, invalid) tokens, then
    // refusals.
    const statuses: number[] = [];
    for (let i = 0; i < 110; i++) statuses.push((await withHeader(t, `Bearer made.up.${i}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });
});

/** Asks who the token is: no database work, so only the rate limiter touches the database. */
const whoAmI = (app: TestApp, token: string) =>
  request(app.http)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .send({ query: '{ me { subject } }' });

if (process.env.DATABASE_URL) {
  describe('hardening: rate limits counted in PostgreSQL, shared by every instance', () => {
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      a = await startTestApp({ rateLimitPerMinute: 4 });
      b = await startTestApp({ rateLimitPerMinute: 4 }, { sameDatabaseAs: a });
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('refuses requests alternated between two instances once their shared total passes the limit', async () => {
      const token = await a.token({ roles: [Role.STAFF] });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await whoAmI(i % 2 === 0 ? a : b, token)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
      const counted = await a.dataSource.query(
        `SELECT hits FROM rate_limit_counter WHERE key LIKE 'token:%'`,
      );
      expect(counted).toEqual([{ hits: 8 }]);
      // Another token still has its whole allowance, on either instance.
      const other = await b.token({ roles: [Role.STAFF], subject: 'someone-else' });
      expect((await whoAmI(a, other)).status).toBe(200);
      expect((await whoAmI(b, other)).status).toBe(200);
    });
  });

  describe('hardening: rate limits when the database cannot count', () => {
    let t: TestApp;
    let proxy: FreezableProxy;

    beforeAll(async () => {
      const server = new URL(process.env.DATABASE_URL!);
      proxy = new FreezableProxy(server.hostname, Number(server.port || 5432));
      const port = await proxy.start();
      t = await startTestApp(
        { rateLimitPerMinute: 3 },
        {
          databaseUrl: (url) => {
            const u = new URL(url);
            u.hostname = '127.0.0.1';
            u.port = String(port);
            return u.toString();
          },
        },
      );
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts in the instance’s memory instead: requests still answered, the limit still kept', async () => {
      const token = await t.token({ roles: [Role.STAFF] });
      await proxy.stop(); // the database is gone: connections cut, new ones refused
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await whoAmI(t, token)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });
  });
}

describe('hardening: production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: 'production', graphql: { ide: false, introspection: false } });
  });
  afterAll(() => t.close());

  it('turns introspection off and gives no field suggestions', async () => {
    const admin = await t.adminToken();
    const schema = await t.gql(`{ __schema { types { name } } }`, {}, admin);
    expect(schema.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const typo = await t.gql(`{ organisatons { totalCount } }`, {}, admin);
    expect(typo.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(typo.errors![0].message).not.toMatch(/Did you mean/);
  });
});

describe('hardening: security headers', () => {
  let t: TestApp;
  let plain: TestApp;
  const STRICT = {
    'default-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  /** The policy as a map of directive → sources. */
  const csp = (res: request.Response) =>
    Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .filter((d) => d.trim())
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources]),
    ) as Record<string, string[]>;
  const inline = (html: string, tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))]
      .filter((m) => !/\bsrc=/.test(m[1]!))
      .map((m) => m[2]!);
  const expectCommon = (res: request.Response, frames: 'DENY' | 'SAMEORIGIN' = 'DENY') => {
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': frames,
      'referrer-policy': 'no-referrer',
    });
  };

  beforeAll(async () => {
    t = await startTestApp({ publicUrl: 'https://rota.example.nhs.uk' });
    plain = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await plain.close();
  });

  it('sends JSON answers (POST /graphql, /health) with a policy that lets nothing load or frame them', async () => {
    const admin = await t.adminToken();
    for (const res of [
      await withHeader(t, `Bearer ${admin}`),
      await request(t.http).get('/health'),
      await request(t.http).get('/no-such-page'),
    ]) {
      expect(csp(res)).toEqual(STRICT);
      expectCommon(res);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    }
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const res = await request(plain.http).get('/health');
    expect(csp(res)).toEqual(STRICT);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('lets the landing page use its own inline style and nothing else', async () => {
    const res = await request(t.http).get('/');
    expectCommon(res);
    const policy = csp(res);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['style-src']).toEqual(inline(res.text, 'style').map(sha256));
    expect(policy['script-src']).toBeUndefined();
  });

  it('lets the IDE run its own scripts (the inline one by hash), styles, fonts, workers and sandbox frame', async () => {
    const res = await request(t.http).get('/graphql').set('accept', 'text/html');
    expect(res.text).toContain('AltairGraphQL.init');
    expectCommon(res);
    const policy = csp(res);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'", ...inline(res.text, 'script').map(sha256)]);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    // Its assets carry the same policy (a worker runs under its script's), and its sandbox page may be framed
    // by the IDE (same origin) only.
    const sandbox = await request(t.http).get('/graphql-ide/iframe-sandbox/index.html');
    expect(sandbox.status).toBe(200);
    expectCommon(sandbox, 'SAMEORIGIN');
    expect(csp(sandbox)['frame-ancestors']).toEqual(["'self'"]);
    expect(csp(sandbox)['script-src']).toEqual(policy['script-src']);
    const script = await request(t.http).get('/graphql-ide/main.js');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(csp(script)['worker-src']).toEqual(["'self'"]);
  });
});
