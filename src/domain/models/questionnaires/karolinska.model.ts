import { Type } from 'typebox';
import { defineModel } from '../model.js';

/**
 * Verbal anchors of the fully labelled KSS (Åkerstedt et al. 2014, Table 1; NINDS Common Data Element form
 * for the KSS). The 1990 original labels only the odd steps, with the same meaning; the two versions give
 * equivalent ratings.
 */
const LABELS: Record<number, string> = {
  1: 'extremely alert',
  2: 'very alert',
  3: 'alert',
  4: 'rather alert',
  5: 'neither alert nor sleepy',
  6: 'some signs of sleepiness',
  7: 'sleepy, but no effort to keep awake',
  8: 'sleepy, some effort to keep awake',
  9: 'very sleepy, great effort to keep awake, fighting sleep',
};

export const karolinskaModel = defineModel({
  id: 'karolinska',
  version: '1.0.0',
  title: 'Karolinska Sleepiness Scale (KSS)',
  citation:
    'Åkerstedt T, Gillberg M. Subjective and objective sleepiness in the active individual. Int J Neurosci 1990;52(1-2):29-37, doi:10.3109/00207459008994241 ' +
    '(9-point scale, 1 alert to 9 fighting sleep). ' +
    'Anchors of the fully labelled version: Åkerstedt T, Anund A, Axelsson J, Kecklund G. Subjective sleepiness is a sensitive indicator of insufficient sleep and impaired waking function. J Sleep Res 2014;23(3):242-254, Table 1; NINDS Common Data Element form for the KSS. ' +
    'KSS >= 7 is the usual threshold for sleepiness (Kaida et al. 2006, Clin Neurophysiol 117:1574-1581).',
  inputSchema: Type.Object(
    { kss: Type.Integer({ minimum: 1, maximum: 9, description: 'KSS rating, 1 (extremely alert) to 9 (very sleepy, fighting sleep)' }) },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    label: Type.String({ description: 'the verbal anchor of the rating' }),
    sleepy_ge7: Type.Boolean({ description: 'KSS >= 7: sleepy' }),
  }),
  compute({ kss }) {
    const label = LABELS[kss];
    if (label === undefined) throw new Error(`KSS ${kss} outside 1-9`);
    return { outputs: { label, sleepy_ge7: kss >= 7 }, warnings: [] };
  },
});
