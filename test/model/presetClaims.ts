import type { CalibrationCheck, ScenarioRuns } from '../../src/model/calibration';
import { newSerials, sessionAt } from '../../src/model/observables/scoreInterval';
import { densityAt, escapeAt, mean, pooledInterval } from '../../src/model/observables/pooled';
import type { ReplicateResult } from '../../src/model/runReplicate';
import { DAY_HOURS, DOSE_HOURS, RESTRESS_START_HOURS, scenarioProtocol, STRESS_END_HOURS, STRESS_START_HOURS, type ScenarioName } from '../../src/model/scenarios';

/**
 * What each preset's description (src/model/scenarios.ts, shown beside the scenario picker) claims, as
 * checks on the calibration's runs of the presets (shared seeds, 20 replicates). Each claim quotes the words
 * it checks; the test asserts that those words are in the description and that every sentence of every
 * description is covered by a claim, so the text cannot drift from the model unnoticed.
 */
export interface ClaimContext {
  readonly runs: ScenarioRuns;
  /** A calibration check by id, computed on the same runs. */
  check(id: string): CalibrationCheck;
}

export interface PresetClaim {
  /** Words of the description that make the claim (an exact substring). */
  readonly words: string;
  /** Whether the model bears them out, and what it measured. */
  evaluate(context: ClaimContext): { readonly holds: boolean; readonly measured: string };
}

const claim = (words: string, evaluate: PresetClaim['evaluate']): PresetClaim => ({ words, evaluate });
const passes = (id: string) => (context: ClaimContext) => {
  const check = context.check(id);
  return { holds: check.pass, measured: `${id}: ${check.display}` };
};
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Of the spines visible at every session from day 0 to day 10 (the established ones), the share still visible at day 24. */
function establishedRemaining(results: readonly ReplicateResult[]): number {
  let followed = 0;
  let remaining = 0;
  for (const r of results) {
    const s = r.snapshots;
    const last = sessionAt(s, STRESS_START_HOURS);
    const always = new Set(s[0].serial);
    for (let k = 1; k <= last; k++) {
      const present = new Set(s[k].serial);
      for (const serial of always) if (!present.has(serial)) always.delete(serial);
    }
    const later = new Set(s[sessionAt(s, 24 * DAY_HOURS)].serial);
    followed += always.size;
    for (const serial of always) if (later.has(serial)) remaining++;
  }
  return remaining / followed;
}

/** Spines first seen at a session, per µm of imaged dendrite and per day, over sessions within [from, to]. */
function newSpinesPerUmDay(results: readonly ReplicateResult[], fromHours: number, toHours: number): number {
  let gained = 0;
  let lengthDays = 0;
  for (const r of results) {
    const s = r.snapshots;
    for (let k = sessionAt(s, fromHours) + 1; k <= sessionAt(s, toHours); k++) {
      gained += newSerials(s[k - 1], s[k]).size;
      lengthDays += (r.imagedLengthUm * (s[k].timeHours - s[k - 1].timeHours)) / DAY_HOURS;
    }
  }
  return gained / lengthDays;
}

/** The share of the stress deficit in escape that a run recovers at time t (control and stress-alone share its seeds). */
function rescueAt(context: ClaimContext, results: readonly ReplicateResult[], hours: number): number {
  const stressed = escapeAt(context.runs.stress, hours);
  return (escapeAt(results, hours) - stressed) / (escapeAt(context.runs.control, hours) - stressed);
}

export const presetClaims: Readonly<Record<ScenarioName, readonly PresetClaim[]>> = {
  control: [
    claim('No stress, no drug.', () => {
      const p = scenarioProtocol('control');
      return { holds: p.stress.length === 0 && p.ketamine.length === 0 && p.ablations.length === 0, measured: `${p.stress.length} stress epochs, ${p.ketamine.length} doses` };
    }),
    claim('about one in twenty of the spines you see is new every two days', (c) => {
      const formation = c.check('B1').value;
      return { holds: formation >= 0.035 && formation <= 0.065, measured: `${pct(formation)} new per 2 days` };
    }),
    claim('as many disappear, so the total stays steady', (c) => {
      const b2 = c.check('B2');
      const g5 = c.check('G5');
      return { holds: b2.pass && g5.pass, measured: `${b2.display}; ${g5.display}` };
    }),
    claim('most are small', (c) => ({ holds: c.check('B5').pass, measured: c.check('B5').display })),
    claim('many vanish within days', (c) => {
      const b4 = c.check('B4');
      return { holds: b4.value <= 0.75, measured: `${pct(b4.value)} of new spines still there 6 days after first seen` };
    }),
    claim('the large, old ones persist', (c) => {
      const remaining = establishedRemaining(c.runs.control);
      return { holds: remaining >= 0.8, measured: `${pct(remaining)} of the spines seen at every session of days 0–10 are there at day 24` };
    }),
  ],
  stress: [
    claim('Three weeks of daily stress hormone (corticosterone).', () => {
      const [epoch, ...others] = scenarioProtocol('stress').stress;
      return { holds: others.length === 0 && epoch.endHours - epoch.startHours === 21 * DAY_HOURS && epoch.intensity === 1, measured: `${(epoch.endHours - epoch.startHours) / DAY_HOURS} days` };
    }),
    claim('Spines are eliminated faster', (c) => ({ holds: c.check('S1').value > 1.2, measured: c.check('S1').display })),
    claim('formed more slowly', (c) => {
      const ratio = newSpinesPerUmDay(c.runs.stress, STRESS_START_HOURS, STRESS_END_HOURS) / newSpinesPerUmDay(c.runs.control, STRESS_START_HOURS, STRESS_END_HOURS);
      return { holds: ratio < 0.95, measured: `new spines per µm over the stress weeks ×${ratio.toFixed(2)} of control` };
    }),
    claim('density falls by about a fifth', (c) => {
      const drop = c.check('S2').value;
      return { holds: drop >= 0.15 && drop <= 0.23, measured: `${pct(drop)} below control` };
    }),
    claim('some branches lose far more than others', passes('S3')),
    claim('The mice try to escape only about half as much as healthy ones', (c) => {
      const escape = escapeAt(c.runs.stress, STRESS_END_HOURS) / escapeAt(c.runs.control, STRESS_END_HOURS);
      return { holds: escape >= 0.35 && escape <= 0.65, measured: `escape ×${escape.toFixed(2)} of control at the end of stress` };
    }),
    claim('After the stress ends, recovery on its own is slow.', (c) => {
      const week = escapeAt(c.runs.stress, STRESS_END_HOURS + 7 * DAY_HOURS);
      const end = escapeAt(c.runs.stress, 57 * DAY_HOURS);
      const density = densityAt(c.runs.stress, 57 * DAY_HOURS) / densityAt(c.runs.control, 57 * DAY_HOURS);
      return { holds: week <= 0.6 && end <= 0.9 && density <= 0.95, measured: `escape ${week.toFixed(2)} a week later, ${end.toFixed(2)} at day 57; density ×${density.toFixed(2)} of control at day 57` };
    }),
  ],
  'stress-ketamine': [
    claim('After three weeks of stress, a single dose of ketamine.', () => {
      const p = scenarioProtocol('stress-ketamine');
      return { holds: p.ketamine.length === 1 && p.ketamine[0].timeHours === p.stress[0].endHours, measured: `${p.ketamine.length} dose at ${p.ketamine[0].timeHours} h` };
    }),
    claim('Behaviour recovers within 3 hours', (c) => {
      const escape = escapeAt(c.runs['stress-ketamine'], DOSE_HOURS + 3);
      return { holds: c.check('F1').value >= 0.5 && escape >= 0.9, measured: `escape ${escape.toFixed(2)} at 3 h; ${c.check('F1').display}` };
    }),
    claim('before any new spine appears', passes('F1')),
    claim('New spines only show up 12–24 hours later', (c) => ({ holds: c.check('K1').pass && c.check('K2').pass, measured: `K1 ${c.check('K1').display}; K2 ${c.check('K2').display}` })),
    claim('many of them right where spines were lost under stress', passes('K4')),
    claim('Most of these new spines fade within days', passes('K5')),
    claim('the ones that stay keep the recovery going', (c) => {
      const f2 = c.check('F2');
      return { holds: f2.value >= 0.5, measured: f2.display };
    }),
  ],
  'stress-ketamine-ablation': [
    claim('two days after ketamine the spines it induced are deleted with light', (c) => {
      const p = scenarioProtocol('stress-ketamine-ablation');
      const after = p.ablations.map((a) => a.timeHours - p.ketamine[0].timeHours);
      const deleted = mean(c.runs['stress-ketamine-ablation'].map((r) => r.ablated));
      return { holds: after.length === 1 && after[0] >= 48 && after[0] <= 54 && p.ablations[0].cohort === 'ketamine' && deleted > 0, measured: `deletion ${after.join(', ')} h after the dose, ${deleted.toFixed(0)} spines per run` };
    }),
    claim('The rapid rescue at 3 hours is untouched', (c) => {
      const same = c.runs['stress-ketamine-ablation'].every((r, i) => {
        const at3h = (run: ReplicateResult) => run.behaviour.find((b) => b.timeHours === DOSE_HOURS + 3)?.ensembleCoherence;
        return at3h(r) !== undefined && at3h(r) === at3h(c.runs['stress-ketamine'][i]);
      });
      return { holds: same, measured: same ? 'same 3 h coherence as the plain ketamine run of each seed' : 'the 3 h state differs' };
    }),
    claim('without the new spines the recovery fades and the depression-like behaviour returns within days', (c) => {
      const g2 = c.check('G2');
      return { holds: g2.value <= 0.25, measured: g2.display };
    }),
  ],
  'stress-ketamine-restress': [
    claim('After ketamine has rescued behaviour, stress resumes a week later.', (c) => {
      const p = scenarioProtocol('stress-ketamine-restress');
      const rescued = rescueAt(c, c.runs['stress-ketamine-restress'], RESTRESS_START_HOURS);
      return { holds: p.stress[1].startHours - p.ketamine[0].timeHours === 7 * DAY_HOURS && rescued >= 0.5, measured: `${pct(rescued)} of the deficit rescued when stress resumes` };
    }),
    claim('Spines are lost again and behaviour declines', passes('F3')),
    claim('the treatment does not make the circuit immune to renewed stress', (c) => {
      const restress = c.runs['stress-ketamine-restress'];
      const end = RESTRESS_START_HOURS + 14 * DAY_HOURS;
      const loss = pooledInterval(restress, RESTRESS_START_HOURS - DAY_HOURS, end - DAY_HOURS).elimination / pooledInterval(c.runs['stress-ketamine'], RESTRESS_START_HOURS - DAY_HOURS, end - DAY_HOURS).elimination;
      return { holds: loss > 1.2 && c.check('F3').pass, measured: `elimination over the renewed stress ×${loss.toFixed(2)} of the treated run without it; ${c.check('F3').display}` };
    }),
  ],
};
