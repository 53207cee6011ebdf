import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { karolinskaModel } from './karolinska.model.js';

/*
 * Sources of the expected values:
 *  - verbal anchors of the fully labelled KSS: Åkerstedt, Anund, Axelsson & Kecklund 2014 (J Sleep Res 23:242, Table 1)
 *    and the NINDS Common Data Element form for the KSS (1 extremely alert … 9 very sleepy, great effort to keep awake,
 *    fighting sleep); the odd steps carry the anchors of Åkerstedt & Gillberg 1990.
 *  - sleepy_ge7: KSS ≥ 7 ("sleepy") is the conventional sleepiness threshold (NINDS CDE: "a seven or above is considered
 *    abnormal"; Kaida et al. 2006 Clin Neurophysiol 117:1574). Worked by hand.
 */
const run = (kss: number) => karolinskaModel.compute({ kss }).outputs;

describe('karolinska', () => {
  it.each([
    [1, 'extremely alert', false],
    [2, 'very alert', false],
    [3, 'alert', false],
    [4, 'rather alert', false],
    [5, 'neither alert nor sleepy', false],
    [6, 'some signs of sleepiness', false],
    [7, 'sleepy, but no effort to keep awake', true],
    [8, 'sleepy, some effort to keep awake', true],
    [9, 'very sleepy, great effort to keep awake, fighting sleep', true],
  ])('KSS %i → "%s", sleepy_ge7 %s', (kss, label, sleepy) => {
    expect(run(kss)).toEqual({ label, sleepy_ge7: sleepy });
  });

  it('deterministic, and sleepiness never decreases with the rating', () => {
    for (let k = 1; k < 9; k++) {
      expect(run(k)).toEqual(run(k));
      expect(Number(run(k + 1).sleepy_ge7)).toBeGreaterThanOrEqual(Number(run(k).sleepy_ge7));
    }
  });

  it('input schema: an integer 1–9, nothing else', () => {
    const ok = (v: unknown) => Value.Check(karolinskaModel.inputSchema, v);
    expect(ok({ kss: 7 })).toBe(true);
    for (const bad of [{ kss: 0 }, { kss: 10 }, { kss: 6.5 }, { kss: 7, note: 'x' }, {}]) expect(ok(bad)).toBe(false);
  });
});
