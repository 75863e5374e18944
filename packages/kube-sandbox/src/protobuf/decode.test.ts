import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './decode.js';
import { ProtobufError } from './wire.js';

// Request bodies recorded from kubectl v1.32 (`kubectl create …`), hex encoded.
const recorded = {
  namespace:
    '6b3873000a0f0a02763112094e616d65737061636512190a110a017812001a0022002a0032003800420012001a020a001a002200',
  configmap:
    '6b3873000a0f0a0276311209436f6e6669674d6170121b0a110a017812001a0022002a0032003800420012060a01611201621a002200',
  deployment:
    '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412ab010a1f0a0377656212001a0022002a003200380042005a0a0a036170701203776562127a0801120c0a0a0a0361707012037765621a600a1c0a0012001a0022002a003200380042005a0a0a036170701203776562124012220a056e67696e7812056e67696e782a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200',
};
const decode = (hex: string): unknown => decodeKubernetesProtobuf(Buffer.from(hex, 'hex'));

describe('Kubernetes protobuf request bodies', () => {
  it('decodes kubectl create namespace', () => {
    expect(decode(recorded.namespace)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
    });
  });

  it('decodes kubectl create configmap --from-literal=a=b', () => {
    expect(decode(recorded.configmap)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: 'b' },
    });
  });

  it('decodes kubectl create deployment web --image=nginx, keeping replicas and dropping zero values', () => {
    expect(decode(recorded.deployment)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    });
  });

  it('rejects bodies without the k8s prefix and kinds outside the tables', () => {
    expect(() => decode('7b7d')).toThrow(ProtobufError);
    const cronJob = Buffer.concat([
      Buffer.from('6b387300', 'hex'),
      Buffer.from([
        0x0a,
        0x13,
        0x0a,
        0x08,
        ...Buffer.from('batch/v1'),
        0x12,
        0x07,
        ...Buffer.from('CronJob'),
      ]),
    ]);
    expect(() => decodeKubernetesProtobuf(cronJob)).toThrow(
      'protobuf bodies of batch/v1, Kind=CronJob are not supported',
    );
  });
});
