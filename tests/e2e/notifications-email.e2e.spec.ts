import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/config.js';
import {
  NotificationKind,
  NotificationsService,
} from '../../src/modules/notifications/notifications.service.js';
import { insertOrganisation, insertStaff, insertTeam } from '../fixtures/factories.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** Just enough of an SMTP server (RFC 5321, no extensions) to receive what the service sends. */
async function smtpServer() {
  const mails: Mail[] = [];
  const server: Server = createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    let mail: Mail = { from: '', to: [], data: '' };
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 test.local ESMTP');
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { from: '', to: [], data: '' };
          say('250 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') mail.from = line;
        else if (verb === 'RCPT') mail.to.push(line);
        else if (verb === 'DATA') inData = true;
        say(verb === 'DATA' ? '354 go ahead' : verb === 'QUIT' ? '221 bye' : '250 ok');
        if (verb === 'QUIT') socket.end();
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    mails,
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('notifications by e-mail through SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;

  beforeAll(async () => {
    smtp = await smtpServer();
    const base = loadConfig({ NODE_ENV: 'test' });
    t = await startTestApp({
      notifications: { ...base.notifications, smtp: { url: smtp.url, from: 'Tandem <rota@tandem.test>' } },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails people with an address (one Message-ID per delivery), not teams or people without one', async () => {
    const org = await insertOrganisation(t.dataSource, { name: 'Mail Trust' });
    const team = await insertTeam(t.dataSource, org.id, { name: 'Mail Ward' });
    const withMail = await insertStaff(t.dataSource, org.id, {
      email: 'nurse@tandem.test',
      homeTeamId: team.id,
    });
    const without = await insertStaff(t.dataSource, org.id, { homeTeamId: team.id });
    await t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(em, {
        kind: NotificationKind.ROTA_PUBLISHED,
        staffIds: [withMail.id, without.id],
        teamIds: [team.id],
        title: 'Rota published: Mail Ward',
        body: 'Your shifts are in your calendar.',
        links: { rotaId: 'r-1' },
      }),
    );
    const outbox = await t.ownerQuery(
      `SELECT d.id, d.channel, d.address, n.recipient_staff_id FROM notification_delivery d
         JOIN notification n ON n.id = d.notification_id`,
    );
    // E-mail only (no webhook configured), only for the person with an address.
    expect(outbox).toEqual([
      { id: outbox[0]!.id, channel: 'EMAIL', address: 'nurse@tandem.test', recipient_staff_id: withMail.id },
    ]);
    for (let i = 0; i < 1_200 && smtp.mails.length === 0; i++) await sleep(100);
    const [mail] = smtp.mails;
    expect(mail!.from).toContain('rota@tandem.test');
    expect(mail!.to).toEqual(['RCPT TO:<nurse@tandem.test>']);
    expect(mail!.data).toContain('Subject: Rota published: Mail Ward');
    expect(mail!.data).toContain(`Message-ID: <${outbox[0]!.id}@tandem.notifications>`);
    expect(mail!.data).toContain('Your shifts are in your calendar.');
    for (let i = 0; i < 1_200; i++) {
      const [row] = await t.ownerQuery(`SELECT status FROM notification_delivery WHERE id = $1`, [
        outbox[0]!.id,
      ]);
      if (row!.status === 'DELIVERED') break;
      await sleep(100);
    }
    const [row] = await t.ownerQuery(`SELECT status, attempts FROM notification_delivery WHERE id = $1`, [
      outbox[0]!.id,
    ]);
    expect(row).toEqual({ status: 'DELIVERED', attempts: 1 });
    expect(smtp.mails).toHaveLength(1);
  });
});
