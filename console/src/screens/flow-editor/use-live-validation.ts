import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { call, problemOf, type Problem } from '../../api/problem';
import type { FlowDefinition } from './flow-graph';

/** One issue the API found, with the node it is about (by the id the node had when it was checked). */
export interface DefinitionIssue {
  nodeId: string | undefined;
  /** Where under the node (`onTimeout`, `amount.fixed`), or under the definition when no node is named. */
  where: string;
  message: string;
}

export type Validation =
  | { state: 'checking' }
  | { state: 'valid' }
  | { state: 'invalid'; issues: DefinitionIssue[] }
  /** The check itself failed (network, 5xx): the editor says so instead of guessing. */
  | { state: 'unknown'; problem: Problem };

/** How long the editor waits after the last change before asking: typing a title is one request, not twenty. */
const DEBOUNCE_MS = 400;

/**
 * The API's issues placed on the nodes they name: paths under `body.definition` (the live check) or
 * `body.config.definition` (a create or a save). Issues elsewhere (the campaign's name, budget) are left out.
 */
export function issuesOf(problem: Problem, definition: FlowDefinition): DefinitionIssue[] {
  return problem.errors.flatMap((issue) => {
    const at = issue.path.indexOf('definition');
    if (at < 0) return [];
    const path = issue.path.slice(at);
    const [, nodes, index, ...rest] = path;
    const node = nodes === 'nodes' && typeof index === 'number' ? definition.nodes[index] : undefined;
    return [
      {
        nodeId: node?.id,
        where: (node ? rest : path.slice(1)).join('.'),
        message: issue.message,
      },
    ];
  });
}

/**
 * Asks POST /v1/journey-definitions/validate about the definition a moment after it stops changing; the answer to an
 * older definition is dropped when a newer one is on its way. The API's rules are the only rules: the editor has no
 * copy of them.
 */
export function useLiveValidation(definition: FlowDefinition): Validation {
  const text = JSON.stringify(definition);
  // The answer and the definition it is about: an answer about another text means "checking" for this one.
  const [answer, setAnswer] = useState<{ text: string; validation: Validation } | null>(null);
  useEffect(() => {
    let live = true;
    const sent = JSON.parse(text) as FlowDefinition;
    const timer = setTimeout(() => {
      call(api.POST('/v1/journey-definitions/validate', { body: { definition: sent } })).then(
        () => {
          if (live) setAnswer({ text, validation: { state: 'valid' } });
        },
        (err: unknown) => {
          if (!live) return;
          const problem = problemOf(err);
          setAnswer({
            text,
            validation:
              problem.status === 422
                ? { state: 'invalid', issues: issuesOf(problem, sent) }
                : { state: 'unknown', problem },
          });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return answer?.text === text ? answer.validation : { state: 'checking' };
}
