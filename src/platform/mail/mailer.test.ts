import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { ManualClock } from '../clock.js';
import { migrateToLatest, openDatabase, type Database } from '../db/index.js';
import { createMailer, MailDeliveryError, OutboxMailer, SmtpMailer } from './index.js';
import { SMTP_DEFAULTS, smtpTransportUrl } from './smtp.mailer.js';

describe('createMailer', () => {
  let database: Database;
  beforeAll(async () => {
    database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
  });
  afterAll(() => database.close());

  it('picks SMTP when SMTP_URL is set', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'a@b.test' }, database.db, new ManualClock());
    expect(mailer).toBeInstanceOf(SmtpMailer);
    expect(mailer.kind).toBe('smtp');
    await mailer.close();
  });

  it.each([undefined, ''])('falls back to the outbox when SMTP_URL is %j', (smtpUrl) => {
    const mailer = createMailer({ smtpUrl, from: 'a@b.test' }, database.db, new ManualClock());
    expect(mailer).toBeInstanceOf(OutboxMailer);
    expect(mailer.kind).toBe('outbox');
  });
});

describe('OutboxMailer', () => {
  it('keeps each message as an outbox row stamped with the clock', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    try {
      const clock = new ManualClock(new Date('2025-03-01T10:00:00.000Z'));
      const mailer = new OutboxMailer(database.db, clock);
      await mailer.send({ to: 'ada@example.test', subject: 'First', text: 'code 123456' });
      clock.advance(60_000);
      await mailer.send({ to: 'bob@example.test', subject: 'Second', text: 'line one\nline two' });
      const rows = await database.db.selectFrom('outbox').selectAll().orderBy('created_at').execute();
      expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
        {
          channel: 'email',
          recipient: 'ada@example.test',
          subject: 'First',
          body: 'code 123456',
          created_at: '2025-03-01T10:00:00.000Z',
          person_id: null,
        },
        {
          channel: 'email',
          recipient: 'bob@example.test',
          subject: 'Second',
          body: 'line one\nline two',
          created_at: '2025-03-01T10:01:00.000Z',
          person_id: null,
        },
      ]);
      expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    } finally {
      await database.close();
    }
  });
});

describe('SmtpMailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ rejectRecipients: /^bounce@/ });
  });
  afterAll(() => sink.close());

  it('delivers plain text with the configured From', async () => {
    const mailer = new SmtpMailer(sink.url, 'Homeostat <no-reply@homeostat.test>');
    try {
      await mailer.send({ to: 'ada@example.test', subject: 'Héllo — code', text: 'Your code is 654321.' });
      const mail = await sink.waitFor('ada@example.test');
      expect(mail.from).toBe('no-reply@homeostat.test');
      expect(mail.headers.from).toBe('Homeostat <no-reply@homeostat.test>');
      expect(mail.headers['content-type']).toMatch(/^text\/plain/);
      expect(codeIn(mail)).toBe('654321');
    } finally {
      await mailer.close();
    }
  });

  it('rejects send when the server refuses the recipient', async () => {
    const mailer = new SmtpMailer(sink.url, 'no-reply@homeostat.test');
    try {
      const error = await mailer.send({ to: 'bounce@example.test', subject: 's', text: 't' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
      // Nothing that could put the address in a log line: not the message, not a property, not a cause.
      expect(JSON.stringify(error)).not.toContain('bounce');
      expect(String((error as Error).message)).not.toContain('bounce');
      expect((error as Error).cause).toBeUndefined();
    } finally {
      await mailer.close();
    }
  });

  it('rejects send when nothing listens at SMTP_URL', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'no-reply@homeostat.test');
    await expect(mailer.send({ to: 'ada@example.test', subject: 's', text: 't' })).rejects.toThrow(
      /SMTP delivery failed \(\w+, ECONNREFUSED/,
    );
    await mailer.close();
  });

  it('gives up on a server that never greets, within greetingTimeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}/?greetingTimeout=300`, 'no-reply@homeostat.test');
    const started = Date.now();
    try {
      await expect(mailer.send({ to: 'ada@example.test', subject: 's', text: 't' })).rejects.toThrow(/SMTP delivery failed \(ETIMEDOUT/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('smtpTransportUrl', () => {
  it('adds bounded timeouts and keeps credentials and explicit settings', () => {
    const url = new URL(smtpTransportUrl('smtps://mailer:p%40ss@mail.example.test:465/?socketTimeout=60000'));
    expect(url.protocol).toBe('smtps:');
    expect(url.username).toBe('mailer');
    expect(decodeURIComponent(url.password)).toBe('p@ss');
    expect(url.searchParams.get('socketTimeout')).toBe('60000');
    expect(url.searchParams.get('connectionTimeout')).toBe(SMTP_DEFAULTS.connectionTimeout);
    expect(url.searchParams.get('greetingTimeout')).toBe(SMTP_DEFAULTS.greetingTimeout);
  });

  it('refuses a non-SMTP URL', () => {
    expect(() => smtpTransportUrl('http://mail.example.test')).toThrow(/smtp/);
  });
});
