import type { BehaviourSample } from '../../model/Simulation';
import type { Protocol } from '../../model/Protocol';
import { scenarioProtocol, type ScenarioName } from '../../model/scenarios';
import type { SessionPoint } from '../../../workers/simulationApi';
import type { CameraView } from '../../state/appState';
import type { ChapterId } from '../../state/urlSettings';

/** What a chapter points at: a legend entry of the 3D view and one chart. */
export type WatchTarget = 'new' | 'lost-site' | 'ketamine' | 'ketamine-lost-site';
export type WatchChart = 'density' | 'turnover' | 'escape';

/** What the run has measured so far: the chapters read their numbers from it, never from the text. */
export interface RunFacts {
  readonly protocol: Protocol;
  readonly sessions: readonly SessionPoint[];
  readonly behaviour: readonly BehaviourSample[];
}

export interface Chapter {
  readonly id: ChapterId;
  readonly title: string;
  /** The preset the chapter is told on (deletion and relapse need their own). */
  readonly scenario: ScenarioName;
  /** The moment to jump to, from the preset's protocol. */
  readonly hours: (protocol: Protocol) => number;
  readonly view: CameraView;
  readonly watch: WatchTarget;
  readonly chart: WatchChart;
  /** One or two sentences with the run's numbers; null until the run has measured them. */
  readonly caption: (facts: RunFacts) => string | null;
  readonly question: string;
}

const DAY = 24;

/** The last imaging session at or before `hours` (within a minute: sessions sit on the model's grid). */
function sessionAt(facts: RunFacts, hours: number): SessionPoint | null {
  let found: SessionPoint | null = null;
  for (const s of facts.sessions) if (s.timeHours <= hours + 1e-6) found = s;
  return found;
}

function escapeAt(facts: RunFacts, hours: number): number | null {
  let found: number | null = null;
  for (const b of facts.behaviour) if (b.timeHours <= hours + 1e-6) found = b.escapeIndex;
  return found;
}

const percent = (fraction: number | null) => (fraction === null ? '–' : `${(100 * fraction).toFixed(1)} %`);
const density = (s: SessionPoint) => s.densityPerUm.toFixed(3);
const dose = (p: Protocol) => p.ketamine[0]?.timeHours ?? 0;
const stressStart = (p: Protocol) => p.stress[0]?.startHours ?? 0;
const stressEnd = (p: Protocol) => p.stress[0]?.endHours ?? 0;

/** The story of the paper, in seven moments. */
export const chapters: readonly Chapter[] = [
  {
    id: 'baseline',
    title: 'A healthy brain',
    scenario: 'stress-ketamine',
    hours: (p) => stressStart(p) - 2 * DAY,
    view: 'tuft',
    watch: 'new',
    chart: 'turnover',
    caption: (f) => {
      const s = sessionAt(f, stressStart(f.protocol) - 2 * DAY);
      if (!s || s.formation === null) return null;
      return `Day ${Math.round(s.timeHours / DAY)}: ${s.visibleSpines} spines visible on the imaged branches. In the last two days ${percent(s.formation)} of them were new and ${percent(s.elimination)} were lost.`;
    },
    question: 'Spines come and go every day. Why does their number stay about the same?',
  },
  {
    id: 'stress',
    title: 'Three weeks of stress',
    scenario: 'stress-ketamine',
    hours: (p) => stressEnd(p) - 1,
    view: 'tuft',
    watch: 'lost-site',
    chart: 'density',
    caption: (f) => {
      const first = f.sessions[0];
      const s = sessionAt(f, stressEnd(f.protocol) - 1);
      const escape = escapeAt(f, stressEnd(f.protocol) - 1);
      if (!first || !s || s === first || escape === null) return null;
      return `After ${Math.round((s.timeHours - stressStart(f.protocol)) / DAY)} days of stress: ${density(s)} spines per µm, against ${density(first)} on day 0 (${percent(1 - s.densityPerUm / first.densityPerUm)} fewer). Escape behaviour: ${escape.toFixed(2)}.`;
    },
    question: 'The rings mark spots where a spine was lost. Do all branches lose as many?',
  },
  {
    id: 'ketamine-3h',
    title: 'Ketamine + 3 hours',
    scenario: 'stress-ketamine',
    hours: (p) => dose(p) + 3,
    view: 'tuft',
    watch: 'ketamine',
    chart: 'escape',
    caption: (f) => {
      const at = dose(f.protocol);
      const before = escapeAt(f, at - 1);
      const after = escapeAt(f, at + 3);
      const s = sessionAt(f, at + 3);
      if (before === null || after === null || !s || s.timeHours <= at) return null;
      return `Three hours after one dose, escape behaviour is ${after.toFixed(2)} (it was ${before.toFixed(2)} before the dose), while only ${percent(s.formation)} of the spines are new since the last image.`;
    },
    question: 'How can behaviour recover before new spines appear?',
  },
  {
    id: 'ketamine-24h',
    title: 'Ketamine + 24 hours',
    scenario: 'stress-ketamine',
    hours: (p) => dose(p) + DAY,
    view: 'microscope',
    watch: 'ketamine-lost-site',
    chart: 'turnover',
    caption: (f) => {
      const at = dose(f.protocol);
      const before = sessionAt(f, at);
      const s = sessionAt(f, at + DAY);
      if (!before || !s || s.timeHours <= at + 12) return null;
      return `A day after the dose, ${percent(s.formation)} of the spines are new since the image at +12 h; density is ${density(s)} per µm, against ${density(before)} at the dose.`;
    },
    question: 'Yellow spines grew where stress had removed one. Why might a new spine grow where an old one was lost?',
  },
  {
    id: 'days-later',
    title: 'A week later',
    scenario: 'stress-ketamine',
    hours: (p) => dose(p) + 7 * DAY,
    view: 'tuft',
    watch: 'ketamine',
    chart: 'escape',
    caption: (f) => {
      const at = dose(f.protocol) + 7 * DAY;
      const s = sessionAt(f, at);
      const escape = escapeAt(f, at);
      const first = f.sessions[0];
      if (!s || escape === null || !first) return null;
      return `Seven days after the dose: ${density(s)} spines per µm (day 0: ${density(first)}); escape behaviour ${escape.toFixed(2)}.`;
    },
    question: 'Most new spines fade within days. What keeps the recovery going?',
  },
  {
    id: 'deletion',
    title: 'Deleting the new spines',
    scenario: 'stress-ketamine-ablation',
    hours: (p) => (p.ablations[0]?.timeHours ?? dose(p)) + 3 * DAY,
    view: 'tuft',
    watch: 'ketamine',
    chart: 'escape',
    caption: (f) => {
      const deleted = f.protocol.ablations[0]?.timeHours;
      if (deleted === undefined) return null;
      const before = escapeAt(f, deleted);
      const after = escapeAt(f, deleted + 3 * DAY);
      if (before === null || after === null || after === before) return null;
      return `The spines formed after ketamine were deleted with light ${Math.round((deleted - dose(f.protocol)) / DAY)} days after the dose. Escape behaviour was ${before.toFixed(2)} then; three days later it is ${after.toFixed(2)}.`;
    },
    question: 'The 3-hour rescue needed no new spines. Why does the recovery fade without them?',
  },
  {
    id: 'relapse',
    title: 'Stress again',
    scenario: 'stress-ketamine-restress',
    hours: (p) => (p.stress[1]?.startHours ?? stressEnd(p)) + 10 * DAY,
    view: 'tuft',
    watch: 'lost-site',
    chart: 'density',
    caption: (f) => {
      const again = f.protocol.stress[1]?.startHours;
      if (again === undefined) return null;
      const before = escapeAt(f, again);
      const after = escapeAt(f, again + 10 * DAY);
      const s = sessionAt(f, again + 10 * DAY);
      if (before === null || after === null || !s || s.timeHours <= again) return null;
      return `Ten days into renewed stress: escape behaviour ${after.toFixed(2)} (${before.toFixed(2)} when it began), ${density(s)} spines per µm.`;
    },
    question: 'Does one dose of ketamine protect the circuit from stress that comes back?',
  },
];

/** Where a chapter jumps to, in its own preset's protocol. */
export function chapterHours(chapter: Chapter): number {
  return chapter.hours(scenarioProtocol(chapter.scenario));
}

export function chapterById(id: ChapterId): Chapter {
  return chapters.find((c) => c.id === id)!;
}

/** The chapter `step` places after `id` (the first from the introduction or no lesson), or null past either end. */
export function chapterAfter(place: ChapterId | 'intro' | null, step: 1 | -1): Chapter | null {
  const index = place === null || place === 'intro' ? -1 : chapters.findIndex((c) => c.id === place);
  return chapters[index + step] ?? null;
}
