/**
 * The emulated `Blob` (Utilities.newBlob) and its one conversion the product uses: HTML to PDF. Why: the
 * governors' termly report is emailed with a PDF made by Apps Script from the report's HTML.
 *
 * Reference (https://developers.google.com/apps-script/reference/base/blob#getAs(String)): getAs returns
 * the data "as a blob converted to the specified content type", adding the extension to the file name and
 * replacing whatever follows the last period ("ShoppingList.12.25.2014" becomes "ShoppingList.12.25.pdf");
 * "for most blobs, 'application/pdf' is the only valid option". Converting HTML is how Apps Script scripts
 * commonly make a PDF; which CSS Google's converter honours is **unconfirmed** (the report keeps to tables
 * and inline styles).
 *
 * Honest about what it cannot do: the emulator does not render a PDF. A converted blob keeps the HTML it
 * was made from (`_source`), its name and type; reading its bytes throws `not emulated`, so a script that
 * inspects a PDF cannot pass here by accident. The demo renders that HTML to a real PDF with Chromium.
 * Any other conversion, or a conversion from anything but HTML, throws `not emulated` too.
 */
import { Emulated, NotEmulatedError, type Counted } from './core';
import { scriptException, signatureError } from './utilities';

/** What a converted PDF holds in the emulator: the HTML it would be rendered from. */
export interface PdfSource {
  html: string;
}

export class Blob extends Emulated {
  constructor(
    ctx: Counted,
    private readonly _bytes: Buffer | null,
    private _contentType: string | null,
    private _name: string | null,
    readonly _source: PdfSource | null = null,
  ) {
    super(ctx, 'Blob');
  }

  getName(): string | null {
    return this._name;
  }

  setName(name: unknown): Blob {
    if (typeof name !== 'string') throw signatureError('Blob.setName', [name]);
    this._name = name;
    return this;
  }

  getContentType(): string | null {
    return this._contentType;
  }

  getBytes(): number[] {
    return [...this._readable('getBytes')].map((b) => (b > 127 ? b - 256 : b));
  }

  getDataAsString(): string {
    return this._readable('getDataAsString').toString('utf8');
  }

  getAs(contentType: unknown): Blob {
    if (typeof contentType !== 'string') throw signatureError('Blob.getAs', [contentType]);
    if (contentType !== 'application/pdf') throw new NotEmulatedError(`Blob.getAs ${contentType}`);
    if (this._contentType !== 'text/html' || this._bytes === null) {
      throw new NotEmulatedError(`Blob.getAs application/pdf from ${String(this._contentType)}`);
    }
    return new Blob(this._ctx, null, 'application/pdf', pdfName(this._name), {
      html: this._bytes.toString('utf8'),
    });
  }

  private _readable(method: string): Buffer {
    if (this._bytes === null) {
      throw new NotEmulatedError(
        `Blob.${method} of a converted PDF (the emulator keeps its HTML, not a rendering)`,
      );
    }
    return this._bytes;
  }
}

/** The reference's rule: the part after the last period is an extension, replaced by "pdf". */
export function pdfName(name: string | null): string | null {
  if (name === null) return null;
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.pdf`;
}

/** Utilities.newBlob(data[, contentType[, name]]) with text data (byte arrays are not used: they throw). */
export function newBlob(ctx: Counted, args: readonly unknown[]): Blob {
  const [data, contentType, name] = args;
  if (typeof data !== 'string') {
    if (Array.isArray(data)) throw new NotEmulatedError('Utilities.newBlob with bytes');
    throw signatureError('Utilities.newBlob', args);
  }
  if (contentType !== undefined && contentType !== null && typeof contentType !== 'string') {
    throw signatureError('Utilities.newBlob', args);
  }
  if (name !== undefined && name !== null && typeof name !== 'string')
    throw signatureError('Utilities.newBlob', args);
  if (typeof contentType === 'string' && contentType.trim() === '')
    throw scriptException('Invalid argument: contentType');
  return new Blob(ctx, Buffer.from(data, 'utf8'), contentType ?? null, name ?? null);
}
