import { isScenarioName, scenarioNames, type ScenarioName } from '../model/scenarios';

export const DEFAULT_SCENARIO: ScenarioName = 'stress-ketamine';
export const DEFAULT_SEED = '1';
export const DEFAULT_SPEED_HOURS_PER_SECOND = 24;
export const MIN_SPEED_HOURS_PER_SECOND = 0.25;
export const MAX_SPEED_HOURS_PER_SECOND = 24 * 14;
export const DEFAULT_NEURON_COUNT = 3;
export const MAX_NEURON_COUNT = 30;
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** The keys a SpineLab link may hold, in the order links are written. */
export const LINK_KEYS = ['scenario', 'seed', 'speed', 'neurons', 'paused', 'test'] as const;

/** Numbers in links are plain decimals: no hex, exponents, signs or spaces. */
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

export interface UrlSettings {
  readonly scenario: ScenarioName;
  readonly seed: string;
  readonly speedHoursPerSecond: number;
  readonly neuronCount: number;
  /** `test`: a small canvas and a low frame rate for automated checks on software rendering. */
  readonly testMode: boolean;
  /** `paused` (or `paused=true`): open paused; `paused=false` opens playing. */
  readonly paused: boolean;
  /** One plain sentence per value that could not be used (the default was used instead). */
  readonly problems: readonly string[];
}

/** A value quoted in a message, shortened so that a pasted essay does not fill the screen. */
function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** A flag is present bare or as true/1, absent or false/0; anything else is a problem (undefined). */
function parseFlag(text: string | null): boolean | undefined {
  if (text === null) return false;
  if (text === '' || text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/**
 * Reads a lecturer's link: `#scenario=stress&seed=7&speed=12` starts that run. Links are written in the
 * fragment (after `#`), which never reaches a server, so no length limit of a server can break them; older
 * links with the same values in the query (`?scenario=…`) still work, and the fragment wins where both
 * have a value. Unknown or invalid values fall back to the defaults, each with a sentence saying what was
 * wrong; `runLink` then leaves them out of the address bar.
 */
export function parseUrlSettings(search: string, hash = ''): UrlSettings {
  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const get = (key: string) => fragment.get(key) ?? query.get(key);
  const problems: string[] = [];
  let scenario = DEFAULT_SCENARIO;
  const scenarioText = get('scenario');
  if (scenarioText !== null) {
    if (isScenarioName(scenarioText)) scenario = scenarioText;
    else problems.push(`The link asks for scenario ${quote(scenarioText)}, which does not exist; showing "${DEFAULT_SCENARIO}". Scenarios: ${scenarioNames.join(', ')}.`);
  }
  let seed = DEFAULT_SEED;
  const seedText = get('seed');
  if (seedText !== null) {
    if (SEED_PATTERN.test(seedText)) seed = seedText;
    else problems.push(`The seed ${quote(seedText)} in the link is not usable (use up to 40 letters, digits, - or _); using seed ${DEFAULT_SEED}.`);
  }
  let speedHoursPerSecond = DEFAULT_SPEED_HOURS_PER_SECOND;
  const speedText = get('speed');
  if (speedText !== null) {
    const value = Number(speedText);
    if (DECIMAL.test(speedText) && value >= MIN_SPEED_HOURS_PER_SECOND && value <= MAX_SPEED_HOURS_PER_SECOND) speedHoursPerSecond = value;
    else problems.push(`The speed ${quote(speedText)} in the link must be a decimal number of simulated hours per second from ${MIN_SPEED_HOURS_PER_SECOND} to ${MAX_SPEED_HOURS_PER_SECOND}; using ${DEFAULT_SPEED_HOURS_PER_SECOND}.`);
  }
  let neuronCount = DEFAULT_NEURON_COUNT;
  const neuronText = get('neurons');
  if (neuronText !== null) {
    const value = Number(neuronText);
    if (WHOLE.test(neuronText) && value >= 1 && value <= MAX_NEURON_COUNT) neuronCount = value;
    else problems.push(`The number of neurons ${quote(neuronText)} in the link must be a whole number from 1 to ${MAX_NEURON_COUNT}; using ${DEFAULT_NEURON_COUNT}.`);
  }
  const flag = (key: 'paused' | 'test', meaning: string) => {
    const text = get(key);
    const value = parseFlag(text);
    if (value === undefined) problems.push(`${quote(`${key}=${text}`)} in the link must be ${key}=true or ${key}=false (${meaning}); ignored.`);
    return value ?? false;
  };
  const paused = flag('paused', 'open paused or playing');
  const testMode = flag('test', 'the light test view');
  for (const key of new Set(fragment.keys())) {
    if (!(LINK_KEYS as readonly string[]).includes(key)) problems.push(`The link holds ${quote(key)}, which SpineLab does not use; ignored. A link may hold ${LINK_KEYS.join(', ')}.`);
  }
  return { scenario, seed, speedHoursPerSecond, neuronCount, testMode, paused, problems };
}

/** The one message for a link's unusable values (null when all were used). */
export function linkProblemNotice(problems: readonly string[]): string | null {
  if (problems.length === 0) return null;
  return `${problems.length === 1 ? 'A value' : 'Some values'} in the link could not be used and ${problems.length === 1 ? 'was' : 'were'} removed from the address bar. ${problems.join(' ')}`;
}

/**
 * The link that starts the current run, in the fragment: scenario, seed and speed as given, and the
 * link's other valid values (neurons, paused, test). Invalid and unknown values are left out, SpineLab's
 * keys move out of the query (older links), and the query's other values stay as they were.
 */
export function runLink(href: string, scenario: ScenarioName, seed: string, speedHoursPerSecond: number): string {
  const url = new URL(href);
  const current = parseUrlSettings(url.search, url.hash);
  const parts = [`scenario=${scenario}`, `seed=${encodeURIComponent(seed)}`, `speed=${speedHoursPerSecond}`];
  if (current.neuronCount !== DEFAULT_NEURON_COUNT) parts.push(`neurons=${current.neuronCount}`);
  if (current.paused) parts.push('paused');
  if (current.testMode) parts.push('test');
  // Rewriting the query re-encodes it: leave it alone when it holds none of SpineLab's keys.
  if (LINK_KEYS.some((key) => url.searchParams.has(key))) for (const key of LINK_KEYS) url.searchParams.delete(key);
  url.hash = parts.join('&');
  return url.toString();
}
