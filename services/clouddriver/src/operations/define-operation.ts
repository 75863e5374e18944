import type { Logger } from '@genoa/shared/node';
import type { z } from 'zod';
import type { Account, AccountRegistry } from '../adapters/accounts.js';

/** What an operation gets besides its description: its account, a progress reporter, a logger. */
export interface OperationContext {
  account: Account;
  accounts: AccountRegistry;
  /** Appends a status line to the task's history (shown by Deck, read by orca). */
  progress(status: string): Promise<void>;
  logger: Logger;
}

/** The result object an operation adds to the task's `resultObjects`. */
export type OperationResult = Record<string, unknown>;

/** One clouddriver operation: its Spinnaker name, task phase, description schema and behaviour. */
export interface OperationDefinition<S extends z.ZodType = z.ZodType> {
  /** The key in the `/kubernetes/ops` body, e.g. `deployManifest`. */
  name: string;
  /** The phase written in the task's history, e.g. `DEPLOY_KUBERNETES_MANIFEST`. */
  phase: string;
  description: S;
  run(description: z.infer<S>, ctx: OperationContext): Promise<OperationResult | undefined>;
}

/** Declares an operation (one file per operation, listed in `operations/index.ts`). */
export function defineOperation<S extends z.ZodType<{ account: string }>>(
  definition: OperationDefinition<S>,
): OperationDefinition<S> {
  return definition;
}
