import { isScenarioName, scenarioNames, type ScenarioName } from '../model/scenarios';
import { decodeBench, type BenchState } from './benchLink';
import { MAX_CONDITIONS } from './ensembleRequest';
import type { CameraView } from './appState';
import { formatCameraPose, parseCameraPose } from './cameraLink';
import type { CameraPose } from '../view/scene/cameraPoses';

export const DEFAULT_SCENARIO: ScenarioName = 'stress-ketamine';
export const DEFAULT_SEED = '1';
export const DEFAULT_SPEED_HOURS_PER_SECOND = 24;
export const MIN_SPEED_HOURS_PER_SECOND = 0.25;
export const MAX_SPEED_HOURS_PER_SECOND = 24 * 14;
export const DEFAULT_NEURON_COUNT = 3;
export const MAX_NEURON_COUNT = 30;
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** The keys a SpineLab link may hold, in the order links are written. */
export const LINK_KEYS = ['scenario', 'seed', 'speed', 'neurons', 'paused', 'test', 't', 'bench', 'view', 'camera', 'compare', 'projector', 'chapter'] as const;

/** The camera views a link may name (`view=tuft`). */
export const LINK_VIEWS: readonly CameraView[] = ['all', 'neuron', 'tuft', 'microscope'];
/** The lesson's chapters a link may open (`chapter=ketamine-24h`); the lesson (src/view/lesson) defines them in this order. */
export const CHAPTER_IDS = ['baseline', 'stress', 'ketamine-3h', 'ketamine-24h', 'days-later', 'deletion', 'relapse'] as const;
export type ChapterId = (typeof CHAPTER_IDS)[number];

/** Two conditions of the bench, by their place in its list (left, right). */
export type ConditionPairIndices = readonly [number, number];

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
  /** `t`: the simulated time (hours) to open at; 0 when absent. */
  readonly startHours: number;
  /** `bench`: the protocol, parameters and conditions (compressed, see benchLink); null when absent. */
  readonly bench: BenchState | null;
  /** `view=all|neuron|tuft|microscope`: the camera view to open on (null: the default). */
  readonly view: CameraView | null;
  /** `camera=x,y,z,tx,ty,tz`: the camera's exact pose (µm), as the user left it (null: the view's framing). */
  readonly cameraPose: CameraPose | null;
  /** `compare=I,J`: the 3D view shows conditions I and J of the bench side by side (numbered from 0; null: one run). */
  readonly compare: ConditionPairIndices | null;
  /** `projector` / `projector=false`: the projector setting for this visit (null: as saved). */
  readonly projector: boolean | null;
  /** `chapter=ID`: open the lesson at that chapter (null: no lesson). */
  readonly chapter: ChapterId | null;
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
  let startHours = 0;
  const timeText = get('t');
  if (timeText !== null) {
    if (DECIMAL.test(timeText)) startHours = Number(timeText);
    else problems.push(`The time ${quote(timeText)} in the link must be a decimal number of simulated hours from day 0 (t=744 is day 31); opening at day 0.`);
  }
  let bench: BenchState | null = null;
  const benchText = get('bench');
  if (benchText !== null) {
    const decoded = decodeBench(benchText);
    if ('state' in decoded) bench = decoded.state;
    else problems.push(`The bench settings in the link (protocol, parameters, conditions) could not be used: ${decoded.problem}; using the scenario's.`);
  }
  const paused = flag('paused', 'open paused or playing');
  const testMode = flag('test', 'the light test view');
  let view: CameraView | null = null;
  const viewText = get('view');
  if (viewText !== null) {
    if ((LINK_VIEWS as readonly string[]).includes(viewText)) view = viewText as CameraView;
    else problems.push(`The view ${quote(viewText)} in the link does not exist; showing all neurons. Views: ${LINK_VIEWS.join(', ')}.`);
  }
  let cameraPose: CameraPose | null = null;
  const cameraText = get('camera');
  if (cameraText !== null) {
    cameraPose = parseCameraPose(cameraText);
    if (!cameraPose) problems.push(`The camera ${quote(cameraText)} in the link must be six decimal numbers, the camera's position and the point it looks at (x,y,z,x,y,z in µm); showing the view's usual framing.`);
  }
  let compare: ConditionPairIndices | null = null;
  const compareText = get('compare');
  if (compareText !== null) {
    const match = /^(\d),(\d)$/.exec(compareText);
    const pair = match ? ([Number(match[1]), Number(match[2])] as const) : null;
    if (pair && pair[0] !== pair[1] && Math.max(...pair) < MAX_CONDITIONS) compare = pair;
    else problems.push(`The comparison ${quote(compareText)} in the link must name two different conditions of the bench, numbered from 0 (compare=0,1 shows the first two side by side); showing one run.`);
  }
  const projectorText = get('projector');
  const projectorFlag = parseFlag(projectorText);
  if (projectorFlag === undefined) problems.push(`${quote(`projector=${projectorText}`)} in the link must be projector=true or projector=false; ignored.`);
  const projector = projectorText === null || projectorFlag === undefined ? null : projectorFlag;
  let chapter: ChapterId | null = null;
  const chapterText = get('chapter');
  if (chapterText !== null) {
    if ((CHAPTER_IDS as readonly string[]).includes(chapterText)) chapter = chapterText as ChapterId;
    else problems.push(`The lesson has no chapter ${quote(chapterText)}; ignored. Chapters: ${CHAPTER_IDS.join(', ')}.`);
  }
  for (const key of new Set(fragment.keys())) {
    if (!(LINK_KEYS as readonly string[]).includes(key)) problems.push(`The link holds ${quote(key)}, which SpineLab does not use; ignored. A link may hold ${LINK_KEYS.join(', ')}.`);
  }
  return { scenario, seed, speedHoursPerSecond, neuronCount, testMode, paused, startHours, bench, view, cameraPose, compare, projector, chapter, problems };
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
  if (current.view) parts.push(`view=${current.view}`);
  if (current.cameraPose) parts.push(`camera=${formatCameraPose(current.cameraPose)}`);
  if (current.compare) parts.push(`compare=${current.compare.join(',')}`);
  if (current.projector !== null) parts.push(current.projector ? 'projector' : 'projector=false');
  if (current.chapter) parts.push(`chapter=${current.chapter}`);
  // The bench's own state is not the run's to rewrite (see useBenchInLink).
  const benchPart = url.hash.replace(/^#/, '').split('&').find((part) => part.startsWith('bench='));
  if (benchPart && current.bench) parts.push(benchPart);
  // Rewriting the query re-encodes it: leave it alone when it holds none of SpineLab's keys.
  if (LINK_KEYS.some((key) => url.searchParams.has(key))) for (const key of LINK_KEYS) url.searchParams.delete(key);
  url.hash = parts.join('&');
  return url.toString();
}

/**
 * The link with the simulated time on screen (`t=`, hours) and whether the run is paused: a link copied
 * now reopens this moment. The time is rounded up to a microhour so that the run reopens on the same
 * model step (a seek stops at the last step at or before the time asked).
 */
export function linkAtTime(href: string, timeHours: number, paused: boolean): string {
  const url = new URL(href);
  const parts = url.hash.replace(/^#/, '').split('&').filter((part) => part !== '' && !/^(t|paused)(=|$)/.test(part));
  if (paused) parts.push('paused');
  if (timeHours > 0) parts.push(`t=${formatLinkHours(timeHours)}`);
  url.hash = parts.join('&');
  return url.toString();
}

function formatLinkHours(timeHours: number): string {
  const rounded = Math.ceil(timeHours * 1e6 - 1e-6) / 1e6;
  return rounded.toFixed(6).replace(/\.?0+$/, '');
}

/** The link with the bench's state (`bench=`, from encodeBench) in place of what it held; none when null. */
export function linkWithBench(href: string, encoded: string | null): string {
  const url = new URL(href);
  const parts = url.hash.replace(/^#/, '').split('&').filter((part) => part !== '' && !part.startsWith('bench='));
  if (encoded !== null) parts.push(`bench=${encoded}`);
  url.hash = parts.join('&');
  return url.toString();
}

/** The link with the conditions shown side by side (`compare=I,J`, before the time), or without. */
export function linkWithCompare(href: string, compare: ConditionPairIndices | null): string {
  const url = new URL(href);
  const parts = url.hash.replace(/^#/, '').split('&').filter((part) => part !== '' && !/^compare(=|$)/.test(part));
  const time = parts.findIndex((part) => /^(t|paused)(=|$)/.test(part));
  if (compare) parts.splice(time < 0 ? parts.length : time, 0, `compare=${compare.join(',')}`);
  url.hash = parts.join('&');
  return url.toString();
}
