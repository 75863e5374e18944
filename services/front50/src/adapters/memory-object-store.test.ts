import { MemoryObjectStore } from './memory-object-store.js';
import { describeObjectStoreContract } from './object-store-contract.js';

describeObjectStoreContract('memory', async () => {
  const store = new MemoryObjectStore();
  return {
    store,
    outage: { begin: async () => store.setAvailable(false), end: async () => store.setAvailable(true) },
  };
});
