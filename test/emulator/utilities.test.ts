import { createHash, createHmac } from 'node:crypto';
import * as vm from 'node:vm';
import * as fc from 'fast-check';
import { CallLog } from '../../emulator/core';
import { makeUtilities, MAX_SLEEP_MS, type UtilitiesHost } from '../../emulator/utilities';

class Host implements UtilitiesHost {
  readonly calls = new CallLog();
  ms = Date.parse('2026-09-07T08:00:00Z');
  readonly clock = {
    advance: (ms: number): void => {
      this.ms += ms;
    },
  };
  readonly platform = { digestHonoursCharset: true };
}

function setup(): { host: Host; utils: ReturnType<typeof makeUtilities> } {
  const host = new Host();
  return { host, utils: makeUtilities(host) };
}

/** The utilities facade with its argument types loosened, to call it as a careless script would. */
type Loose = Record<string, (...args: unknown[]) => unknown>;

/** Java's signed bytes, computed independently of the emulator. */
function javaBytes(buffer: Buffer): number[] {
  return Array.from(buffer, (b) => (b << 24) >> 24);
}

const AT = new Date('2026-09-07T08:05:09.007Z'); // Monday, 09:05:09.007 in London (BST)

describe('Utilities.formatDate: Java SimpleDateFormat patterns', () => {
  const { utils } = setup();
  const fmt = (pattern: string, date: Date = AT, zone = 'Europe/London'): string =>
    utils.formatDate(date, zone, pattern);

  test.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2026-09-07 09:05:09.007'],
    ['y yy yyy yyyy yyyyy', '2026 26 2026 2026 02026'],
    ['M MM MMM MMMM', '9 09 Sep September'],
    ['d dd D DDDD', '7 07 250 0250'],
    ['E EEE EEEE u', 'Mon Mon Monday 1'],
    ['H HH h hh k K a', '9 09 9 09 9 9 AM'],
    ['m mm s ss S SS SSS SSSS', '5 05 9 09 7 07 007 0007'],
    ['z zzzz Z X XX XXX', 'BST British Summer Time +0100 +01 +0100 +01:00'],
    ['w ww F W G', '37 37 1 2 AD'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", '2026-09-07T09:05:09+01:00'],
    ["h 'o''clock' a", "9 o'clock AM"],
    ["''yy''", "'26'"],
    ["'Week' w', day' D", 'Week 37, day 250'],
    ['dd/MM/yyyy - HH.mm', '07/09/2026 - 09.05'],
  ])('%s', (pattern, expected) => {
    expect(fmt(pattern)).toBe(expected);
  });

  test('hours around midnight and noon in every hour field', () => {
    const pattern = 'H k K h a';
    expect(fmt(pattern, new Date('2026-09-06T23:30:00Z'))).toBe('0 24 0 12 AM');
    expect(fmt(pattern, new Date('2026-09-07T11:30:00Z'))).toBe('12 12 0 12 PM');
    expect(fmt(pattern, new Date('2026-09-07T12:30:00Z'))).toBe('13 13 1 1 PM');
  });

  test('Sunday is day 7 for u', () => {
    expect(fmt('EEEE u', new Date('2026-09-06T12:00:00Z'))).toBe('Sunday 7');
  });

  test('weeks start on Sunday and the week holding 1 January is week 1, even in December', () => {
    const at = (iso: string): string => fmt('w YYYY yyyy', new Date(iso), 'UTC');
    expect(at('2026-01-01T12:00:00Z')).toBe('1 2026 2026'); // Thursday
    expect(at('2026-01-03T12:00:00Z')).toBe('1 2026 2026'); // Saturday
    expect(at('2026-01-04T12:00:00Z')).toBe('2 2026 2026'); // Sunday
    expect(at('2026-12-26T12:00:00Z')).toBe('52 2026 2026'); // Saturday
    expect(at('2026-12-27T12:00:00Z')).toBe('1 2027 2026'); // Sunday: the week of 1 Jan 2027
  });

  test('crossing into British Summer Time (29 March 2026, 01:00 UTC)', () => {
    const pattern = 'yyyy-MM-dd HH:mm:ss z Z';
    expect(fmt(pattern, new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29 00:59:59 GMT +0000');
    expect(fmt(pattern, new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29 02:00:00 BST +0100');
  });

  test('leaving British Summer Time (25 October 2026): 01:30 happens twice', () => {
    const pattern = 'HH:mm zzzz XXX';
    expect(fmt(pattern, new Date('2026-10-25T00:30:00Z'))).toBe('01:30 British Summer Time +01:00');
    expect(fmt(pattern, new Date('2026-10-25T01:30:00Z'))).toBe('01:30 Greenwich Mean Time Z');
  });

  test('the day in London is not the day in UTC late in the evening in summer', () => {
    const lateUtc = new Date('2026-06-30T23:30:00Z');
    expect(fmt('yyyy-MM-dd', lateUtc, 'Europe/London')).toBe('2026-07-01');
    expect(fmt('yyyy-MM-dd', lateUtc, 'UTC')).toBe('2026-06-30');
  });

  test('other IANA zones, including half-hour offsets and southern-hemisphere summer', () => {
    expect(fmt('HH:mm z XXX', AT, 'America/New_York')).toBe('04:05 EDT -04:00');
    expect(fmt('HH:mm XXX X', AT, 'Asia/Kolkata')).toBe('13:35 +05:30 +05');
    expect(fmt('dd HH:mm z', new Date('2026-01-15T00:00:00Z'), 'Pacific/Auckland')).toBe('15 13:00 NZDT');
    expect(fmt('HH:mm z zzzz', AT, 'UTC')).toBe('08:05 UTC Coordinated Universal Time');
  });

  test('zones without an abbreviation print the offset as Java does', () => {
    expect(fmt('HH:mm z', AT, 'Asia/Tokyo')).toBe('17:05 GMT+09:00');
  });

  test('Java custom GMT offsets', () => {
    expect(fmt('HH:mm z', AT, 'GMT')).toBe('08:05 GMT');
    expect(fmt('HH:mm z', AT, 'GMT+1')).toBe('09:05 GMT+01:00');
    expect(fmt('HH:mm z Z', AT, 'GMT-0530')).toBe('02:35 GMT-05:30 -0530');
    expect(fmt('HH:mm zzzz', AT, 'GMT+05:45')).toBe('13:50 GMT+05:45');
  });

  test('a time zone Java cannot understand formats in GMT, as Apps Script does (no error)', () => {
    expect(fmt('HH:mm z', AT, 'Europe/Londn')).toBe('08:05 GMT');
    expect(fmt('HH:mm z', AT, '')).toBe('08:05 GMT');
    expect(fmt('HH:mm z', AT, 'GMT+24')).toBe('08:05 GMT');
    expect(fmt('HH:mm z', AT, '+01:00')).toBe('08:05 GMT');
  });

  test.each([
    ['yyyy-mm-dd b', "Illegal pattern character 'b'"],
    ['YYYY-MM-DD T', "Illegal pattern character 'T'"],
    ["yyyy-MM-dd'T", 'Unterminated quote'],
    ['HH:mm XXXX', 'invalid ISO 8601 format: length=4'],
  ])('an invalid pattern %p throws %p', (pattern, message) => {
    expect(() => fmt(pattern)).toThrow(message);
  });

  test('arguments of the wrong kind give the signature error', () => {
    const loose = utils as unknown as Loose;
    expect(() => loose.formatDate?.('2026-09-07', 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => loose.formatDate?.(AT, undefined, 'yyyy')).toThrow(
      "The parameters (Date,null,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => loose.formatDate?.(AT.getTime(), 'UTC', 'yyyy')).toThrow(
      "The parameters (number,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  test('an invalid Date is an invalid argument', () => {
    expect(() => fmt('yyyy', new Date(Number.NaN))).toThrow('Invalid argument: date');
  });

  test('a Date made in the script realm is accepted', () => {
    const context = vm.createContext({ Utilities: utils });
    const result: unknown = vm.runInContext(
      `Utilities.formatDate(new Date(Date.UTC(2026, 11, 25, 9, 0)), 'Europe/London', 'EEEE d MMMM yyyy HH:mm')`,
      context,
    );
    expect(result).toBe('Friday 25 December 2026 09:00');
  });

  test('property: an ISO pattern with offset parses back to the same instant in any zone', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
      'GMT+3',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const text = utils.formatDate(new Date(ms), zone, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
          expect(Date.parse(text)).toBe(ms);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('property: Z and XX agree, and hh with a is H on a 12-hour clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.parse('2099-12-31T00:00:00Z') }), (ms) => {
        const [z, xx, h24, h12, ampm] = utils
          .formatDate(new Date(ms), 'Europe/London', 'Z XX H h a')
          .split(' ');
        expect(xx === 'Z' ? '+0000' : xx).toBe(z);
        expect((Number(h24) % 12 || 12) === Number(h12)).toBe(true);
        expect(ampm).toBe(Number(h24) < 12 ? 'AM' : 'PM');
      }),
      { numRuns: 300 },
    );
  });
});

describe('Utilities.getUuid', () => {
  test('returns distinct version-4 UUIDs', () => {
    const { utils } = setup();
    const uuids = Array.from({ length: 200 }, () => utils.getUuid());
    for (const uuid of uuids) {
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(uuids).size).toBe(uuids.length);
  });
});

describe('Utilities.computeDigest and HMAC', () => {
  const { utils } = setup();
  const D = utils.DigestAlgorithm;

  test('SHA-256 gives Java signed bytes (-128…127) of the node:crypto digest', () => {
    const bytes = utils.computeDigest(D.SHA_256 as never, 'incident OSI-2026-0042');
    const expected = javaBytes(createHash('sha256').update('incident OSI-2026-0042', 'utf8').digest());
    expect(bytes).toEqual(expected);
    expect(bytes).toHaveLength(32);
    expect(bytes.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
    expect(bytes.some((b) => b < 0)).toBe(true);
  });

  test('the well-known SHA-256 of "abc" starts ba 78 16 bf → -70 120 22 -65', () => {
    expect(utils.computeDigest(D.SHA_256 as never, 'abc').slice(0, 4)).toEqual([-70, 120, 22, -65]);
  });

  test.each([
    ['MD5', 'md5', 16],
    ['SHA_1', 'sha1', 20],
    ['SHA_384', 'sha384', 48],
    ['SHA_512', 'sha512', 64],
  ])('%s matches node:crypto', (name, nodeName, length) => {
    const bytes = utils.computeDigest(name as never, 'Emoji 🙂 and עברית');
    expect(bytes).toEqual(javaBytes(createHash(nodeName).update('Emoji 🙂 and עברית', 'utf8').digest()));
    expect(bytes).toHaveLength(length);
  });

  test('a byte array digests the same as the text it encodes; bytes may be signed or unsigned', () => {
    const text = 'café';
    const signed = javaBytes(Buffer.from(text, 'utf8'));
    const unsigned = Array.from(Buffer.from(text, 'utf8'));
    const fromText = utils.computeDigest(D.SHA_256 as never, text);
    expect(utils.computeDigest(D.SHA_256 as never, signed)).toEqual(fromText);
    expect(utils.computeDigest(D.SHA_256 as never, unsigned)).toEqual(fromText);
  });

  test('US_ASCII encodes characters it cannot represent as "?"', () => {
    const ascii = utils.computeDigest(D.SHA_256 as never, 'café', utils.Charset.US_ASCII as never);
    expect(ascii).toEqual(javaBytes(createHash('sha256').update('caf?').digest()));
    expect(utils.computeDigest(D.SHA_256 as never, 'café', utils.Charset.UTF_8 as never)).toEqual(
      utils.computeDigest(D.SHA_256 as never, 'café'),
    );
  });

  test('errors: unknown algorithm or charset, bytes out of range, MD2 not emulated, wrong value type', () => {
    const loose = utils as unknown as Loose;
    expect(() => loose.computeDigest?.('SHA_999', 'x')).toThrow('Invalid argument: algorithm');
    expect(() => loose.computeDigest?.(D.SHA_256, 'x', 'LATIN_1')).toThrow('Invalid argument: charset');
    expect(() => loose.computeDigest?.(D.SHA_256, [1, 256])).toThrow('Invalid argument: value');
    expect(() => loose.computeDigest?.(D.SHA_256, [1.5])).toThrow('Invalid argument: value');
    expect(() => loose.computeDigest?.(D.MD2, 'x')).toThrow('not emulated: Utilities.computeDigest MD2');
    expect(() => loose.computeDigest?.(D.SHA_256, 42)).toThrow(
      "The parameters (String,number) don't match the method signature for Utilities.computeDigest.",
    );
  });

  test('computeHmacSha256Signature matches node:crypto for text and for bytes', () => {
    const expected = javaBytes(createHmac('sha256', 'secret key').update('message').digest());
    expect(utils.computeHmacSha256Signature('message', 'secret key')).toEqual(expected);
    const valueBytes = javaBytes(Buffer.from('message'));
    const keyBytes = javaBytes(Buffer.from('secret key'));
    expect(utils.computeHmacSha256Signature(valueBytes, keyBytes)).toEqual(expected);
  });

  test('computeHmacSignature with each MacAlgorithm', () => {
    const M = utils.MacAlgorithm;
    const cases: [string, string][] = [
      [M.HMAC_MD5, 'md5'],
      [M.HMAC_SHA_1, 'sha1'],
      [M.HMAC_SHA_256, 'sha256'],
      [M.HMAC_SHA_384, 'sha384'],
      [M.HMAC_SHA_512, 'sha512'],
    ];
    for (const [algorithm, nodeName] of cases) {
      expect(utils.computeHmacSignature(algorithm as never, 'v', 'k')).toEqual(
        javaBytes(createHmac(nodeName, 'k').update('v').digest()),
      );
    }
  });

  test('HMAC with mixed value and key types, or an unknown algorithm, is refused', () => {
    const loose = utils as unknown as Loose;
    expect(() => loose.computeHmacSha256Signature?.('v', [1, 2])).toThrow(
      "The parameters (String,Object[]) don't match the method signature for Utilities.computeHmacSha256Signature.",
    );
    expect(() => loose.computeHmacSignature?.('HMAC_SHA_999', 'v', 'k')).toThrow(
      'Invalid argument: algorithm',
    );
  });

  test('enum values read as their names', () => {
    expect(String(utils.DigestAlgorithm.SHA_256)).toBe('SHA_256');
    expect(String(utils.Charset.UTF_8)).toBe('UTF_8');
    expect(String(utils.MacAlgorithm.HMAC_SHA_256)).toBe('HMAC_SHA_256');
  });
});

describe('Utilities Base64', () => {
  const { utils } = setup();

  test('base64Encode of text and of bytes equals the standard encoding', () => {
    const text = 'Online safety ✓ ?>?';
    const expected = Buffer.from(text, 'utf8').toString('base64');
    expect(utils.base64Encode(text)).toBe(expected);
    expect(utils.base64Encode(javaBytes(Buffer.from(text, 'utf8')))).toBe(expected);
    expect(utils.base64Encode('é', utils.Charset.US_ASCII as never)).toBe(
      Buffer.from('?').toString('base64'),
    );
  });

  test('base64EncodeWebSafe uses - and _ and keeps the padding', () => {
    const bytes = [-5, -1, -65, 0x3e];
    const standard = Buffer.from(bytes.map((b) => b & 0xff)).toString('base64');
    expect(standard).toMatch(/[+/]/);
    const webSafe = utils.base64EncodeWebSafe(bytes);
    expect(webSafe).toBe(standard.replace(/\+/g, '-').replace(/\//g, '_'));
    expect(webSafe.endsWith('==')).toBe(true);
  });

  test('decoding returns signed bytes and round-trips', () => {
    const original = Array.from({ length: 256 }, (_, i) => (i << 24) >> 24);
    expect(utils.base64Decode(utils.base64Encode(original))).toEqual(original);
    expect(utils.base64DecodeWebSafe(utils.base64EncodeWebSafe(original))).toEqual(original);
    expect(utils.base64Decode('')).toEqual([]);
  });

  test.each([
    ['unpadded', 'aGk'],
    ['bad characters', 'a$b='],
    ['web-safe characters in the standard decoder', '-_8='],
    ['spaces', 'aGk= '],
  ])('base64Decode rejects %s', (_label, encoded) => {
    expect(() => utils.base64Decode(encoded)).toThrow('Could not decode string.');
  });

  test('base64DecodeWebSafe rejects the standard alphabet', () => {
    expect(() => utils.base64DecodeWebSafe('+/8=')).toThrow('Could not decode string.');
    expect(utils.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
  });

  test('decoding something that is not text gives the signature error', () => {
    const loose = utils as unknown as Loose;
    expect(() => loose.base64Decode?.(12)).toThrow(
      "The parameters (number) don't match the method signature for Utilities.base64Decode.",
    );
  });
});

describe('Utilities.sleep', () => {
  test('advances the simulated clock instead of waiting', () => {
    const { host, utils } = setup();
    const before = host.ms;
    utils.sleep(1500);
    utils.sleep(MAX_SLEEP_MS);
    expect(host.ms - before).toBe(1500 + 300_000);
  });

  test('more than 300000 ms, a negative time or a non-number is refused and time stands still', () => {
    const { host, utils } = setup();
    const before = host.ms;
    expect(() => utils.sleep(300_001)).toThrow('Argument too large: milliseconds');
    expect(() => utils.sleep(-1)).toThrow('Invalid argument: milliseconds');
    expect(() => utils.sleep(Number.NaN)).toThrow('Invalid argument: milliseconds');
    expect(() => (utils as unknown as Loose).sleep?.('10')).toThrow(
      "The parameters (String) don't match the method signature for Utilities.sleep.",
    );
    expect(host.ms).toBe(before);
  });
});

describe('Utilities.parseCsv', () => {
  const { utils } = setup();

  test('plain rows, with or without a final line break', () => {
    expect(utils.parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(utils.parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test('quoted fields hold delimiters, doubled quotes and line breaks', () => {
    const csv = 'name,notes\n"Smith, J","said ""delete it""\nthen left"\n"",x';
    expect(utils.parseCsv(csv)).toEqual([
      ['name', 'notes'],
      ['Smith, J', 'said "delete it"\nthen left'],
      ['', 'x'],
    ]);
  });

  test('empty fields and lines are kept; empty input has no rows', () => {
    expect(utils.parseCsv('a,,c\n\nd')).toEqual([['a', '', 'c'], [''], ['d']]);
    expect(utils.parseCsv('a,')).toEqual([['a', '']]);
    expect(utils.parseCsv('')).toEqual([]);
    expect(utils.parseCsv('""')).toEqual([['']]);
  });

  test('a quote inside an unquoted field is text', () => {
    expect(utils.parseCsv('5" screen,ok')).toEqual([['5" screen', 'ok']]);
  });

  test('a custom delimiter', () => {
    expect(utils.parseCsv('a;"b;c"\td', ';')).toEqual([['a', 'b;c\td']]);
    expect(utils.parseCsv('a\tb', '\t')).toEqual([['a', 'b']]);
  });

  test('errors: unterminated quote, a delimiter that is not one character, non-text input', () => {
    expect(() => utils.parseCsv('a,"b\n')).toThrow('Could not parse text.');
    expect(() => utils.parseCsv('a,b', ';;')).toThrow('Invalid argument: delimiter');
    expect(() => utils.parseCsv('a,b', '')).toThrow('Invalid argument: delimiter');
    expect(() => (utils as unknown as Loose).parseCsv?.(['a'])).toThrow(
      "The parameters (Object[]) don't match the method signature for Utilities.parseCsv.",
    );
  });

  test('property: fields written with RFC 4180 quoting parse back unchanged', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é', '🙂') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const csv = rows.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n');
          expect(utils.parseCsv(csv)).toEqual(rows);
        },
      ),
    );
  });
});

describe('Utilities.formatString', () => {
  const { utils } = setup();

  test.each([
    ['%s has %d open incidents', ['Year 9', 4], 'Year 9 has 4 open incidents'],
    ['%5d|%-5d|%05d', [42, 42, -42], '   42|42   |-0042'],
    ['%.2f %f', [3.14159, 2], '3.14 2.000000'],
    ['%x %X %o', [255, 255, 8], 'ff FF 10'],
    ['%x %d', [-1, -1], 'ffffffff -1'],
    ['%+d % d', [5, 5], '+5  5'],
    ['%.3s|%10s|%-4s|', ['abcdef', 'right', 'l'], 'abc|     right|l   |'],
    ['100%% %c', [65], '100% A'],
    ['%e', [12345.678], '1.234568e+04'],
    ['%d %i', [7.9, -7.9], '7 -7'],
    ['%s and %s', ['one'], 'one and undefined'],
  ])('formatString(%p, …)', (template, args, expected) => {
    expect(utils.formatString(template, ...args)).toBe(expected);
  });

  test('a template that is not text gives the signature error', () => {
    expect(() => (utils as unknown as Loose).formatString?.(5)).toThrow(
      "The parameters (number) don't match the method signature for Utilities.formatString.",
    );
  });
});

describe('Utilities facade', () => {
  test('calls are counted per method; reading an enum is not a call', () => {
    const { host, utils } = setup();
    utils.getUuid();
    utils.formatDate(AT, 'UTC', 'yyyy');
    utils.formatDate(AT, 'UTC', 'MM');
    void utils.DigestAlgorithm.SHA_256;
    expect(host.calls.byMethod()).toEqual({ 'Utilities.formatDate': 2, 'Utilities.getUuid': 1 });
    expect(host.calls.byService()).toEqual({ Utilities: 3 });
  });

  test.each(['zip', 'parseDate', 'computeRsaSha256Signature', 'RsaAlgorithm'])(
    '%s is not emulated',
    (name) => {
      const { utils } = setup();
      expect(() => (utils as unknown as Record<string, unknown>)[name]).toThrow(
        `not emulated: Utilities.${name}`,
      );
    },
  );
});
