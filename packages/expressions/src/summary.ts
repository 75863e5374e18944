/** The level of a summary entry: ERROR when evaluation threw, INFO when the result was null. */
export type SummaryLevel = 'ERROR' | 'INFO';

/** One entry of `expressionEvaluationSummary`, in Spinnaker's JSON shape (plus Genoa's `code`). */
export interface SummaryEntry {
  description: string;
  exceptionType: string | null;
  timestamp: number;
  level: SummaryLevel;
  /** The ExpressionError code for ERROR entries (a Genoa addition; Deck ignores it). */
  code?: string;
}

/** The JSON form stored under `context.expressionEvaluationSummary`: expression → entries. */
export type ExpressionEvaluationSummaryJson = Record<string, SummaryEntry[]>;

/**
 * Spinnaker's ExpressionEvaluationSummary: failures keyed by the escaped expression, plus counts of
 * what was evaluated and attempted.
 */
export class ExpressionEvaluationSummary {
  private readonly entries = new Map<string, SummaryEntry[]>();
  /** Expressions evaluated. */
  totalEvaluated = 0;
  /** Expressions attempted (the escaped expression texts). */
  readonly attempted = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a failure (ERROR) or an unresolved expression (INFO). */
  add(
    expression: string,
    level: SummaryLevel,
    description: string,
    exceptionType: string | null,
    code?: string,
  ): void {
    const entry: SummaryEntry = { description, exceptionType, timestamp: this.now(), level };
    if (code !== undefined) entry.code = code;
    const list = this.entries.get(expression);
    if (list) list.push(entry);
    else this.entries.set(expression, [entry]);
  }

  /** Number of failure entries of every level. */
  get failureCount(): number {
    let n = 0;
    for (const list of this.entries.values()) n += list.length;
    return n;
  }

  /** True when there is at least one ERROR entry. */
  get hasErrors(): boolean {
    return [...this.entries.values()].some((list) => list.some((e) => e.level === 'ERROR'));
  }

  /** The `expressionEvaluationSummary` map. */
  toJSON(): ExpressionEvaluationSummaryJson {
    const out: ExpressionEvaluationSummaryJson = {};
    for (const [key, list] of this.entries) {
      Object.defineProperty(out, key, {
        value: list.map((e) => ({ ...e })),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
}
