import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import type { PrefetchContext } from '../../graphql/prefetch.js';
import { fieldKey, selectedFields } from '../../graphql/selection.js';
import { type RecordsRepository, type ResultPlan, type Row, planResults } from './records.repository.js';
import type { ResultScope } from './result.scope.js';

export class RecordsLoaders {
  private readonly bySubject = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly byId = new LoaderFamily<DataLoader<number, Row | null>>();

  /**
   * @param scope the request's row scope (null: every result). Every read of results goes
   *   through these loaders or `scope` itself, so no statement forgets it.
   */
  constructor(
    readonly repository: RecordsRepository,
    readonly scope: ResultScope | null = null,
  ) {}

  /** Results of a subject (newest first), optionally of one status, reading what `info` asks. */
  resultsOfSubject(plan: ResultPlan, status: string | null): DataLoader<string, Row[]> {
    return this.bySubject.get(`${status ?? ''}|${plan.signature}`, () =>
      groupLoader((ids) => this.repository.resultsBySubjects(plan, ids, status, this.scope), (r) => r.__key as string),
    );
  }

  result(plan: ResultPlan): DataLoader<number, Row | null> {
    return this.byId.get(plan.signature, () => rowLoader<Row, number>((ids) => this.repository.resultsByIds(plan, ids, this.scope), (r) => r.id as number));
  }
}

const plans = new WeakMap<object, Map<string, ResultPlan>>();

/**
 * The plan for results selected at `path` below the current field (e.g. ['edges', 'node']),
 * cached like the selection itself: once per field of a document, not per request or parent row.
 */
export function resultPlanFor(info: GraphQLResolveInfo, path: readonly string[] = []): ResultPlan {
  let byPath = plans.get(fieldKey(info));
  if (!byPath) {
    byPath = new Map();
    plans.set(fieldKey(info), byPath);
  }
  const key = path.join('.');
  let plan = byPath.get(key);
  if (!plan) {
    plan = buildPlan(info, path);
    byPath.set(key, plan);
  }
  return plan;
}

function buildPlan(info: GraphQLResolveInfo, path: readonly string[]): ResultPlan {
  const fields = selectedFields(info, path);
  return planResults({
    result: fields,
    procedure: fields.has('procedure') ? selectedFields(info, [...path, 'procedure']) : null,
    documents: fields.has('documents') ? selectedFields(info, [...path, 'documents']) : null,
  });
}

export interface RecordsContext extends PrefetchContext {
  records: RecordsLoaders;
}
