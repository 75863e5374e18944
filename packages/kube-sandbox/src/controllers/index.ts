import type { Controller } from './controller.js';
import { deploymentController } from './deployment.js';
import { endpointsController } from './endpoints.js';
import { crdController } from './crd.js';
import { daemonSetController } from './daemonset.js';
import { createGarbageCollector } from './garbage-collector.js';
import { jobController } from './job.js';
import { kubeletController } from './kubelet.js';
import { namespaceController } from './namespace.js';
import { replicaSetController } from './replicaset.js';
import { statefulSetController } from './statefulset.js';

/** A fresh set of controllers for one sandbox (the one list where controllers are registered). */
export function createControllers(): Controller[] {
  return [
    namespaceController,
    crdController,
    deploymentController,
    replicaSetController,
    statefulSetController,
    daemonSetController,
    jobController,
    endpointsController,
    kubeletController,
    createGarbageCollector(),
  ];
}
