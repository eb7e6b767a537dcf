import type { ImportProblem } from './validate-row.ts';

/**
 * Collects the problems of one product (BMEcat) or line (CIF) in the report's shape: the
 * row number is the product's ordinal or the line, the column the element path or field
 * name, and the message a sentence that names both, so it reads well on its own.
 */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  readonly rowNumber: number;
  /** How the product or line is named at the start of each message, e.g. "Product 12 (line 345)". */
  readonly subject: string;

  constructor(rowNumber: number, subject: string) {
    this.rowNumber = rowNumber;
    this.subject = subject;
  }

  add(severity: ImportProblem['severity'], column: string | null, shortColumn: string | null, value: string | null, expected: string | null, what: string): void {
    const where = shortColumn ? `${this.subject}, ${shortColumn}` : this.subject;
    this.items.push({ severity, rowNumber: this.rowNumber, column, value, expected, message: `${where}: ${what}${expected ? `; expected ${expected}` : ''}.` });
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }
}
