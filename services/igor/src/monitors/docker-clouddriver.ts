import {
  CredentialsEntrySchema,
  DOCKER_REGISTRY_PROVIDER,
  DockerRegistryPaths,
  TaggedImageSchema,
  type TaggedImage,
} from '@genoa/shared';
import type { ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';

/** What the docker monitor asks clouddriver (Spinnaker igor's `ClouddriverService`). */
export interface DockerImageSource {
  /** Names of the Docker Registry accounts (`GET /credentials`, `type: dockerRegistry`). */
  accounts(): Promise<string[]>;
  /** Every tagged image of an account with its digest (`GET /dockerRegistry/images/find?account=`). */
  images(account: string): Promise<TaggedImage[]>;
}

/** The {@link DockerImageSource} over clouddriver's HTTP API. */
export function clouddriverImageSource(clouddriver: ServiceClient): DockerImageSource {
  return {
    async accounts() {
      const list = await clouddriver.get('/credentials', { schema: z.array(CredentialsEntrySchema) });
      return list
        .filter((a) => a.type === DOCKER_REGISTRY_PROVIDER || a.cloudProvider === DOCKER_REGISTRY_PROVIDER)
        .map((a) => a.name);
    },
    images: (account) =>
      clouddriver.get(DockerRegistryPaths.findImages, {
        query: { account, includeDetails: false },
        schema: z.array(TaggedImageSchema),
      }),
  };
}
