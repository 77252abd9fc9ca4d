import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

/**
 * Form validation without code generation. The usual rjsf validator (Ajv) compiles schemas with `new Function`,
 * which the console's CSP forbids (no 'unsafe-eval'); @cfworker/json-schema interprets the schema instead and knows
 * draft 2020-12, the dialect of the API's OpenAPI 3.1 document. The API stays the judge: what only it can check
 * (rules across fields) comes back as a 422 and is shown on the field too.
 */

/** Keywords that only say "something below failed": their nested errors carry the message worth showing. */
const AGGREGATES = new Set(['properties', 'items', 'prefixItems', '$ref', 'allOf', 'if', 'then', 'else']);

/** '#/config/amount' → '.config.amount' (rjsf's property notation). */
function propertyOf(unit: OutputUnit): string {
  const parts = unit.instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (unit.keyword === 'required') {
    const missing = /"([^"]+)"/.exec(unit.error)?.[1];
    if (missing) parts.push(missing);
  }
  return parts.map((p) => `.${p}`).join('');
}

function errorsOf(schema: RJSFSchema, data: unknown): OutputUnit[] {
  const result = new Validator(schema as Schema, '2020-12', false).validate(data);
  return result.valid
    ? []
    : result.errors.filter(
        (u) =>
          !AGGREGATES.has(u.keyword) &&
          // The branches of a failed oneOf/anyOf all fail by design; the oneOf error itself says so once.
          !/\/(oneOf|anyOf)\/\d+\//.test(u.keywordLocation),
      );
}

function withComponents(schema: RJSFSchema, root: RJSFSchema): RJSFSchema {
  const components = (root as { components?: unknown }).components;
  return components && schema !== root ? ({ ...schema, components } as RJSFSchema) : schema;
}

export class JsonSchemaValidator implements ValidatorType {
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    let errors: RJSFValidationError[] = errorsOf(schema, formData ?? {}).map((unit) => {
      const property = propertyOf(unit);
      return {
        name: unit.keyword,
        property,
        message: unit.error,
        stack: `${property || '.'} ${unit.error}`,
        schemaPath: unit.keywordLocation,
      };
    });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const data: ValidationData<unknown> = { errors, errorSchema: toErrorSchema(errors) };
    if (!customValidate) return data;
    const custom = customValidate(formData, createErrorHandler(formData), uiSchema);
    return validationDataMerge(data, unwrapErrorHandler(custom));
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    return errorsOf(withComponents(schema, rootSchema), formData).length === 0;
  }

  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown): { errors?: Result[] } {
    return { errors: errorsOf(schema, formData) as Result[] };
  }
}

export const jsonSchemaValidator = new JsonSchemaValidator();
