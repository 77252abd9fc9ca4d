import {
  BUILT_IN_ATTRIBUTES,
  attributeValueIssue,
  type AttributeType,
} from '../contracts/customer-attributes';
import type { AttributeTypeStore } from '../stores/attribute-types';
import { ServiceError, type ServiceIssue } from './errors';

/** An attribute of the catalog as the API lists it: built in, or declared by someone. */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  description: string | null;
  builtIn: boolean;
  declaredBy: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

const builtIns = (): AttributeDefinition[] =>
  Object.entries(BUILT_IN_ATTRIBUTES).map(([name, a]) => ({
    name,
    type: a.type,
    description: a.description,
    builtIn: true,
    declaredBy: null,
    createdAt: null,
    updatedAt: null,
  }));

/**
 * The attribute catalog: the built-in profile attributes and custom ones declared once with a type
 * (`PUT /v1/attribute-types/{name}`). Profile writes and segment filters are checked against it. A declared type never
 * changes (the values stored were checked against it); its description may.
 */
export class AttributeCatalog {
  constructor(private readonly store: AttributeTypeStore) {}

  async declare(
    name: string,
    body: { type: AttributeType; description?: string },
    actor: string | null,
  ): Promise<AttributeDefinition> {
    if (name in BUILT_IN_ATTRIBUTES) {
      throw new ServiceError(
        'conflict',
        'BUILT_IN_ATTRIBUTE',
        `${name} is a built-in attribute; it cannot be redeclared.`,
      );
    }
    const record = await this.store.put({
      name,
      type: body.type,
      description: body.description ?? null,
      declaredBy: actor,
    });
    if (!record) {
      const existing = await this.store.get(name);
      throw new ServiceError(
        'conflict',
        'ATTRIBUTE_TYPE_FIXED',
        `${name} is declared as ${existing?.type ?? 'another type'}; a declared attribute keeps its type.`,
      );
    }
    return { ...record, builtIn: false };
  }

  async list(): Promise<AttributeDefinition[]> {
    const declared = await this.store.list();
    return [...builtIns(), ...declared.map((d) => ({ ...d, builtIn: false }))];
  }

  /** The type of every attribute of the catalog, by name. */
  async types(): Promise<Map<string, AttributeType>> {
    return new Map((await this.list()).map((a) => [a.name, a.type]));
  }

  /**
   * Refuses (422, one issue per attribute, located at `body.attributes.<name>`) values of undeclared attributes and
   * values not of their attribute's type. Nulls are let through when `nullRemoves` (a PATCH removing the attribute).
   */
  async check(attributes: Record<string, unknown>, options: { nullRemoves: boolean }): Promise<void> {
    const types = await this.types();
    const issues: ServiceIssue[] = [];
    for (const [name, value] of Object.entries(attributes)) {
      const path = ['body', 'attributes', name];
      const type = types.get(name);
      if (!type) {
        issues.push({
          path,
          message: `unknown attribute ${name}; declare it with PUT /v1/attribute-types/${name}`,
          code: 'unknown-attribute',
        });
        continue;
      }
      if (value === null && options.nullRemoves) continue;
      const issue = attributeValueIssue(type, value);
      if (issue) issues.push({ path, message: `${name} ${issue}`, code: 'invalid-attribute-value' });
    }
    if (issues.length > 0) {
      throw new ServiceError(
        'unprocessable',
        'INVALID_ATTRIBUTES',
        `Attributes refused: ${issues.map((i) => i.message).join('; ')}.`,
        issues,
      );
    }
  }
}
