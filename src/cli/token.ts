import { parseArgs } from 'node:util';
import { Role } from '../common/auth/actor.js';
import { mintToken, tokenLifetime } from '../common/auth/token-signing.js';
import { ConfigError, loadConfig } from '../config/config.js';

const USAGE = `Mint a development token (HS256, signed with JWT_SECRET or the development secret).

  npm run token -- --role MANAGER --team <teamId> [--role HR --org <organisationId>] [--staff <staffId>]
                   [--subject <sub>] [--name <display name>] [--expires 12h]

Roles: ${Object.values(Role).join(', ')}. --role, --team and --org may be repeated. --expires (s, m, h or d)
defaults to 12h, and may not be longer than JWT_MAX_LIFETIME (12h unless set).`;

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      team: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      staff: { type: 'string' },
      subject: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role?.length) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.map((r) => r.toUpperCase());
  const unknown = roles.filter((r) => !(r in Role));
  if (unknown.length)
    throw new Error(`Unknown role ${unknown.join(', ')}; expected ${Object.values(Role).join(', ')}`);
  const config = loadConfig();
  if (!config.auth.jwtSecret) throw new Error('No JWT_SECRET configured: cannot mint tokens');
  // Refuse here what the service would refuse: no lifetime longer than the maximum, none already over.
  let lifetime: number;
  try {
    lifetime = tokenLifetime(values.expires, config.auth.maxLifetimeSeconds);
  } catch (error) {
    throw new Error(`--expires ${(error as Error).message}`, { cause: error });
  }
  if (lifetime <= 0) throw new Error(`--expires ${values.expires} must be positive`);
  const token = await mintToken(
    config.auth.jwtSecret,
    {
      subject: values.subject ?? `dev-${roles.join('-').toLowerCase()}`,
      name: values.name,
      roles: roles as Role[],
      teamIds: values.team ?? [],
      organisationIds: values.org ?? [],
      staffId: values.staff,
      expiresIn: lifetime,
    },
    config.auth,
  );
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(2);
}
