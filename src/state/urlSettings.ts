import { isScenarioName, scenarioNames, type ScenarioName } from '../model/scenarios';

export const DEFAULT_SCENARIO: ScenarioName = 'stress-ketamine';
export const DEFAULT_SEED = '1';
export const DEFAULT_SPEED_HOURS_PER_SECOND = 24;
export const MIN_SPEED_HOURS_PER_SECOND = 0.25;
export const MAX_SPEED_HOURS_PER_SECOND = 24 * 14;
export const DEFAULT_NEURON_COUNT = 3;
export const MAX_NEURON_COUNT = 30;
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface UrlSettings {
  readonly scenario: ScenarioName;
  readonly seed: string;
  readonly speedHoursPerSecond: number;
  readonly neuronCount: number;
  /** `?test`: a small canvas and a low frame rate for automated checks on software rendering. */
  readonly testMode: boolean;
  /** `?paused`: open paused. */
  readonly paused: boolean;
  /** One plain sentence per value that could not be used (the default was used instead). */
  readonly problems: readonly string[];
}

/**
 * Reads a lecturer's link: `?scenario=stress&seed=7&speed=12` starts that run. Unknown or invalid values
 * fall back to the defaults, each with a message saying what was wrong.
 */
export function parseUrlSettings(search: string): UrlSettings {
  const query = new URLSearchParams(search);
  const problems: string[] = [];
  let scenario = DEFAULT_SCENARIO;
  const scenarioText = query.get('scenario');
  if (scenarioText !== null) {
    if (isScenarioName(scenarioText)) scenario = scenarioText;
    else problems.push(`The link asks for scenario "${scenarioText}", which does not exist; showing "${DEFAULT_SCENARIO}". Scenarios: ${scenarioNames.join(', ')}.`);
  }
  let seed = DEFAULT_SEED;
  const seedText = query.get('seed');
  if (seedText !== null) {
    if (SEED_PATTERN.test(seedText)) seed = seedText;
    else problems.push(`The seed "${seedText}" in the link is not usable (use up to 40 letters, digits, - or _); using seed ${DEFAULT_SEED}.`);
  }
  let speedHoursPerSecond = DEFAULT_SPEED_HOURS_PER_SECOND;
  const speedText = query.get('speed');
  if (speedText !== null) {
    const value = Number(speedText);
    if (speedText.trim() !== '' && Number.isFinite(value) && value >= MIN_SPEED_HOURS_PER_SECOND && value <= MAX_SPEED_HOURS_PER_SECOND) speedHoursPerSecond = value;
    else problems.push(`The speed "${speedText}" in the link must be a number of simulated hours per second from ${MIN_SPEED_HOURS_PER_SECOND} to ${MAX_SPEED_HOURS_PER_SECOND}; using ${DEFAULT_SPEED_HOURS_PER_SECOND}.`);
  }
  let neuronCount = DEFAULT_NEURON_COUNT;
  const neuronText = query.get('neurons');
  if (neuronText !== null) {
    const value = Number(neuronText);
    if (Number.isInteger(value) && value >= 1 && value <= MAX_NEURON_COUNT) neuronCount = value;
    else problems.push(`The number of neurons "${neuronText}" in the link must be a whole number from 1 to ${MAX_NEURON_COUNT}; using ${DEFAULT_NEURON_COUNT}.`);
  }
  return { scenario, seed, speedHoursPerSecond, neuronCount, testMode: query.has('test'), paused: query.has('paused'), problems };
}

/** The link that starts the current run (scenario, seed and speed), keeping other query values. */
export function runLink(href: string, scenario: ScenarioName, seed: string, speedHoursPerSecond: number): string {
  const url = new URL(href);
  url.searchParams.set('scenario', scenario);
  url.searchParams.set('seed', seed);
  url.searchParams.set('speed', String(speedHoursPerSecond));
  return url.toString();
}
