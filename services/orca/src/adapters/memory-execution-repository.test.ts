import { describe } from 'vitest';
import { describeExecutionRepositoryContract } from './execution-repository.contract.js';
import { MemoryExecutionRepository } from './memory-execution-repository.js';

describe('MemoryExecutionRepository', () => {
  describeExecutionRepositoryContract(async () => new MemoryExecutionRepository());
});
