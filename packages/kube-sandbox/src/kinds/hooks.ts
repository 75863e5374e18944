import type { StatusCause } from '../api/errors.js';
import type { KubeObject } from '../types.js';

/** Services a kind's hooks may use (IP allocation, lookups). */
export interface KindContext {
  /** Allocates the next free ClusterIP. */
  allocateClusterIP(): string;
  /** Releases... nothing yet; kept for symmetry with real allocators. */
  now(): number;
}

/** Defaulting and validation of one kind (the apiserver's "strategy"). */
export interface KindHooks {
  group: string;
  kind: string;
  /** Fills defaults in place (create and update). */
  defaults?(obj: KubeObject, ctx: KindContext, old?: KubeObject): void;
  /** Returns field errors (422 Invalid); `old` is set on update. */
  validate?(obj: KubeObject, old?: KubeObject): StatusCause[];
}

/** DNS-1123 subdomain (most object names). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** DNS-1123 label (namespaces, services). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
