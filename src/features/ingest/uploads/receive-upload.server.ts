import { saveUpload } from './save-upload.server.ts';
import { UploadRefused } from './upload-refused.ts';

export interface ReceivedUpload {
  storedName: string;
  bytes: number;
  /** The name the supplier knows the file by (no folders), for messages and the history. */
  fileName: string;
  /** The workbook sheet to read, when one was named. */
  sheet: string | null;
}

// Room for the multipart boundaries and the small fields beside the file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** "C:\fakepath\Preise.csv" → "Preise.csv"; control characters dropped; at most 255 characters. */
export function cleanFileName(name: string | null | undefined, fallback = 'price-list'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean;
}

function cleanSheet(value: string | null | undefined): string | null {
  const sheet = (value ?? '').trim();
  return sheet === '' ? null : sheet.slice(0, 100);
}

function declaredLength(request: Request): number | null {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/** The file name of a raw upload: `X-File-Name` (URI-encoded), Content-Disposition, or `?name=`. */
function rawFileName(request: Request): string | null {
  const header = request.headers.get('x-file-name');
  if (header) {
    try {
      return decodeURIComponent(header);
    } catch {
      return header;
    }
  }
  const disposition = request.headers.get('content-disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1]! : new URL(request.url).searchParams.get('name');
}

/**
 * Receives the price list of an upload request into the uploads folder. Two shapes:
 * - the raw file as the body (the drag-and-drop uploader and API clients), named by a header;
 *   it is streamed to disk and cut off at the limit;
 * - a plain multipart form post (the file input without JavaScript): no streaming multipart
 *   parser is installed, so the web-standard `request.formData()` reads it, but only after its
 *   Content-Length has been checked against the limit, so an oversized form is refused unread.
 */
export async function receiveUpload(request: Request, uploadsDir: string, maxBytes: number): Promise<ReceivedUpload> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const length = declaredLength(request);
  if (type.startsWith('multipart/form-data')) {
    if (length === null) throw new UploadRefused('no-length', maxBytes);
    if (length > maxBytes + FORM_OVERHEAD_BYTES) throw new UploadRefused('too-large', maxBytes);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new UploadRefused('bad-form', maxBytes);
    }
    const file = form.get('file');
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw new UploadRefused('no-file', maxBytes);
    if (file.size > maxBytes) throw new UploadRefused('too-large', maxBytes);
    const saved = await saveUpload(file.stream(), uploadsDir, maxBytes);
    return { ...saved, fileName: cleanFileName(file.name), sheet: cleanSheet(form.get('sheet') as string | null) };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    throw new UploadRefused('not-form', maxBytes);
  }
  const url = new URL(request.url);
  const saved = await saveUpload(request.body, uploadsDir, maxBytes, length);
  return { ...saved, fileName: cleanFileName(rawFileName(request)), sheet: cleanSheet(request.headers.get('x-sheet') ?? url.searchParams.get('sheet')) };
}
