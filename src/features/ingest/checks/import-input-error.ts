/**
 * A problem with what the supplier uploaded (unreadable file, unsafe archive, broken quoting),
 * as opposed to a bug. The message is a plain-English sentence the supplier can act on; it
 * names the file and, where known, the row. Every reader in this folder throws only this class
 * for bad input, so callers can show `message` as is and log anything else as a bug.
 */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
  readonly fileName: string | undefined;
  readonly rowNumber: number | undefined;

  constructor(message: string, details: { fileName?: string; rowNumber?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.fileName = details.fileName;
    this.rowNumber = details.rowNumber;
  }
}
