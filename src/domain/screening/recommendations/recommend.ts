import catalogueFile from './resource-catalogue.json' with { type: 'json' };
import type { RiskLevel } from '../model/model-spec.js';
import { levelRank } from '../model/scoring.js';

export type Urgency = 'immediate' | 'soon' | 'routine';

export interface Recommendation {
  resource_type: string;
  name: string;
  description: string;
  contact_info: string;
  urgency: Urgency;
  eligibility_criteria: string[];
}

interface CatalogueEntry {
  id: string;
  slot: string;
  locales: string[];
  resource_type: string;
  name: string;
  description: string;
  contact_info: string;
  eligibility_criteria: string[];
  triggers: { rail?: boolean; min_level?: string; factors?: string[]; low_adherence_below?: number; always?: boolean };
  urgency_by_level: Record<RiskLevel, Urgency>;
}

export interface RecommendationFacts {
  level: RiskLevel;
  railTriggered: boolean;
  /** Model features that added risk for this person. */
  factors: ReadonlySet<string>;
  therapyAdherence: number | undefined;
  locale: string;
}

const catalogue = catalogueFile.resources as CatalogueEntry[];
const URGENCY_ORDER: Urgency[] = ['immediate', 'soon', 'routine'];

function applies(entry: CatalogueEntry, facts: RecommendationFacts): boolean {
  const t = entry.triggers;
  if (t.always) return true;
  if (t.rail && facts.railTriggered) return true;
  if (t.min_level && levelRank(facts.level) >= levelRank(t.min_level as RiskLevel)) return true;
  if (t.factors?.some((f) => facts.factors.has(f))) return true;
  return t.low_adherence_below !== undefined && facts.therapyAdherence !== undefined && facts.therapyAdherence < t.low_adherence_below;
}

/** One resource per slot: the one for this locale, else the locale-independent one. */
function forLocale(entries: CatalogueEntry[], locale: string): CatalogueEntry[] {
  const bySlot = new Map<string, CatalogueEntry>();
  for (const entry of entries) {
    const specific = entry.locales.includes(locale);
    if (!specific && !entry.locales.includes('*')) continue;
    const prior = bySlot.get(entry.slot);
    if (!prior || (specific && !prior.locales.includes(locale))) bySlot.set(entry.slot, entry);
  }
  return [...bySlot.values()];
}

/**
 * Resources from the catalogue file, chosen by level, the factors that added risk, therapy adherence and locale, most
 * urgent first. When the safety rail fires the crisis resource is first and immediate, whatever the level.
 */
export function recommend(facts: RecommendationFacts): Recommendation[] {
  const chosen = forLocale(
    catalogue.filter((entry) => applies(entry, facts)),
    facts.locale,
  );
  const items = chosen.map((entry) => ({
    entry,
    urgency: entry.slot === 'crisis' && facts.railTriggered ? ('immediate' as const) : entry.urgency_by_level[facts.level],
  }));
  items.sort((a, b) => {
    if (facts.railTriggered && (a.entry.slot === 'crisis') !== (b.entry.slot === 'crisis')) return a.entry.slot === 'crisis' ? -1 : 1;
    return URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency);
  });
  return items.map(({ entry, urgency }) => ({
    resource_type: entry.resource_type,
    name: entry.name,
    description: entry.description,
    contact_info: entry.contact_info,
    urgency,
    eligibility_criteria: entry.eligibility_criteria,
  }));
}
