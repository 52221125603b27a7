import { spawnSync } from 'node:child_process';
import { REPOSITORY } from '../fixtures/service-process.js';

/** `npm run token` as the compiled CLI (`npm test` builds it first). */
function token(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [`${REPOSITORY}dist/src/cli/token.js`, ...args], {
    cwd: REPOSITORY,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  const lifetime = () => {
    const claims = JSON.parse(Buffer.from(run.stdout.trim().split('.')[1]!, 'base64url').toString('utf8'));
    return claims.exp - claims.iat;
  };
  return { ...run, lifetime };
}

describe('npm run token', () => {
  it('mints for 12 h by default, or what --expires says within JWT_MAX_LIFETIME', () => {
    expect(token(['--role', 'ADMIN']).lifetime()).toBe(12 * 3600);
    expect(token(['--role', 'ADMIN', '--expires', '30m']).lifetime()).toBe(1800);
    // A shorter maximum shortens the default too.
    expect(token(['--role', 'ADMIN'], { JWT_MAX_LIFETIME: '2h' }).lifetime()).toBe(7200);
  });

  it('refuses a lifetime above the maximum, or one it cannot read', () => {
    const long = token(['--role', 'ADMIN', '--expires', '13h']);
    expect(long.status).toBe(2);
    expect(long.stdout).toBe('');
    expect(long.stderr).toMatch(
      /--expires 13h is longer than the maximum token lifetime of 12h \(JWT_MAX_LIFETIME\)/,
    );
    expect(token(['--role', 'ADMIN', '--expires', '2d'], { JWT_MAX_LIFETIME: '7d' }).lifetime()).toBe(
      172_800,
    );
    for (const bad of ['0m', '-1h', 'soon', '1 week']) {
      const run = token(['--role', 'ADMIN', '--expires', bad]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--expires/);
    }
  });
});
