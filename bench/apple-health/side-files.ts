/**
 * The other files of an export: one GPX per outdoor workout route (`workout-routes/route_….gpx`, one point per second
 * with Apple's speed/course/accuracy extensions) and a small `export_cda.xml` (a CDA document; the real one repeats
 * the vital signs, here only a few body-mass readings so the file stays small).
 */
import type { AppleClock } from './apple-clock.js';
import { dayPlan, type World } from './day-model.js';
import { num, rngFor } from './prng.js';
import type { RouteRef } from './xml-out.js';

const SPEED_M_S: Readonly<Record<string, number>> = { Running: 2.9, Walking: 1.45, Cycling: 6.3 };
const ROUTE_STREAM = 50;

const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

export function routeGpx(world: World, route: RouteRef): Buffer {
  const rng = rngFor(world.seed, route.day, ROUTE_STREAM);
  const plan = dayPlan(world, route.day);
  const pause = plan.workout?.pause ?? null;
  let lat = 51.5074 + rng.between(-0.03, 0.03);
  let lon = -0.1278 + rng.between(-0.05, 0.05);
  let ele = rng.between(5, 40);
  let course = rng.between(0, 360);
  const speed0 = SPEED_M_S[route.kind] ?? 2;
  const name = route.path.replace(/^.*route_/, '').replace(/\.gpx$/, '');
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    ' xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">\n',
    ` <metadata>\n  <time>${iso(route.end)}</time>\n </metadata>\n <trk>\n  <name>Route ${name.replace('_', ' ').replace('.', ':')}</name>\n  <trkseg>\n`,
  ];
  for (let t = route.start; t <= route.end; t++) {
    if (pause !== null && t >= pause.at && t < pause.resume) continue;
    const speed = Math.max(0.3, speed0 + rng.normal(0, 0.25));
    course = (course + rng.normal(0, 4) + 360) % 360;
    const rad = (course * Math.PI) / 180;
    lat += (speed * Math.cos(rad)) / 111_320;
    lon += (speed * Math.sin(rad)) / (111_320 * Math.cos((lat * Math.PI) / 180));
    ele += rng.normal(0, 0.08);
    parts.push(
      `   <trkpt lon="${num(lon, 6)}" lat="${num(lat, 6)}"><ele>${num(ele, 6)}</ele><time>${iso(t)}</time>` +
        `<extensions><speed>${num(speed, 6)}</speed><course>${num(course, 6)}</course><hAcc>${num(rng.between(1.5, 6), 6)}</hAcc><vAcc>${num(rng.between(1, 4), 6)}</vAcc></extensions></trkpt>\n`,
    );
  }
  parts.push('  </trkseg>\n </trk>\n</gpx>\n');
  return Buffer.from(parts.join(''), 'utf8');
}

export function exportCda(world: World, clock: AppleClock, exportedAt: number, days: number): Buffer {
  const ts = (t: number) => clock.format(t).replace(/[-: ]/g, ''); // 20240102071500+0000
  let entries = '';
  for (let day = 0, n = 0; day < days && n < 5; day++) {
    const m = dayPlan(world, day).bodyMass;
    if (m === null) continue;
    n++;
    entries +=
      '   <entry typeCode="DRIV">\n    <organizer classCode="CLUSTER" moodCode="EVN">\n     <component>\n' +
      '      <observation classCode="OBS" moodCode="EVN">\n' +
      '       <code code="29463-7" codeSystem="2.16.840.1.113883.6.1" codeSystemName="LOINC" displayName="Body weight"/>\n' +
      `       <effectiveTime><low value="${ts(m.t)}"/><high value="${ts(m.t)}"/></effectiveTime>\n` +
      `       <value xsi:type="PQ" value="${m.kg}" unit="kg"/>\n` +
      '      </observation>\n     </component>\n    </organizer>\n   </entry>\n';
  }
  const text =
    '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="CDA.xsl"?>\n' +
    '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    ' <realmCode code="US"/>\n <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>\n' +
    ' <id extension="Health Export CDA" root="1.1.1.1.1.1.1.1.1"/>\n' +
    ' <code codeSystem="2.16.840.1.113883.6.1" codeSystemName="LOINC" code="34109-9" displayName="Note"/>\n' +
    ` <title>Health Data Export</title>\n <effectiveTime value="${ts(exportedAt)}"/>\n` +
    ' <component>\n  <structuredBody>\n   <component>\n    <section>\n     <title>Vital Signs</title>\n' +
    entries.replace(/^/gm, '  ') +
    '    </section>\n   </component>\n  </structuredBody>\n </component>\n</ClinicalDocument>\n';
  return Buffer.from(text, 'utf8');
}
