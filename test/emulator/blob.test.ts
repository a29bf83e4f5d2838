/**
 * The emulated Blob: HTML to PDF as the reference describes it (name and type), and honest about not
 * rendering — a converted PDF's bytes throw, as does any conversion the product does not use.
 */
import { CallLog } from '../../emulator/core';
import { MailStore, type MailApp } from '../../emulator/mail';
import { Utilities, type UtilitiesHost } from '../../emulator/utilities';

function setup(): { utils: Utilities; mail: MailApp; store: MailStore; host: UtilitiesHost } {
  const calls = new CallLog();
  const now = Date.parse('2026-12-19T04:00:00Z');
  const host = {
    calls,
    clock: { advance: (): void => undefined, now: (): number => now },
    platform: { digestHonoursCharset: true },
  };
  const store = new MailStore({ calls, clock: host.clock, activeUser: () => 'dsl@school.example' }, 1500);
  return { utils: new Utilities(host), mail: store.globals().MailApp as MailApp, store, host };
}

describe('Utilities.newBlob and Blob.getAs', () => {
  it('keeps text, type and name, and converts HTML to a PDF named as the reference says', () => {
    const { utils } = setup();
    const html = utils.newBlob('<p>Report</p>', 'text/html', 'Report.12.25.2014');
    expect([html.getDataAsString(), html.getContentType(), html.getName()]).toEqual([
      '<p>Report</p>',
      'text/html',
      'Report.12.25.2014',
    ]);
    const pdf = html.getAs('application/pdf');
    expect([pdf.getContentType(), pdf.getName()]).toEqual(['application/pdf', 'Report.12.25.pdf']);
  });

  it('does not pretend to render: a PDF’s bytes, other conversions and byte data throw', () => {
    const { utils } = setup();
    const pdf = utils.newBlob('<p>x</p>', 'text/html', 'a.html').getAs('application/pdf');
    expect(() => pdf.getBytes()).toThrow(/not emulated: Blob.getBytes of a converted PDF/);
    expect(() => utils.newBlob('x', 'text/plain', 'a.txt').getAs('application/pdf')).toThrow(/not emulated/);
    expect(() => utils.newBlob('x', 'text/html', 'a.html').getAs('image/png')).toThrow(/not emulated/);
    expect(() => utils.newBlob([1, 2] as never)).toThrow(/not emulated: Utilities.newBlob with bytes/);
  });

  it('a PDF attachment reaches the sent mail with the HTML it would be rendered from', () => {
    const { utils, mail, store, host } = setup();
    const pdf = utils.newBlob('<h1>Termly</h1>', 'text/html', 'Termly.html').getAs('application/pdf');
    mail.sendEmail({ to: 'chair@governors.example', subject: 'S', body: 'B', attachments: [pdf] });
    expect(store.sent[0]?.attachments).toEqual([
      { name: 'Termly.pdf', contentType: 'application/pdf', pdfFromHtml: '<h1>Termly</h1>' },
    ]);
    expect(host.calls.byMethod()).toMatchObject({ 'Utilities.newBlob': 1, 'Blob.getAs': 1 });
  });
});
