import { formatBytes } from '../readers/zip-limits.server.ts';

export const UPLOAD_REFUSAL_CODES = ['too-large', 'empty', 'no-file', 'no-length', 'bad-form', 'not-form', 'interrupted', 'no-space'] as const;
export type UploadRefusalCode = (typeof UPLOAD_REFUSAL_CODES)[number];

type RefusalStatus = 400 | 411 | 413 | 415 | 507;
const STATUS: Record<UploadRefusalCode, RefusalStatus> = {
  'too-large': 413, empty: 400, 'no-file': 400, 'no-length': 411, 'bad-form': 400, 'not-form': 415, interrupted: 400, 'no-space': 507,
};

/** What the supplier reads for each refusal; `maxBytes` fills in the limit. */
export function refusalMessage(code: UploadRefusalCode, maxBytes: number): string {
  switch (code) {
    case 'too-large': return `The file is larger than the limit of ${formatBytes(maxBytes)}. Split the price list, or send the images in a separate ZIP.`;
    case 'empty': return 'The file is empty (0 bytes). Choose the price list file again.';
    case 'no-file': return 'No file was chosen. Choose a CSV, XLSX or ZIP file.';
    case 'no-length': return 'The upload did not say how large it is (Content-Length). Send the file from the form again, or as the raw request body.';
    case 'bad-form': return 'The upload could not be read. Choose the file again and send the form once more.';
    case 'not-form': return 'The form was sent without its file. Send it as multipart/form-data, or send the file itself as the request body.';
    case 'interrupted': return 'The upload was interrupted before the whole file arrived. Please try again.';
    case 'no-space': return 'The file could not be stored: our storage for catalog files is full. Nothing was changed, and your live catalog is as it was. Please try again later; if it keeps happening, tell us so we can make room.';
  }
}

/**
 * An upload refused before its revision exists (too large, empty, no file), with the HTTP status
 * an API client gets and a sentence for the supplier. `code` lets a page show the sentence after
 * a redirect without carrying free text in the URL.
 */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  readonly status: RefusalStatus;
  readonly code: UploadRefusalCode;
  constructor(code: UploadRefusalCode, maxBytes: number) {
    super(refusalMessage(code, maxBytes));
    this.code = code;
    this.status = STATUS[code];
  }
}

export function isRefusalCode(value: string | null): value is UploadRefusalCode {
  return value !== null && (UPLOAD_REFUSAL_CODES as readonly string[]).includes(value);
}
