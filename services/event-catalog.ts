import { CUSTOMER_EVENT_TYPES, type CustomEvent } from '../contracts/customer-events';
import type { EventTypeRecord, EventTypeStore } from '../stores/event-types';
import { ServiceError, type ServiceIssue } from './errors';
import {
  compilePropertiesSchema,
  UnusableSchemaError,
  type PropertiesValidator,
} from './event-properties-schema';

/**
 * Turns a declared JSON Schema into the validator of an event's properties (event-properties-schema.ts: patterns run
 * in linear time). Throws an UnusableSchemaError on what it cannot use ($ref to nowhere, unknown types, a pattern
 * with a backreference or lookaround).
 */
function compile(schema: Record<string, unknown>): PropertiesValidator {
  if (schema.type !== 'object')
    throw new UnusableSchemaError('the properties schema must have "type": "object"');
  // Postgres cannot store a NUL character in jsonb, and no property name or value may hold one.
  if (JSON.stringify(schema).includes('\\u0000'))
    throw new UnusableSchemaError('the properties schema contains a NUL character');
  return compilePropertiesSchema(schema);
}

/**
 * The event catalog: custom event types declared once with a JSON Schema for their properties
 * (`PUT /v1/event-types/{name}`), and the check every custom event passes on ingest: an undeclared name or properties
 * the schema rejects are refused (422) before anything is written.
 */
export class EventCatalog {
  /**
   * Compiled validators by name, reused while the declared schema is the same text; a stored schema that cannot be
   * used (declared before a rule that refuses it) keeps its refusal, so it is not compiled again for every event.
   */
  private readonly compiled = new Map<string, { text: string; validator: PropertiesValidator | Error }>();

  constructor(private readonly store: EventTypeStore) {}

  async declare(
    name: string,
    body: { description?: string; propertiesSchema: Record<string, unknown> },
    actor: string | null,
  ): Promise<{ record: EventTypeRecord; created: boolean }> {
    if ((CUSTOMER_EVENT_TYPES as readonly string[]).includes(name)) {
      // A custom `order_placed` would read as the storefront's own event in the editor and the journals, and a flow
      // listening for one would never hear the other.
      throw new ServiceError(
        'unprocessable',
        'RESERVED_EVENT_NAME',
        `${name} is the name of a built-in event type; a custom event needs a name of its own.`,
        [{ path: ['params', 'name'], message: 'is the name of a built-in event type', code: 'custom' }],
      );
    }
    try {
      compile(body.propertiesSchema);
    } catch (err) {
      const at = err instanceof UnusableSchemaError ? err.path : [];
      throw new ServiceError(
        'unprocessable',
        'INVALID_PROPERTIES_SCHEMA',
        `The properties schema of ${name} cannot be used: ${(err as Error).message}.`,
        [{ path: ['body', 'propertiesSchema', ...at], message: (err as Error).message, code: 'custom' }],
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
      let validator: PropertiesValidator | Error;
      try {
        validator = compile(declared.propertiesSchema);
      } catch (err) {
        validator = err as Error;
      }
      cached = { text, validator };
      this.compiled.set(event.name, cached);
    }
    if (cached.validator instanceof Error) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_PROPERTIES_SCHEMA',
        `The properties schema declared for ${event.name} cannot be used: ${cached.validator.message}; declare it ` +
          `again with PUT /v1/event-types/${event.name}.`,
        [{ path: ['body', 'name'], message: cached.validator.message, code: 'custom' }],
      );
    }
    const found = cached.validator(event.properties);
    if (found.length > 0) {
      const issues: ServiceIssue[] = found.map((i) => ({ ...i, path: ['body', 'properties', ...i.path] }));
      throw new ServiceError(
        'unprocessable',
        'INVALID_EVENT_PROPERTIES',
        `The properties do not match the schema declared for ${event.name}.`,
        issues,
      );
    }
  }
}
