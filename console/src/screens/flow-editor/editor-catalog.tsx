import { createContext, useContext } from 'react';
import type { components } from '../../api/schema';
import type { DefinitionIssue } from './use-live-validation';

/**
 * What the property panel offers to pick from instead of typing: the event catalog's custom events, the attribute
 * catalog (date attributes for a date entry, every attribute for a segment test), the saved segments, and the time zone
 * the campaign's calendar and date entries run in. Read once by the editor (empty while loading or not allowed).
 */
export interface EditorCatalog {
  eventTypes: readonly components['schemas']['EventType'][];
  attributeTypes: readonly components['schemas']['AttributeType'][];
  segments: readonly components['schemas']['Segment'][];
  /** The campaign's IANA time zone (the one being created, or the opened campaign's); UTC when it has none. */
  timezone: string;
  /** The campaign's audience (a segment id) and whether it is enrolled at launch. */
  audience: string | undefined;
  enrolExisting: boolean;
}

export const EMPTY_CATALOG: EditorCatalog = {
  eventTypes: [],
  attributeTypes: [],
  segments: [],
  timezone: 'UTC',
  audience: undefined,
  enrolExisting: false,
};

export const EditorCatalogContext = createContext<EditorCatalog>(EMPTY_CATALOG);
export const useEditorCatalog = () => useContext(EditorCatalogContext);

/** The API's issues about the selected node, so each shows on the field it names (`where`, e.g. `date.time`). */
export const NodeIssuesContext = createContext<readonly DefinitionIssue[]>([]);

/** The messages of the issues at `path` (dot-separated, as DefinitionIssue.where), or under it unless `exact`. */
export function useIssuesAt(path: string | undefined, exact = false): string[] {
  const issues = useContext(NodeIssuesContext);
  if (path === undefined) return [];
  return issues
    .filter((i) => i.where === path || (!exact && i.where.startsWith(`${path}.`)))
    .map((i) => i.message.replace(/^node "[^"]*": /, ''));
}
