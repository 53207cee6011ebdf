/** The sources that write the generated person's samples, as the store receives them (SampleSource). */
import type { SampleSource } from '../../src/domain/observations/index.js';

export const ZONE = 'Europe/London';

const OWNER = 'Anna\u2019s';
export const WATCH: SampleSource = {
  name: `${OWNER} Apple Watch`,
  version: '10.1',
  bundleId: null,
  device: { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware: 'Watch6,2', software: '10.1', extra: {} },
};
export const PHONE: SampleSource = {
  name: `${OWNER} iPhone`,
  version: '17.1',
  bundleId: null,
  device: { name: 'iPhone', manufacturer: 'Apple Inc.', model: 'iPhone', hardware: 'iPhone15,2', software: '17.1', extra: {} },
};
export const HEALTH_APP: SampleSource = { name: 'Health', version: '17.1', bundleId: 'com.apple.Health', device: null };
export const SCALE: SampleSource = {
  name: 'Health Mate',
  version: '6.3.1',
  bundleId: 'com.withings.wiscale2',
  device: { name: 'Body+', manufacturer: 'Withings', model: 'WBS05', firmware: '1910', localIdentifier: '00:24:e4:7a:21:c3', extra: {} },
};
export const CUFF: SampleSource = {
  name: 'OMRON connect',
  version: '7.14.0',
  bundleId: 'jp.co.omron.healthcare.omron-connect',
  device: { name: 'BP7450', manufacturer: 'OMRON HEALTHCARE Co., Ltd.', model: 'BP7450', extra: {} },
};
