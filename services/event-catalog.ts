import { z } from 'zod';
import type { CustomEvent } from '../contracts/customer-events';
import type { EventTypeRecord, EventTypeStore } from '../stores/event-types';
import { issuePath, ServiceError, type ServiceIssue } from './errors';

/**
 * Turns a declared JSON Schema into the validator of an event's properties (zod's own JSON Schema reader: no other
 * validator library is a dependency). Throws on what it cannot read ($ref to nowhere, unknown types).
 */
function compile(schema: Record<string, unknown>): z.ZodType {
  if (schema.type !== 'object') throw new Error('the properties schema must have "type": "object"');
  // Postgres cannot store a NUL character in jsonb, and no property name or value may hold one.
  if (JSON.stringify(schema).includes('\\u0000'))
    throw new Error('the properties schema contains a NUL character');
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
}

/**
 * The event catalog: custom event types declared once with a JSON Schema for their properties
 * (`PUT /v1/event-types/{name}`), and the check every custom event passes on ingest: an undeclared name or properties
 * the schema rejects are refused (422) before anything is written.
 */
export class EventCatalog {
  /** Compiled validators by name, reused while the declared schema is the same text. */
  private readonly compiled = new Map<string, { text: string; validator: z.ZodType }>();

  constructor(private readonly store: EventTypeStore) {}

  async declare(
    name: string,
    body: { description?: string; propertiesSchema: Record<string, unknown> },
    actor: string | null,
  ): Promise<{ record: EventTypeRecord; created: boolean }> {
    try {
      compile(body.propertiesSchema);
    } catch (err) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_PROPERTIES_SCHEMA',
        `The properties schema of ${name} cannot be used: ${(err as Error).message}.`,
        [{ path: ['body', 'propertiesSchema'], message: (err as Error).message, code: 'custom' }],
      );
    }
    return this.store.put({
      name,
      description: body.description ?? null,
      propertiesSchema: body.propertiesSchema,
      declaredBy: actor,
    });
  }

  async get(name: string): Promise<EventTypeRecord> {
    const found = await this.store.get(name);
    if (!found) throw new ServiceError('not-found', 'EVENT_TYPE_NOT_FOUND', `No event type ${name}.`);
    return found;
  }

  list(): Promise<EventTypeRecord[]> {
    return this.store.list();
  }

  /** Names of these custom event types that are not declared (a flow definition may only listen for declared ones). */
  async undeclared(names: readonly string[]): Promise<string[]> {
    const found = await Promise.all(names.map((n) => this.store.get(n)));
    return names.filter((_, i) => !found[i]);
  }

  /** Refuses (422) a custom event of an undeclared type or with properties its schema rejects. */
  async check(event: CustomEvent): Promise<void> {
    const declared = await this.store.get(event.name);
    if (!declared) {
      throw new ServiceError(
        'unprocessable',
        'UNKNOWN_EVENT_TYPE',
        `No custom event type ${event.name} is declared; declare it with PUT /v1/event-types/${event.name}.`,
        [{ path: ['body', 'name'], message: 'not a declared event type', code: 'custom' }],
      );
    }
    const text = JSON.stringify(declared.propertiesSchema);
    let cached = this.compiled.get(event.name);
    if (!cached || cached.text !== text) {
      cached = { text, validator: compile(declared.propertiesSchema) };
      this.compiled.set(event.name, cached);
    }
    const parsed = cached.validator.safeParse(event.properties);
    if (!parsed.success) {
      const issues: ServiceIssue[] = parsed.error.issues.map((i) => ({
        path: ['body', 'properties', ...issuePath(i.path)],
        message: i.message,
        code: i.code,
      }));
      throw new ServiceError(
        'unprocessable',
        'INVALID_EVENT_PROPERTIES',
        `The properties do not match the schema declared for ${event.name}.`,
        issues,
      );
    }
  }
}
