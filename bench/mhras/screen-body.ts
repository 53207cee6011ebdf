import { SPEC_EXAMPLE } from '../../test/http/mhras-helpers.js';

/** The MHRAS spec's /screen example with `[<id>]`, which autocannon replaces with a fresh id per request. */
const { timestamp: _timestamp, ...example } = SPEC_EXAMPLE;
export const SCREEN_BODY = { ...example, anonymized_id: 'bench-[<id>]' };
