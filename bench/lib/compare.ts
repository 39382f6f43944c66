/**
 * Deep comparison of two parsed JSON responses that also checks key order (GraphQL returns fields
 * in the order the query asked for them), reporting where the first difference is.
 */

/** Returns null when equal, else a one-line description of the first difference. */
export function firstDifference(left: unknown, right: unknown, path = '$'): string | null {
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right)) return `${path}: ${describe(left)} vs ${describe(right)}`;
    if (left.length !== right.length) return `${path}: an array of ${left.length} vs an array of ${right.length}`;
    for (let i = 0; i < left.length; i++) {
      const found = firstDifference(left[i], right[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isObject(left) && isObject(right)) {
    const leftKeys = Object.keys(left);
    const rightKeys = Object.keys(right);
    if (leftKeys.join('\u0000') !== rightKeys.join('\u0000')) return `${path}: keys {${leftKeys.join(', ')}} vs {${rightKeys.join(', ')}}`;
    for (const key of leftKeys) {
      const found = firstDifference(left[key], right[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return Object.is(left, right) ? null : `${path}: ${describe(left)} vs ${describe(right)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
