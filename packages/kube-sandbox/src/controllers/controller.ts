import type { ObjectApi } from '../api/object-api.js';
import type { ResourceType } from '../api/resources.js';
import type { Clock } from '../clock.js';
import type { Store, StoreEvent } from '../store/store.js';
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './events.js';
import type { FailureRule } from './failure-modes.js';

/** Tunables of the simulated cluster. */
export interface ClusterConfig {
  /** Delay from pod creation (on the node) to Running+Ready. */
  podReadyDelayMs: number;
  /** Delay from Running to Succeeded for pods that run to completion (Jobs). */
  podCompleteDelayMs: number;
  /** Delay before the kubelet removes a pod marked for deletion. */
  podDeleteDelayMs: number;
  /** Interval between simulated crash-loop restarts. */
  crashLoopIntervalMs: number;
  /** How pods are selected for failure modes (image patterns). */
  failureRules: FailureRule[];
  /** Names of the simulated nodes. */
  nodes: string[];
}

/** What a controller may use. */
export interface ControllerContext {
  api: ObjectApi;
  store: Store;
  clock: Clock;
  events: EventRecorder;
  config: ClusterConfig;
  /** Resource type by group/resource (built-ins). */
  type(group: string, resource: string): ResourceType;
  /** Queues `key` for controller `name`, optionally after a delay. */
  enqueue(name: string, key: string, delayMs?: number): void;
}

/** A reconcile loop: maps store events to work keys and reconciles one key at a time. */
export interface Controller {
  name: string;
  /** Work keys (usually `namespace/name`) an event should trigger. */
  keysFor(e: StoreEvent, ctx: ControllerContext): string[];
  /** Drives the world toward the desired state for `key`. */
  reconcile(key: string, ctx: ControllerContext): void;
}

/** `namespace/name` of an object. */
export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** Splits a `namespace/name` key. */
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  const ns = key.slice(0, i);
  return [ns === '' ? undefined : ns, key.slice(i + 1)];
}

/** The controller ownerReference of an object, if any. */
export function controllerOf(obj: KubeObject): { uid: string; kind: string; name: string } | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** Manager names used for controller writes. */
export const CONTROLLER_MANAGER = { fieldManager: 'kube-controller-manager' } as const;
