import { MemoryObjectStore } from '../adapters/memory-object-store.js';
import { describeRepositoryContract } from './repository-contract.js';

describeRepositoryContract('memory store', async () => new MemoryObjectStore());
