/** The seven Genoa services, named as in Spinnaker. */
export const ServiceName = {
  deck: 'deck',
  gate: 'gate',
  orca: 'orca',
  clouddriver: 'clouddriver',
  front50: 'front50',
  echo: 'echo',
  igor: 'igor',
} as const;
/** See {@link ServiceName}. */
export type ServiceName = (typeof ServiceName)[keyof typeof ServiceName];

/** Default ports, Spinnaker's. */
export const defaultPorts: Readonly<Record<ServiceName, number>> = Object.freeze({
  deck: 9000,
  gate: 8084,
  orca: 8083,
  clouddriver: 7002,
  front50: 8080,
  echo: 8089,
  igor: 8088,
});

/** Start order of the local stack and of `deploy/k8s`: a service only depends on earlier tiers. */
export const startTiers: readonly (readonly ServiceName[])[] = Object.freeze([
  ['front50'],
  ['clouddriver', 'igor'],
  ['orca', 'echo'],
  ['gate'],
  ['deck'],
]);
