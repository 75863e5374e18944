/**
 * Testcontainers support: used only where a Docker engine answers. On machines without one,
 * `GenericContainer.start()` rejects within milliseconds ("Could not find a working container
 * runtime strategy"), which is the probe used here. The answer is cached per process.
 */
let probe: Promise<boolean> | undefined;

/** True when testcontainers can start containers on this machine. */
export function dockerAvailable(): Promise<boolean> {
  probe ??= (async () => {
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      return true;
    } catch {
      return false;
    }
  })();
  return probe;
}

/** A running container with its mapped host port. */
export interface StartedService {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `image` with testcontainers, exposing `containerPort`; env and command optional. */
export async function startContainer(
  image: string,
  containerPort: number,
  options: { env?: Record<string, string>; command?: string[] } = {},
): Promise<StartedService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  let container = new GenericContainer(image)
    .withExposedPorts(containerPort)
    .withWaitStrategy(Wait.forListeningPorts());
  if (options.env) container = container.withEnvironment(options.env);
  if (options.command) container = container.withCommand(options.command);
  const started = await container.start();
  return {
    host: started.getHost(),
    port: started.getMappedPort(containerPort),
    stop: async () => {
      await started.stop();
    },
  };
}
