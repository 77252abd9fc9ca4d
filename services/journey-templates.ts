import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CustomEventName } from '../contracts/customer-events';
import { SegmentFilterBody } from '../contracts/segment-filter';
import { FlowConfig } from '../workflows/journeys/flow/config';
import { flowPlugin } from '../workflows/journeys/flow/plugin';

/** Where the templates live: JSON files in the repo (journey-templates/), not code. */
export const JOURNEY_TEMPLATES_DIR = join(__dirname, '..', 'journey-templates');

/** One template file: what it is, the custom events it listens for, and a complete flow campaign config. */
export const JourneyTemplate = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  number: z.number().int().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  seedPlan: z.string().regex(/^\d{3}$/),
  eventTypes: z.array(
    z.strictObject({
      name: CustomEventName,
      description: z.string().optional(),
      propertiesSchema: z.record(z.string(), z.unknown()),
    }),
  ),
  config: FlowConfig,
  /** The audience it is meant for: a segment to create and give as the campaign's audience. */
  audience: z
    .strictObject({
      name: z.string().min(1),
      filter: SegmentFilterBody,
      enrolExisting: z.boolean().default(false),
    })
    .optional(),
});
export type JourneyTemplate = z.infer<typeof JourneyTemplate>;

/**
 * Reads and checks every template file (the flow schema and its graph rules, and that the events it listens for are
 * the ones it declares); throws naming the file otherwise. Ordered by number.
 */
export function loadJourneyTemplates(dir: string = JOURNEY_TEMPLATES_DIR): JourneyTemplate[] {
  const templates = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const parsed = JourneyTemplate.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`journey template ${file}: ${z.prettifyError(parsed.error)}`);
      const declared = new Set(parsed.data.eventTypes.map((t) => t.name));
      for (const { name } of flowPlugin.customEventsOf?.(parsed.data.config) ?? []) {
        if (!declared.has(name))
          throw new Error(`journey template ${file}: listens for undeclared event ${name}`);
      }
      return parsed.data;
    });
  return templates.sort((a, b) => a.number - b.number);
}

/** The templates, read once per process (they ship with the code). */
export class JourneyTemplates {
  private cached: JourneyTemplate[] | undefined;

  constructor(private readonly dir: string = JOURNEY_TEMPLATES_DIR) {}

  list(): JourneyTemplate[] {
    this.cached ??= loadJourneyTemplates(this.dir);
    return this.cached;
  }
}
