import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Role } from '../common/auth/actor.js';
import { TokenService } from '../common/auth/token.service.js';
import { ConfigError, loadConfig } from '../config/config.js';

const USAGE = `Mint a development token (HS256, signed with JWT_SECRET or the development secret).

  npm run token -- --role MANAGER --team <teamId> [--role HR --org <organisationId>] [--staff <staffId>]
                   [--subject <sub>] [--name <display name>] [--expires 12h]

Roles: ${Object.values(Role).join(', ')}. --role, --team and --org may be repeated.`;

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      team: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      staff: { type: 'string' },
      subject: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '12h' },
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
  const tokens = new TokenService(loadConfig());
  const token = await tokens.mint({
    subject: values.subject ?? `dev-${roles.join('-').toLowerCase()}`,
    name: values.name,
    roles: roles as Role[],
    teamIds: values.team ?? [],
    organisationIds: values.org ?? [],
    staffId: values.staff,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(2);
}
