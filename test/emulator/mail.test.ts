import * as vm from 'node:vm';
import { CallLog } from '../../emulator/core';
import { MailStore, type MailApp, type MailHost } from '../../emulator/mail';

const START = Date.parse('2026-09-07T08:00:00Z');
const HOUR = 60 * 60 * 1000;

/** The parts of the workspace MailApp uses: a call log, a clock and the user running the script. */
class Host implements MailHost {
  readonly calls = new CallLog();
  user = 'dsl@school.example';
  private ms = START;
  readonly clock = { now: (): number => this.ms };
  activeUser(): string {
    return this.user;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

function setup(dailyQuota = 1500): { host: Host; store: MailStore; mail: MailApp } {
  const host = new Host();
  const store = new MailStore(host, dailyQuota);
  const mail = store.globals().MailApp as MailApp;
  return { host, store, mail };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('MailApp.sendEmail overloads', () => {
  test('(recipient, subject, body) records a plain message from the active user', () => {
    const { store, mail } = setup();
    mail.sendEmail('head@school.example', 'Hello', 'Plain text');
    expect(store.sent).toEqual([
      {
        from: 'dsl@school.example',
        to: ['head@school.example'],
        cc: [],
        bcc: [],
        subject: 'Hello',
        body: 'Plain text',
        htmlBody: null,
        name: null,
        replyTo: null,
        noReply: false,
        at: '2026-09-07T08:00:00.000Z',
      },
    ]);
  });

  test('(recipient, subject, body, options) records cc, bcc, html, name, replyTo and noReply', () => {
    const { store, mail } = setup();
    mail.sendEmail('a@school.example, b@school.example', 'Alert', 'text version', {
      cc: 'deputy@school.example',
      bcc: 'audit@school.example,  archive@school.example ',
      htmlBody: '<p>html version</p>',
      name: 'Online Safety Log',
      replyTo: 'dsl@school.example',
      noReply: true,
    });
    const [message] = store.sent;
    expect(message).toMatchObject({
      to: ['a@school.example', 'b@school.example'],
      cc: ['deputy@school.example'],
      bcc: ['audit@school.example', 'archive@school.example'],
      subject: 'Alert',
      body: 'text version',
      htmlBody: '<p>html version</p>',
      name: 'Online Safety Log',
      replyTo: 'dsl@school.example',
      noReply: true,
    });
  });

  test('(message) takes every field from the object', () => {
    const { store, mail } = setup();
    mail.sendEmail({
      to: 'head@school.example',
      cc: 'chair@school.example',
      bcc: 'clerk@school.example',
      subject: 'Weekly summary',
      body: 'plain',
      htmlBody: '<b>rich</b>',
      name: 'Safety Log',
      replyTo: 'dsl@school.example',
      noReply: false,
    });
    expect(store.sent[0]).toMatchObject({
      to: ['head@school.example'],
      cc: ['chair@school.example'],
      bcc: ['clerk@school.example'],
      subject: 'Weekly summary',
      body: 'plain',
      htmlBody: '<b>rich</b>',
      name: 'Safety Log',
      replyTo: 'dsl@school.example',
      noReply: false,
    });
  });

  test('(message) with htmlBody and no body sends an empty plain body', () => {
    const { store, mail } = setup();
    mail.sendEmail({ to: 'head@school.example', subject: 'S', htmlBody: '<p>x</p>' });
    expect(store.sent[0]).toMatchObject({ body: '', htmlBody: '<p>x</p>' });
  });

  test('(to, replyTo, subject, body) with four strings sets the reply-to address', () => {
    const { store, mail } = setup();
    mail.sendEmail('head@school.example', 'dsl@school.example', 'Subject', 'Body');
    expect(store.sent[0]).toMatchObject({
      to: ['head@school.example'],
      replyTo: 'dsl@school.example',
      subject: 'Subject',
      body: 'Body',
    });
  });

  test('numbers given for text are sent as text, as Apps Script converts them', () => {
    const { store, mail } = setup();
    mail.sendEmail('head@school.example', 2026 as unknown as string, 42 as unknown as string);
    expect(store.sent[0]).toMatchObject({ subject: '2026', body: '42' });
  });

  test('accepts "Display Name <address>" recipients and drops empty list entries', () => {
    const { store, mail } = setup();
    mail.sendEmail('Head Teacher <head@school.example>, , dsl@school.example,', 'S', 'B');
    expect(store.sent[0]?.to).toEqual(['Head Teacher <head@school.example>', 'dsl@school.example']);
  });

  test('arguments matching no overload give the signature error', () => {
    const { store, mail } = setup();
    const send = mail.sendEmail as (...args: unknown[]) => void;
    expect(() => send('head@school.example', 'Subject only')).toThrow(
      "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    );
    expect(() => send()).toThrow("The parameters () don't match the method signature for MailApp.sendEmail.");
    expect(() => send(['head@school.example'])).toThrow(
      "The parameters (Object[]) don't match the method signature for MailApp.sendEmail.",
    );
    expect(() => send('head@school.example', 'S', null)).toThrow(
      "The parameters (String,String,null) don't match the method signature for MailApp.sendEmail.",
    );
    expect(() => send('head@school.example', 'S', undefined)).toThrow(
      "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    );
    expect(() => send('head@school.example', 'S', 'B', ['x'])).toThrow(
      "The parameters (String,String,String,Object[]) don't match the method signature for MailApp.sendEmail.",
    );
    expect(store.sent).toHaveLength(0);
  });

  test('the error reads as Apps Script prints it', () => {
    const { mail } = setup();
    const err = errorOf(() => mail.sendEmail('nobody', 'S', 'B'));
    expect(String(err)).toBe('Exception: Invalid email: nobody');
  });
});

describe('MailApp validation', () => {
  test.each([
    ['to', 'not-an-address'],
    ['to', 'user@'],
    ['to', 'user@localhost'],
    ['to', 'two words@school.example'],
    ['cc', 'cc@@school.example'],
    ['bcc', 'bcc@school'],
    ['replyTo', 'reply-to'],
  ])('an invalid %s address (%s) throws "Invalid email: …" and sends nothing', (field, address) => {
    const { store, mail } = setup();
    const message = { to: 'head@school.example', subject: 'S', body: 'B', [field]: address };
    expect(() => mail.sendEmail(message)).toThrow(`Invalid email: ${address}`);
    expect(store.sent).toHaveLength(0);
    expect(store.remainingQuota()).toBe(1500);
  });

  test('the first invalid address of a list is the one named', () => {
    const { mail } = setup();
    expect(() => mail.sendEmail('ok@school.example, bad-one, bad-two', 'S', 'B')).toThrow(
      /^Invalid email: bad-one$/,
    );
  });

  test.each([[''], ['  '], [' , ,']])('no recipient at all (to=%p) throws', (to) => {
    const { store, mail } = setup();
    expect(() => mail.sendEmail(to, 'S', 'B')).toThrow('Failed to send email: no recipient');
    expect(() => mail.sendEmail({ to, subject: 'S', body: 'B' })).toThrow(
      'Failed to send email: no recipient',
    );
    expect(() => mail.sendEmail({ subject: 'S', body: 'B' })).toThrow('Failed to send email: no recipient');
    expect(store.sent).toHaveLength(0);
  });

  test('cc or bcc alone is enough of a recipient', () => {
    const { store, mail } = setup();
    mail.sendEmail({ bcc: 'a@school.example', subject: 'S', body: 'B' });
    mail.sendEmail('', 'S', 'B', { cc: 'b@school.example' });
    expect(store.sent.map((m) => [m.to, m.cc, m.bcc])).toEqual([
      [[], [], ['a@school.example']],
      [[], ['b@school.example'], []],
    ]);
  });

  test('a message object without subject, or without body and htmlBody, is refused', () => {
    const { store, mail } = setup();
    expect(() => mail.sendEmail({ to: 'head@school.example', body: 'B' })).toThrow(
      'Failed to send email: no subject',
    );
    expect(() => mail.sendEmail({ to: 'head@school.example', subject: 'S' })).toThrow(
      'Failed to send email: no body',
    );
    expect(store.sent).toHaveLength(0);
  });

  test('an empty subject and empty body are valid mail', () => {
    const { store, mail } = setup();
    mail.sendEmail('head@school.example', '', '');
    expect(store.sent[0]).toMatchObject({ subject: '', body: '' });
  });

  test('a subject over 250 characters is too large; 250 is not', () => {
    const { store, mail } = setup();
    mail.sendEmail('head@school.example', 'x'.repeat(250), 'B');
    expect(() => mail.sendEmail('head@school.example', 'x'.repeat(251), 'B')).toThrow(
      'Argument too large: subject',
    );
    expect(store.sent).toHaveLength(1);
  });

  test('the body size limit is 400 KB on a Workspace account and 200 KB on a consumer one', () => {
    const workspace = setup(1500);
    workspace.mail.sendEmail('head@school.example', 'S', 'x'.repeat(400 * 1024));
    expect(() => workspace.mail.sendEmail('head@school.example', 'S', 'x'.repeat(400 * 1024 + 1))).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
    expect(() =>
      workspace.mail.sendEmail('head@school.example', 'S', 'short', { htmlBody: 'é'.repeat(205 * 1024) }),
    ).toThrow('Limit Exceeded: Email Body Size.');
    expect(workspace.store.sent).toHaveLength(1);

    const consumer = setup(100);
    expect(() => consumer.mail.sendEmail('head@school.example', 'S', 'x'.repeat(200 * 1024 + 1))).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
  });

  test('more than 50 recipients in one message is refused without using quota', () => {
    const { store, mail } = setup();
    const list = (n: number, tag: string): string =>
      Array.from({ length: n }, (_, i) => `${tag}${i}@school.example`).join(',');
    mail.sendEmail({ to: list(20, 't'), cc: list(20, 'c'), bcc: list(10, 'b'), subject: 'S', body: 'B' });
    expect(() => mail.sendEmail({ to: list(20, 't'), bcc: list(31, 'b'), subject: 'S', body: 'B' })).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(store.sent).toHaveLength(1);
    expect(store.remainingQuota()).toBe(1450);
  });

  test('attachments other than an emulated Blob and inline images are not emulated; an empty list is fine', () => {
    const { store, mail } = setup();
    expect(() => mail.sendEmail('head@school.example', 'S', 'B', { attachments: [{} as never] })).toThrow(
      'not emulated: MailApp.sendEmail attachments other than Blob',
    );
    expect(() =>
      mail.sendEmail({ to: 'head@school.example', subject: 'S', body: 'B', attachments: [{} as never] }),
    ).toThrow('not emulated: MailApp.sendEmail attachments other than Blob');
    expect(() =>
      mail.sendEmail({
        to: 'head@school.example',
        subject: 'S',
        htmlBody: 'x',
        inlineImages: { logo: {} as never },
      }),
    ).toThrow('not emulated: MailApp.sendEmail inlineImages');
    mail.sendEmail('head@school.example', 'S', 'B', { attachments: [] });
    expect(store.sent).toHaveLength(1);
  });

  test('an option that is not text is an invalid argument', () => {
    const { mail } = setup();
    expect(() => mail.sendEmail({ to: ['a@school.example'] as never, subject: 'S', body: 'B' })).toThrow(
      'Invalid argument: to',
    );
  });
});

describe('MailApp daily quota', () => {
  test('each recipient in to, cc and bcc uses one unit', () => {
    const { store, mail } = setup(100);
    mail.sendEmail({
      to: 'a@school.example,b@school.example',
      cc: 'c@school.example',
      bcc: 'd@school.example',
      subject: 'S',
      body: 'B',
    });
    expect(mail.getRemainingDailyQuota()).toBe(96);
    expect(store.remainingQuota()).toBe(96);
  });

  test('a send that would exceed the quota throws and sends nothing; a smaller one still goes', () => {
    const { store, mail } = setup();
    store.setRemainingQuota(2);
    const err = errorOf(() => mail.sendEmail('a@school.example,b@school.example,c@school.example', 'S', 'B'));
    expect(err.message).toBe('Service invoked too many times for one day: email.');
    expect(store.sent).toHaveLength(0);
    expect(mail.getRemainingDailyQuota()).toBe(2);

    mail.sendEmail('a@school.example,b@school.example', 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('a@school.example', 'S', 'B')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(store.sent).toHaveLength(1);
  });

  test('the quota comes back in full 24 hours after the first send of the window, not before', () => {
    const { host, store, mail } = setup(3);
    mail.sendEmail('a@school.example', 'S', 'B'); // opens the window at 08:00
    host.advance(10 * HOUR);
    mail.sendEmail('a@school.example,b@school.example', 'S', 'B');
    expect(() => mail.sendEmail('a@school.example', 'S', 'B')).toThrow('Service invoked too many times');

    host.advance(14 * HOUR - 1); // one millisecond before 08:00 next day; midnight has passed
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('a@school.example', 'S', 'B')).toThrow('Service invoked too many times');

    host.advance(1);
    expect(mail.getRemainingDailyQuota()).toBe(3);
    mail.sendEmail('a@school.example', 'S', 'B');
    expect(store.sent).toHaveLength(3);
    expect(store.sent[2]?.at).toBe('2026-09-08T08:00:00.000Z');
  });

  test('the next window opens at the next first send, not at the old reset time', () => {
    const { host, mail } = setup(2);
    mail.sendEmail('a@school.example', 'S', 'B');
    host.advance(30 * HOUR); // reset happened; no window open
    mail.sendEmail('a@school.example,b@school.example', 'S', 'B'); // window opens now
    host.advance(20 * HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(0);
    host.advance(4 * HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(2);
  });

  test('setRemainingQuota(0) exhausts the quota until 24 hours later', () => {
    const { host, store, mail } = setup();
    store.setRemainingQuota(0);
    expect(() => mail.sendEmail('a@school.example', 'S', 'B')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    host.advance(24 * HOUR);
    mail.sendEmail('a@school.example', 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(1499);
  });

  test('setRemainingQuota refuses a value that is not a whole number ≥ 0', () => {
    const { store } = setup();
    expect(() => store.setRemainingQuota(-1)).toThrow('setRemainingQuota');
    expect(() => store.setRemainingQuota(1.5)).toThrow('setRemainingQuota');
  });
});

describe('MailApp failure injection', () => {
  test('failNextSend makes only the next send throw that error, without sending or using quota', () => {
    const { store, mail } = setup();
    store.failNextSend('Service unavailable: Mail');
    const err = errorOf(() => mail.sendEmail('a@school.example', 'S', 'B'));
    expect(err.message).toBe('Service unavailable: Mail');
    expect(store.sent).toHaveLength(0);
    expect(mail.getRemainingDailyQuota()).toBe(1500);

    mail.sendEmail('a@school.example', 'S', 'retry');
    expect(store.sent.map((m) => m.body)).toEqual(['retry']);
  });

  test('a send refused before reaching the service leaves the failure pending', () => {
    const { store, mail } = setup();
    store.failNextSend('Mail service down');
    expect(() => mail.sendEmail('bad', 'S', 'B')).toThrow('Invalid email: bad');
    expect(() => mail.sendEmail('a@school.example', 'S', 'B')).toThrow('Mail service down');
    mail.sendEmail('a@school.example', 'S', 'B');
    expect(store.sent).toHaveLength(1);
  });
});

describe('MailApp recording and facade', () => {
  test('from is the user running the script at the time of each send; at is the simulated time', () => {
    const { host, store, mail } = setup();
    mail.sendEmail('a@school.example', 'S1', 'B');
    host.user = 'deputy@school.example';
    host.advance(90_000);
    mail.sendEmail('a@school.example', 'S2', 'B');
    expect(store.sent.map((m) => [m.from, m.at])).toEqual([
      ['dsl@school.example', '2026-09-07T08:00:00.000Z'],
      ['deputy@school.example', '2026-09-07T08:01:30.000Z'],
    ]);
  });

  test('snapshot is the sent list, as copies a test cannot use to alter the record', () => {
    const { store, mail } = setup();
    mail.sendEmail('a@school.example', 'S', 'B', { cc: 'c@school.example' });
    const snap = store.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(store.sent);
    snap[0]?.to.push('intruder@evil.example');
    expect(store.sent[0]?.to).toEqual(['a@school.example']);
  });

  test('calls are counted per method, failed ones included; test-side helpers are not counted', () => {
    const { host, store, mail } = setup();
    mail.sendEmail('a@school.example', 'S', 'B');
    expect(() => mail.sendEmail('bad', 'S', 'B')).toThrow();
    mail.getRemainingDailyQuota();
    store.remainingQuota();
    store.snapshot();
    expect(host.calls.byMethod()).toEqual({ 'MailApp.getRemainingDailyQuota': 1, 'MailApp.sendEmail': 2 });
    expect(host.calls.byService()).toEqual({ MailApp: 3 });
  });

  test('a MailApp method the emulator does not model fails loudly', () => {
    const { mail } = setup();
    expect(() => (mail as unknown as { sendEmails: unknown }).sendEmails).toThrow(
      'not emulated: MailApp.sendEmails',
    );
  });

  test('a script in its own realm sends with objects made in that realm', () => {
    const { store, mail } = setup();
    const context = vm.createContext({ MailApp: mail });
    vm.runInContext(
      `MailApp.sendEmail({ to: 'head@school.example', subject: 'From the script', body: 'b', noReply: 1 });
       MailApp.sendEmail('dsl@school.example', 'Two', 'b', { cc: 'deputy@school.example' });`,
      context,
    );
    expect(store.sent.map((m) => [m.subject, m.noReply, m.cc])).toEqual([
      ['From the script', true, []],
      ['Two', false, ['deputy@school.example']],
    ]);
  });
});
