import { parse as parseYaml } from 'yaml';
import type { GenericBuild } from '@genoa/shared';

/** A build as Jenkins' JSON API returns it (the fields igor reads). */
export interface JenkinsBuild {
  number: number;
  building?: boolean;
  result?: string | null;
  timestamp?: number | string;
  duration?: number;
  estimatedDuration?: number;
  url?: string;
  fullDisplayName?: string;
  id?: string;
  builtOn?: string;
  artifacts?: { fileName?: string; displayPath?: string; relativePath?: string }[];
  actions?: Record<string, unknown>[];
}

/** Fields of a build the poller asks Jenkins for (`tree=`). */
export const BUILD_FIELDS =
  'number,url,duration,timestamp,result,building,fullDisplayName,artifacts[displayPath,fileName,relativePath],actions[failCount,skipCount,totalCount,urlName]';

const testResults = (build: JenkinsBuild) =>
  (build.actions ?? [])
    .filter((a) => a && typeof a.totalCount === 'number')
    .map(({ failCount, skipCount, totalCount, urlName }) => ({
      failCount,
      skipCount,
      totalCount,
      urlName,
    })) as {
    failCount?: number;
    skipCount?: number;
    totalCount?: number;
    urlName?: string;
  }[];

const artifactsOf = (build: JenkinsBuild) =>
  (build.artifacts ?? []).map(({ fileName, displayPath, relativePath }) => ({
    fileName,
    displayPath,
    relativePath,
  }));

/** The raw build carried in a build event (`content.project.lastBuild`, edge.md §5.5). */
export function toEventBuild(build: JenkinsBuild) {
  return {
    building: build.building ?? false,
    number: build.number,
    result: build.result ?? undefined,
    timestamp: build.timestamp === undefined ? undefined : String(build.timestamp),
    duration: build.duration,
    url: build.url,
    fullDisplayName: build.fullDisplayName,
    artifacts: artifactsOf(build),
    testResults: testResults(build),
  };
}

/** Igor's GenericBuild (edge.md §5.4): `result` is BUILDING while running, `timestamp` a string. */
export function toGenericBuild(job: string, build: JenkinsBuild): GenericBuild {
  const result = (build.building ? 'BUILDING' : (build.result ?? 'NOT_BUILT')) as GenericBuild['result'];
  return {
    building: build.building ?? false,
    fullDisplayName: build.fullDisplayName,
    name: job,
    number: build.number,
    duration: build.duration,
    timestamp: build.timestamp === undefined ? undefined : String(build.timestamp),
    result,
    url: build.url,
    id: build.id ?? String(build.number),
    artifacts: artifactsOf(build),
    testResults: testResults(build),
  };
}

/** True once a build has finished (Jenkins sets `building: false` and a result). */
export const isComplete = (build: JenkinsBuild): boolean => build.building === false && build.result != null;

/**
 * Parses a property file the way igor does: YAML for `.yml`/`.yaml`, JSON for `.json`, Java
 * `.properties` otherwise. Always returns a flat-or-nested map (never a scalar).
 */
export function parsePropertyFile(fileName: string, text: string): Record<string, unknown> {
  const lower = fileName.toLowerCase();
  let value: unknown;
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) value = parseYaml(text);
  else if (lower.endsWith('.json')) value = JSON.parse(text);
  else return parseJavaProperties(text);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const unescape = (s: string) =>
  s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
    c.length === 5
      ? String.fromCharCode(parseInt(c.slice(1), 16))
      : (({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c),
  );

/** Java `.properties` (comments `#`/`!`, `=`, `:` or space separators, `\` line continuations). */
export function parseJavaProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.replace(/^\s+/, '');
    }
    const match = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]?\s*(.*)$/.exec(line);
    if (!match) continue;
    out[unescape(match[1]!)] = unescape(match[2]!);
  }
  return out;
}
