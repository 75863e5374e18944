import {
  formatPath,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseOrThrow,
  toFieldIssues,
} from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountRegistry } from '../adapters/accounts.js';
import { isAuthorized } from '../domain/accounts.js';
import type { OperationRunner, PlannedOperation } from '../operation-runner.js';
import { operationNamed, operations } from '../operations/index.js';
import type { TaskRepository } from '../ports.js';

const OpsBodySchema = z
  .array(z.record(z.string(), z.unknown(), 'each entry is {"<operationName>": description}'))
  .min(1, 'at least one operation is required');

/** Validates a `/kubernetes/ops` body into planned operations: known names, valid descriptions, known accounts. */
export function planOperations(
  body: unknown,
  accounts: AccountRegistry,
  request: FastifyRequest,
): PlannedOperation[] {
  const entries = parseOrThrow(OpsBodySchema, body, 'request body');
  const planned: PlannedOperation[] = [];
  entries.forEach((entry, i) => {
    for (const [name, raw] of Object.entries(entry)) {
      const operation = operationNamed(name);
      if (!operation) {
        const message = `Unknown operation "${name}" (known: ${operations.map((o) => o.name).join(', ')})`;
        throw new InputError(message, [{ path: `[${i}].${name}`, message }]);
      }
      const input = raw && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : raw;
      if (input && typeof input === 'object' && !('account' in input) && 'credentials' in input)
        (input as Record<string, unknown>).account = (input as Record<string, unknown>).credentials;
      const parsed = operation.description.safeParse(input);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error).map((issue) => ({
          path: formatPath([i, name]) + (issue.path ? `.${issue.path}`.replace('.[', '[') : ''),
          message: issue.message,
        }));
        throw new InputError(
          `Invalid ${name} description: ${issues[0]?.path}: ${issues[0]?.message}`,
          issues,
        );
      }
      const description = parsed.data as PlannedOperation['description'];
      const account = accounts.requireForOperation(description.account, `${formatPath([i, name])}.account`);
      // An account with WRITE permissions takes operations only from a signed identity that lists it
      // among its accounts (gate resolves the user's roles into X-SPINNAKER-ACCOUNTS).
      const allowed = request.identityVerified && request.identity.accounts.includes(account.name);
      if (!isAuthorized(account.config, 'WRITE', allowed ? account.config.permissions.WRITE : []))
        throw new NotAllowedError(`${request.identity.user} may not write to account ${account.name}`);
      planned.push({ operation, description, account });
    }
  });
  return planned;
}

/** `POST /kubernetes/ops` (asynchronous, answers `{id, resourceUri}`) and `GET /task/{id}`. */
export function opsRoutes(
  app: FastifyInstance,
  accounts: AccountRegistry,
  runner: OperationRunner,
  tasks: TaskRepository,
): void {
  const submit = async (request: FastifyRequest) => {
    const planned = planOperations(request.body, accounts, request);
    const task = await runner.submit(planned, request.identity.user);
    request.log.info({ taskId: task.id, operations: task.operations }, 'operation task submitted');
    return { id: task.id, resourceUri: `/task/${task.id}` };
  };
  app.post('/kubernetes/ops', submit);
  app.post('/ops', submit);
  app.get('/task/:id', async (request) => {
    const { id } = parseParams(z.object({ id: z.string().min(1) }), request);
    const task = await tasks.get(id);
    if (!task) throw new NotFoundError(`Task ${id} not found`);
    return task;
  });
  app.get('/kubernetes/task/:id/owner', async (request) => {
    const { id } = parseParams(z.object({ id: z.string().min(1) }), request);
    const task = await tasks.get(id);
    if (!task) throw new NotFoundError(`Task ${id} not found`);
    return { ownerId: task.ownerId, ownerType: 'kubernetes' };
  });
}
