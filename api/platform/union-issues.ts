import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** How far into the value a branch's issues reach. */
const depthOf = (issues: readonly Issue[]): number => Math.max(0, ...issues.map((i) => i.path.length));

/** A strict object branch that found keys it does not know at its own level is not the shape the client sent. */
const refusesKeysOfValue = (issues: readonly Issue[]): boolean =>
  issues.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0);

/** The one branch that stands out, if any: first by taking every key given, then by getting deepest into the value. */
function intendedBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const fitting = branches.filter((b) => !refusesKeysOfValue(b));
  if (fitting.length === 1) return fitting[0];
  const pool = fitting.length > 0 ? fitting : branches;
  const depths = pool.map(depthOf);
  const deepest = Math.max(...depths);
  const reaching = pool.filter((_, i) => depths[i] === deepest);
  return deepest > 0 && reaching.length === 1 ? reaching[0] : undefined;
}

/**
 * A failed union says only "Invalid input" at its own path; its branches' issues are nested in it. When one branch
 * stands out as the shape the client meant (it knows every key given, or it got deeper into the value than the
 * others: a timeline entry with `event` whose amount is negative fails at `event.amount` there and at missing keys
 * elsewhere), its issues are what the client needs, located under the union's path, and narrowed again where they
 * are unions themselves. When no branch stands out (a string where an object belongs) the union's own issue stays.
 */
export function narrowUnionIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const branch = intendedBranch(issue.errors);
    if (!branch) return [issue];
    return narrowUnionIssues(branch).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
  });
}
