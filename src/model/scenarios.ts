import { PROTOCOL_FORMAT, PROTOCOL_VERSION, type Protocol } from './Protocol';

/**
 * The five presets tell the paper's story (Moda-Sava et al., Science 2019) on one shared timeline, so
 * that every condition can be compared with the control that shares its seed:
 *   days 0–10   baseline, imaged every 2 days
 *   days 10–31  chronic stress (daily corticosterone for three weeks)
 *   day 31      ketamine 10 mg/kg (imaged at +3, +6, +12, +24, +48 h)
 *   days 33–57  imaged every 2 days (odd days), so that day-2 spines can be followed for 33 days
 */
export const DAY_HOURS = 24;
export const STRESS_START_HOURS = 10 * DAY_HOURS;
export const STRESS_END_HOURS = 31 * DAY_HOURS;
export const DOSE_HOURS = STRESS_END_HOURS;
export const ABLATION_HOURS = DOSE_HOURS + 50;
export const RESTRESS_START_HOURS = DOSE_HOURS + 7 * DAY_HOURS;
export const RESTRESS_END_HOURS = DOSE_HOURS + 21 * DAY_HOURS;
export const DURATION_HOURS = 57 * DAY_HOURS;
export const DEFAULT_NEURON_COUNT = 3;

export const scenarioNames = ['control', 'stress', 'stress-ketamine', 'stress-ketamine-ablation', 'stress-ketamine-restress'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

function sharedImagingHours(): number[] {
  const hours: number[] = [];
  for (let day = 0; day <= 30; day += 2) hours.push(day * DAY_HOURS);
  hours.push(DOSE_HOURS, DOSE_HOURS + 3, DOSE_HOURS + 6, DOSE_HOURS + 12, DOSE_HOURS + 24, DOSE_HOURS + 48);
  for (let day = 35; day <= 57; day += 2) hours.push(day * DAY_HOURS);
  return hours;
}

function sharedBehaviourHours(): number[] {
  const hours = new Set<number>(sharedImagingHours());
  hours.add(DOSE_HOURS + 1);
  for (let day = 32; day <= 57; day++) hours.add(day * DAY_HOURS);
  return [...hours].sort((a, b) => a - b);
}

interface ScenarioText {
  title: string;
  description: string;
}

/** Plain-language explanations shown beside the scenario picker. */
export const scenarioText: Record<ScenarioName, ScenarioText> = {
  control: {
    title: 'Control: a healthy brain',
    description:
      'No stress, no drug. Spines still come and go every day: about one in twenty of the spines you see is new every two days, and as many disappear, so the total stays steady. Watch the new spines: most are small and many vanish within days, while the large, old ones persist.',
  },
  stress: {
    title: 'Chronic stress',
    description:
      'Three weeks of daily stress hormone (corticosterone). Spines are eliminated faster and formed more slowly, so density falls by about a fifth — and some branches lose far more than others. The mice try to escape only about half as much as healthy ones (a depression-like state). After the stress ends, recovery on its own is slow.',
  },
  'stress-ketamine': {
    title: 'Stress, then one dose of ketamine',
    description:
      'After three weeks of stress, a single dose of ketamine. Behaviour recovers within 3 hours — before any new spine appears. New spines only show up 12–24 hours later, many of them right where spines were lost under stress. Most of these new spines fade within days; the ones that stay keep the recovery going.',
  },
  'stress-ketamine-ablation': {
    title: 'Ketamine, then delete the new spines',
    description:
      'As before, but two days after ketamine the spines it induced are deleted with light (the paper used a photoactivatable probe that shrinks recently strengthened spines). The rapid rescue at 3 hours is untouched, but without the new spines the recovery fades and the depression-like behaviour returns within days.',
  },
  'stress-ketamine-restress': {
    title: 'Ketamine, then stress again',
    description:
      'After ketamine has rescued behaviour, stress resumes a week later. Spines are lost again and behaviour declines: the treatment does not make the circuit immune to renewed stress.',
  },
};

/** Builds a preset's protocol. */
export function scenarioProtocol(name: ScenarioName, neuronCount = DEFAULT_NEURON_COUNT): Protocol {
  const stressed = name !== 'control';
  const ketamine = name.startsWith('stress-ketamine');
  return {
    format: PROTOCOL_FORMAT,
    version: PROTOCOL_VERSION,
    name,
    title: scenarioText[name].title,
    description: scenarioText[name].description,
    durationHours: DURATION_HOURS,
    neuronCount,
    stress: [
      ...(stressed ? [{ startHours: STRESS_START_HOURS, endHours: STRESS_END_HOURS, intensity: 1 }] : []),
      ...(name === 'stress-ketamine-restress' ? [{ startHours: RESTRESS_START_HOURS, endHours: RESTRESS_END_HOURS, intensity: 1 }] : []),
    ],
    ketamine: ketamine ? [{ timeHours: DOSE_HOURS, doseMgPerKg: 10 }] : [],
    ablations: name === 'stress-ketamine-ablation' ? [{ timeHours: ABLATION_HOURS, cohort: 'ketamine' }] : [],
    imagingHours: sharedImagingHours(),
    behaviourHours: sharedBehaviourHours(),
  };
}

export function isScenarioName(name: string): name is ScenarioName {
  return (scenarioNames as readonly string[]).includes(name);
}
