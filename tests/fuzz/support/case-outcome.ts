/** What the fuzz harness sends a worker: one generated file and how to read it. */
export type FuzzTarget = 'supplier-upload' | 'view-prices' | 'check-image';

export interface FuzzCase {
  target: FuzzTarget;
  bytes: Uint8Array;
  /** The name the file was uploaded under (the readers judge by content, but messages use it). */
  name: string;
  /** Whether the catalog has a live revision (update files need one; full files ignore it). */
  live: boolean;
  currency: string;
}

/**
 * How one case ended. `parsed` and `refused` are the two acceptable ends; `crash` is an
 * exception that is not the project's own ImportInputError, `invalid` a parse result that
 * breaks an invariant (or left files behind), `hang` a case past its deadline, `died` a worker
 * that ran out of memory or exited.
 */
export type CaseOutcome =
  | { kind: 'parsed'; format: string; items: number; problems: number; images: number }
  | { kind: 'refused'; message: string; fileName: string; rowNumber: number | null }
  | { kind: 'crash'; errorName: string; message: string; stack: string }
  | { kind: 'invalid'; why: string }
  | { kind: 'hang'; afterMs: number }
  | { kind: 'died'; why: string };

export interface TimedOutcome { outcome: CaseOutcome; ms: number; heapUsed: number }

// Raw exception text: a stack frame, an engine error name, or a temp folder the supplier never saw.
const RAW_TEXT = /\n\s+at |\b(TypeError|RangeError|ReferenceError|SyntaxError|AssertionError)\b|ERR_[A-Z_]+|\/tmp\/|vitrine-(import|format|fuzz)-/;

/** Why an outcome breaks the property (every file ends parsed or in a clear, located error), or null. */
export function violation(outcome: CaseOutcome): string | null {
  switch (outcome.kind) {
    case 'parsed':
      return null;
    case 'refused':
      if (outcome.fileName === '') return `the error names no file: ${outcome.message}`;
      if (outcome.message.trim().length < 10) return `the error message is not a sentence: "${outcome.message}"`;
      if (RAW_TEXT.test(outcome.message)) return `the error shows raw exception text or a server path: ${outcome.message.slice(0, 500)}`;
      return null;
    case 'crash':
      return `uncaught ${outcome.errorName}: ${outcome.message}\n${outcome.stack}`;
    case 'invalid':
      return `bad parse result: ${outcome.why}`;
    case 'hang':
      return `no answer within ${outcome.afterMs} ms (hang)`;
    case 'died':
      return `the reader's worker died: ${outcome.why}`;
  }
}
