/**
 * What the system works out from a report: the 4Cs groups of its categories and whether it is a
 * child-protection concern, with the reasons in plain words so the DSL can see why an alert was sent.
 */

import type { CategoryDef, Derived, FourC, IncidentReport, Settings } from './types';
import { FOUR_CS } from './types';

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The settings' category with this name (ignoring case and spacing), if it is still configured. */
export function findCategory(name: string, settings: Settings): CategoryDef | undefined {
  const wanted = normalise(name);
  return settings.categories.find((c) => normalise(c.name) === wanted);
}

/** The 4Cs groups of the categories, in the 4Cs' own order; categories no longer configured add none. */
export function fourCsOf(categories: readonly string[], settings: Settings): FourC[] {
  const groups = new Set<FourC>();
  for (const name of categories) {
    const category = findCategory(name, settings);
    if (category) groups.add(category.group);
  }
  return FOUR_CS.filter((g) => groups.has(g));
}

/** Why the report is a child-protection concern; empty when it is not. */
export function childProtectionReasons(report: IncidentReport, settings: Settings): string[] {
  const reasons: string[] = [];
  if (report.childAtRisk === 'Yes' || report.childAtRisk === 'Not sure') {
    reasons.push(`Reporter: child at risk of harm (${report.childAtRisk})`);
  }
  for (const name of report.categories) {
    const category = findCategory(name, settings);
    if (category?.alwaysChildProtection) {
      reasons.push(`Category: ${category.name} (always a child-protection concern)`);
    }
  }
  return reasons;
}

export function deriveIncident(report: IncidentReport, settings: Settings, incidentId: string): Derived {
  const reasons = childProtectionReasons(report, settings);
  return {
    incidentId,
    fourCs: fourCsOf(report.categories, settings),
    childProtection: reasons.length > 0,
    childProtectionReasons: reasons,
  };
}
