/**
 * The unit catalogue and its lineage: public reference data of a few hundred rows that every
 * request needs (issuing units, wards), kept in memory per process and refreshed in the
 * background once older than `ttlMs`. A refresh that fails keeps serving the last good copy.
 */
import type { AdministrativeUnit, UnitLineageEdge } from './unit.type.js';
import type { PopulationRepository } from './population.repository.js';

interface LineageRow {
  predecessorCode: string;
  successorCode: string;
  effectiveOn: string;
  kind: 'WHOLE' | 'PART';
  share: number;
}

export interface UnitIndex {
  byCode: ReadonlyMap<string, AdministrativeUnit>;
  successors: ReadonlyMap<string, UnitLineageEdge[]>;
  predecessors: ReadonlyMap<string, UnitLineageEdge[]>;
  all: readonly AdministrativeUnit[];
}

export class UnitCatalogue {
  private current: { index: UnitIndex; loadedAt: number } | null = null;
  private loading: Promise<UnitIndex> | null = null;

  constructor(
    private readonly repository: PopulationRepository,
    private readonly ttlMs = 60_000,
  ) {}

  async get(): Promise<UnitIndex> {
    const current = this.current;
    if (current && Date.now() - current.loadedAt < this.ttlMs) return current.index;
    const refresh = this.refresh();
    if (current) {
      refresh.catch(() => {});
      return current.index;
    }
    return refresh;
  }

  private refresh(): Promise<UnitIndex> {
    this.loading ??= (async () => {
      try {
        const [units, lineage] = await Promise.all([this.repository.allUnits(), this.repository.allLineage()]);
        const index = buildIndex(units as unknown as AdministrativeUnit[], lineage as unknown as LineageRow[]);
        this.current = { index, loadedAt: Date.now() };
        return index;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

function buildIndex(units: AdministrativeUnit[], lineage: LineageRow[]): UnitIndex {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const successors = new Map<string, UnitLineageEdge[]>();
  const predecessors = new Map<string, UnitLineageEdge[]>();
  const push = (map: Map<string, UnitLineageEdge[]>, key: string, edge: UnitLineageEdge) => map.set(key, [...(map.get(key) ?? []), edge]);
  for (const e of lineage) {
    const common = { effectiveOn: e.effectiveOn, kind: e.kind as UnitLineageEdge['kind'], share: e.share };
    push(successors, e.predecessorCode, { ...common, unit: byCode.get(e.successorCode) ?? null });
    push(predecessors, e.successorCode, { ...common, unit: byCode.get(e.predecessorCode) ?? null });
  }
  return { byCode, successors, predecessors, all: units };
}

