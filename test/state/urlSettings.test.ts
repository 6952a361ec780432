import { describe, expect, it } from 'vitest';
import { DEFAULT_NEURON_COUNT, DEFAULT_SCENARIO, DEFAULT_SEED, DEFAULT_SPEED_HOURS_PER_SECOND, linkAtTime, linkProblemNotice, linkWithCompare, parseUrlSettings, runLink } from '../../src/state/urlSettings';

/** Parses a whole address, query and fragment. */
const parse = (href: string) => {
  const url = new URL(href, 'http://127.0.0.1:5173/');
  return parseUrlSettings(url.search, url.hash);
};

describe('parseUrlSettings', () => {
  it('opens the stress-ketamine story with the defaults when the link says nothing', () => {
    expect(parseUrlSettings('')).toEqual({
      scenario: DEFAULT_SCENARIO,
      seed: DEFAULT_SEED,
      speedHoursPerSecond: DEFAULT_SPEED_HOURS_PER_SECOND,
      neuronCount: DEFAULT_NEURON_COUNT,
      testMode: false,
      paused: false,
      startHours: 0,
      bench: null,
      view: null,
      cameraPose: null,
      compare: null,
      projector: null,
      chapter: null,
      problems: [],
    });
    expect(DEFAULT_SCENARIO).toBe('stress-ketamine');
  });

  it('starts the run a lecturer’s link describes, from the fragment or (older links) the query', () => {
    const expected = { scenario: 'stress-ketamine-ablation', seed: 'lecture-3', speedHoursPerSecond: 6, neuronCount: 1, testMode: true, paused: true, startHours: 0, bench: null, view: null, cameraPose: null, compare: null, projector: null, chapter: null, problems: [] };
    expect(parse('/#scenario=stress-ketamine-ablation&seed=lecture-3&speed=6&neurons=1&test&paused')).toEqual(expected);
    expect(parse('/?scenario=stress-ketamine-ablation&seed=lecture-3&speed=6&neurons=1&test&paused')).toEqual(expected);
    // The fragment wins where both hold a value.
    expect(parse('/?seed=2&speed=3#seed=9')).toMatchObject({ seed: '9', speedHoursPerSecond: 3 });
  });

  it('reads paused=false as playing, and true or 1 as paused', () => {
    expect(parse('/#paused=false')).toMatchObject({ paused: false, problems: [] });
    expect(parse('/#paused=0')).toMatchObject({ paused: false, problems: [] });
    expect(parse('/#paused=true')).toMatchObject({ paused: true, problems: [] });
    expect(parse('/?paused=1')).toMatchObject({ paused: true, problems: [] });
    const odd = parse('/#paused=maybe');
    expect(odd.paused).toBe(false);
    expect(odd.problems).toEqual([expect.stringMatching(/"paused=maybe".*paused=true or paused=false/)]);
  });

  it('falls back to the default for each invalid value and says what was wrong', () => {
    const settings = parseUrlSettings('?scenario=happy&seed=%3Cscript%3E&speed=fast&neurons=500');
    expect(settings.scenario).toBe(DEFAULT_SCENARIO);
    expect(settings.seed).toBe(DEFAULT_SEED);
    expect(settings.speedHoursPerSecond).toBe(DEFAULT_SPEED_HOURS_PER_SECOND);
    expect(settings.neuronCount).toBe(DEFAULT_NEURON_COUNT);
    expect(settings.problems).toHaveLength(4);
    expect(settings.problems[0]).toMatch(/scenario "happy".*does not exist/);
    expect(settings.problems[2]).toMatch(/speed "fast"/);
  });

  it('takes decimal numbers only: hex, exponents, signs and spaces are refused', () => {
    for (const speed of ['0x10', '1e1', '+12', '-1', ' 12', '12 ', '12.', '.5', 'Infinity', '0b11', '1_0']) {
      const settings = parse(`/#speed=${encodeURIComponent(speed)}`);
      expect(settings.speedHoursPerSecond, speed).toBe(DEFAULT_SPEED_HOURS_PER_SECOND);
      expect(settings.problems, speed).toHaveLength(1);
    }
    for (const neurons of ['0x2', '2.0', '1e1', '+2']) expect(parse(`/#neurons=${encodeURIComponent(neurons)}`).problems, neurons).toHaveLength(1);
    expect(parse('/#speed=0.25&neurons=12')).toMatchObject({ speedHoursPerSecond: 0.25, neuronCount: 12, problems: [] });
  });

  it('refuses speeds outside the offered range, empty values and fractional neuron counts', () => {
    expect(parseUrlSettings('?speed=0').problems).toHaveLength(1);
    expect(parseUrlSettings('?speed=').problems).toHaveLength(1);
    expect(parseUrlSettings('?speed=100000').problems).toHaveLength(1);
    expect(parseUrlSettings('?neurons=1.5').problems).toHaveLength(1);
    expect(parseUrlSettings('?seed=').problems).toHaveLength(1);
  });

  it('names unknown keys in the fragment, and quotes long values shortened', () => {
    const long = 'x'.repeat(100_000);
    const settings = parse(`/#scenario=stress&junk=${long}&seed=${long}`);
    expect(settings).toMatchObject({ scenario: 'stress', seed: DEFAULT_SEED });
    expect(settings.problems).toHaveLength(2);
    expect(settings.problems.join(' ').length).toBeLessThan(600);
    expect(settings.problems[1]).toMatch(/"junk", which SpineLab does not use/);
    // Other sites' values in the query (tracking tags, say) are none of SpineLab's business.
    expect(parse('/?fbclid=abc').problems).toEqual([]);
  });
});

describe('linkProblemNotice', () => {
  it('gathers every problem in one message that says they were removed from the address bar', () => {
    expect(linkProblemNotice([])).toBeNull();
    const notice = linkProblemNotice(parse('/#speed=0x10&neurons=2.5').problems)!;
    expect(notice).toMatch(/^Some values in the link could not be used and were removed from the address bar\. The speed "0x10".*neurons "2\.5"/);
  });
});

describe('runLink', () => {
  it('writes a fragment link that starts the same run', () => {
    const link = runLink('http://127.0.0.1:5173/#test', 'control', '7', 12);
    expect(link).toBe('http://127.0.0.1:5173/#scenario=control&seed=7&speed=12&test');
    expect(parse(link)).toMatchObject({ scenario: 'control', seed: '7', speedHoursPerSecond: 12, testMode: true, problems: [] });
  });

  it('moves an older query link into the fragment and keeps other sites’ query values', () => {
    const link = runLink('http://127.0.0.1:5173/app/?ref=mail&scenario=stress&seed=4&speed=6&neurons=2&paused', 'stress', '4', 6);
    expect(link).toBe('http://127.0.0.1:5173/app/?ref=mail#scenario=stress&seed=4&speed=6&neurons=2&paused');
    expect(runLink('http://127.0.0.1:5173/?scenario=control', 'control', '1', 24)).toBe('http://127.0.0.1:5173/#scenario=control&seed=1&speed=24');
  });

  it('leaves out invalid and unknown values, and paused=false', () => {
    const link = runLink('http://127.0.0.1:5173/#speed=0x10&neurons=99&paused=false&junk=1&test=maybe', 'stress-ketamine', '1', 24);
    expect(link).toBe('http://127.0.0.1:5173/#scenario=stress-ketamine&seed=1&speed=24');
    expect(parse(link).problems).toEqual([]);
  });
});

describe('the time in a link', () => {
  it('opens at t= simulated hours, and says so when t is not a plain decimal', () => {
    expect(parse('/#t=768.5').startHours).toBe(768.5);
    const bad = parse('/#t=-3');
    expect(bad.startHours).toBe(0);
    expect(bad.problems).toEqual([expect.stringMatching(/time "-3".*decimal number of simulated hours/)]);
  });

  it('writes the moment on screen and paused, replacing what was there, and rounds up onto the same model step', () => {
    const link = linkAtTime('http://127.0.0.1:5173/#scenario=stress&seed=4&speed=6&paused&t=3', 100 / 3, true);
    expect(link).toBe('http://127.0.0.1:5173/#scenario=stress&seed=4&speed=6&paused&t=33.333334');
    expect(parse(link).startHours).toBeGreaterThanOrEqual(100 / 3);
    expect(linkAtTime(link, 744, true)).toMatch(/&paused&t=744$/);
    expect(linkAtTime(link, 0, false)).toBe('http://127.0.0.1:5173/#scenario=stress&seed=4&speed=6');
  });
});

describe('two conditions side by side in a link', () => {
  it('reads compare=I,J as two different conditions of the bench, and refuses anything else with one sentence', () => {
    expect(parse('/#compare=0,1')).toMatchObject({ compare: [0, 1], problems: [] });
    expect(parse('/#compare=3,2')).toMatchObject({ compare: [3, 2], problems: [] });
    for (const text of ['1,1', '0,4', '0', '0,1,2', 'a,b', '-1,0', '01,2']) {
      const settings = parse(`/#compare=${text}`);
      expect(settings.compare, text).toBeNull();
      expect(settings.problems).toEqual([expect.stringMatching(/^The comparison ".*" in the link must name two different conditions of the bench, numbered from 0 .*; showing one run\.$/)]);
    }
  });

  it('writes the choice before the time and removes it for one run; the run link keeps it', () => {
    expect(linkWithCompare('http://h/#scenario=stress&paused&t=48', [1, 0])).toBe('http://h/#scenario=stress&compare=1,0&paused&t=48');
    expect(linkWithCompare('http://h/#scenario=stress&compare=1,0&paused', null)).toBe('http://h/#scenario=stress&paused');
    expect(parse(runLink('http://h/#compare=0,2', 'stress', '1', 24))).toMatchObject({ compare: [0, 2], problems: [] });
  });
});
