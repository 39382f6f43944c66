/**
 * Before anything is timed: every target must give the same answer to the same request, or the
 * comparison means nothing.
 */
import { type Workload, canonicalAnswer, requestBody } from '../workloads.js';
import { firstDifference } from './compare.js';
import type { RunningTarget, TargetSpec } from './target.js';

export interface Answer {
  readonly status: number;
  readonly json: unknown;
  /** The body's size in bytes, as sent. */
  readonly bytes: number;
}

/** One target's answers to a workload's inputs: in our shape, and the size of each as sent. */
export interface Answers {
  readonly canonical: readonly unknown[];
  readonly sizes: readonly number[];
}

export async function postGraphql(target: RunningTarget, body: string, headers: Readonly<Record<string, string>>): Promise<Answer> {
  const res = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, bytes: bytes.length };
}

/** Fails when a target does not serve GraphQL at all, with a hint for the gateway-in-progress case. */
export async function assertServesGraphql(target: RunningTarget, headers: Readonly<Record<string, string>>): Promise<void> {
  const probe = await postGraphql(target, JSON.stringify({ query: '{ __typename }' }), headers);
  if (probe.status === 404) {
    throw new Error(`${target.name} does not serve POST /graphql yet (HTTP 404). Run BENCH_TARGETS=floor npm run bench to benchmark the floor alone.`);
  }
}

/** The answers of one target to the given inputs of one workload, each checked for HTTP 200 and no GraphQL errors. */
export async function collectAnswers(target: RunningTarget, spec: TargetSpec, workload: Workload, inputs: readonly string[]): Promise<Answers> {
  const canonical: unknown[] = [];
  const sizes: number[] = [];
  for (const input of inputs) {
    const answer = await postGraphql(target, requestBody(workload, input, spec.dialect), spec.headers[workload.caller]);
    const errors = typeof answer.json === 'object' && answer.json !== null && 'errors' in answer.json;
    if (answer.status !== 200 || errors) {
      throw new Error(`${target.name} ${workload.name}(${input}): HTTP ${answer.status} ${JSON.stringify(answer.json).slice(0, 500)}`);
    }
    canonical.push(canonicalAnswer(workload, answer.json, spec.dialect));
    sizes.push(answer.bytes);
  }
  return { canonical, sizes };
}

/** Throws on the first input whose answers differ between `reference` and `other`, naming the path. */
export function assertSameAnswers(
  workload: Workload,
  inputs: readonly string[],
  reference: { name: string; answers: readonly unknown[] },
  other: { name: string; answers: readonly unknown[] },
): void {
  inputs.forEach((input, i) => {
    const difference = firstDifference(reference.answers[i], other.answers[i]);
    if (difference) {
      throw new Error(
        `${workload.name} answers differ for $${workload.variable} = ${JSON.stringify(input)} (${reference.name} vs ${other.name}):\n  ${difference}\n` +
          `  ${reference.name}: ${JSON.stringify(reference.answers[i]).slice(0, 400)}\n  ${other.name}: ${JSON.stringify(other.answers[i]).slice(0, 400)}`,
      );
    }
  });
}
