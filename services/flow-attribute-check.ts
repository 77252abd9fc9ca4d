import { attributeValueIssue, type AttributeType } from '../contracts/customer-attributes';
import type { AttributeCatalog } from './attribute-catalog';
import type { ServiceIssue } from './errors';
import type { JourneyPlugin } from '../workflows/shared/plugin';

type AttributeRefs = ReturnType<NonNullable<JourneyPlugin['attributesOf']>>;

/**
 * The issues of the profile attributes a config writes against the attribute catalog: undeclared attributes, values
 * not of the attribute's type, tags added to an attribute that is not a string list. Each names its node and is
 * located at `prefix` + the reference's path. No reference: no catalog read.
 */
export async function attributeWriteIssues(
  refs: AttributeRefs,
  catalog: Pick<AttributeCatalog, 'types'> | undefined,
  prefix: (string | number)[],
): Promise<ServiceIssue[]> {
  if (refs.length === 0 || !catalog) return [];
  const types: Map<string, AttributeType> = await catalog.types();
  const issues: ServiceIssue[] = [];
  for (const ref of refs) {
    const path = [...prefix, ...ref.path];
    const type = types.get(ref.attribute);
    const node = `node "${ref.nodeId}"`;
    if (!type) {
      issues.push({
        path,
        message: `${node}: writes ${ref.attribute}, which is not a declared attribute (PUT /v1/attribute-types/${ref.attribute})`,
        code: 'unknown-attribute',
      });
      continue;
    }
    if ('addTag' in ref.write) {
      if (type !== 'string-list')
        issues.push({
          path,
          message: `${node}: adds a tag to ${ref.attribute}, which is a ${type}, not a string-list`,
          code: 'invalid-attribute-value',
        });
      continue;
    }
    const issue = attributeValueIssue(type, ref.write.value);
    if (issue)
      issues.push({
        path,
        message: `${node}: the value for ${ref.attribute} ${issue}`,
        code: 'invalid-attribute-value',
      });
  }
  return issues;
}
