import { describe, expect, it } from 'vitest';
import { cameraPoseDecimals, formatCameraPose, linkWithCamera, parseCameraPose } from '../../src/state/cameraLink';
import { parseUrlSettings, runLink } from '../../src/state/urlSettings';

const parse = (href: string) => {
  const url = new URL(href, 'http://127.0.0.1:5173/');
  return parseUrlSettings(url.search, url.hash);
};

describe('the camera in a link', () => {
  it('writes six coordinates rounded to about a ten-thousandth of the viewing distance, and reads them back', () => {
    // All neurons from about 2 mm: whole micrometres.
    const far = { position: [12.345, 300.5, 2000.49] as [number, number, number], target: [-0.4, 250.04, 0] as [number, number, number] };
    expect(formatCameraPose(far)).toBe('12,301,2000,0,250,0');
    // The microscope's close-up, about 40 µm away: hundredths.
    const near = { position: [101.23456, -52.1, 30] as [number, number, number], target: [100, -60.005, 0.5] as [number, number, number] };
    expect(formatCameraPose(near)).toBe('101.23,-52.1,30,100,-60.01,0.5');
    expect(parseCameraPose('101.23,-52.1,30,100,-60.01,0.5')).toEqual({ position: [101.23, -52.1, 30], target: [100, -60.01, 0.5] });
    expect([0.01, 5, 40, 900, 2000, 50_000].map(cameraPoseDecimals)).toEqual([3, 3, 2, 1, 0, 0]);
  });

  it('reads back exactly what it wrote (rounding is the only change, and only once)', () => {
    for (const [x, y, z, d] of [[3.14159, -2.71828, 1.41421, 7], [-1234.5678, 999.999, 0.001, 1500], [0.3, 0.7, -0.2, 2.2]]) {
      const pose = { position: [x + d, y, z] as [number, number, number], target: [x, y, z] as [number, number, number] };
      const text = formatCameraPose(pose);
      const back = parseCameraPose(text)!;
      expect(formatCameraPose(back)).toBe(text);
      const step = 10 ** -cameraPoseDecimals(d);
      [...back.position, ...back.target].forEach((value, i) => expect(Math.abs(value - [...pose.position, ...pose.target][i])).toBeLessThanOrEqual(step / 2 + 1e-12));
    }
  });

  it('refuses anything but six plain decimals with the camera apart from its target', () => {
    for (const text of ['', '1,2,3,4,5', '1,2,3,4,5,6,7', '1,2,3,4,5,x', '1e3,0,0,0,0,0', '0x10,0,0,0,0,0', '+1,0,0,0,0,0', '1, 2,3,4,5,6', 'NaN,0,0,0,0,0', '1,2,3,1,2,3', '99999999,0,0,0,0,0', '--1,0,0,0,0,0', '1.,0,0,0,0,0']) {
      expect(parseCameraPose(text), text).toBeNull();
    }
  });

  it('opens on the default framing with one clear sentence when the link’s camera is unusable, and keeps the rest', () => {
    const settings = parse('/#seed=4&view=tuft&camera=1,2,3,banana,5,6');
    expect(settings.cameraPose).toBeNull();
    expect(settings.view).toBe('tuft');
    expect(settings.seed).toBe('4');
    expect(settings.problems).toEqual([expect.stringMatching(/^The camera "1,2,3,banana,5,6" in the link must be six decimal numbers.*showing the view's usual framing\.$/)]);
    expect(parse('/#view=tuft&camera=1,2,3,4,5,6')).toMatchObject({ view: 'tuft', cameraPose: { position: [1, 2, 3], target: [4, 5, 6] }, problems: [] });
  });

  it('puts the view and pose before the time, leaves out the default view, and survives the run link', () => {
    const pose = { position: [10, 20, 30] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
    expect(linkWithCamera('http://h/#scenario=stress&seed=1&paused&t=48', 'tuft', null)).toBe('http://h/#scenario=stress&seed=1&view=tuft&paused&t=48');
    expect(linkWithCamera('http://h/#scenario=stress&view=tuft&paused&t=48', 'tuft', pose)).toBe('http://h/#scenario=stress&view=tuft&camera=10,20,30,0,0,0&paused&t=48');
    expect(linkWithCamera('http://h/#scenario=stress&view=tuft&camera=10,20,30,0,0,0', 'all', null)).toBe('http://h/#scenario=stress');
    const link = runLink('http://h/#view=neuron&camera=10,20,30,0,0,0&camera=junk', 'stress', '2', 24);
    expect(parse(link)).toMatchObject({ view: 'neuron', cameraPose: pose, problems: [] });
    expect(runLink('http://h/#camera=junk', 'stress', '2', 24)).not.toMatch(/camera/);
  });
});
