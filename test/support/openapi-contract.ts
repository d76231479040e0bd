/**
 * Checks a real JSON answer against the schema the OpenAPI document declares for its route and
 * status. Strict where the document is silent: an object takes only the properties it lists (unless
 * it says `additionalProperties`), so a field added, removed or retyped on one side only is caught.
 * A subset of JSON Schema, the part @nestjs/swagger writes: $ref, allOf, oneOf (with a
 * discriminator, which picks the one), type, nullable, enum, properties, required,
 * additionalProperties, items, format (date-time, date, uuid).
 */
export interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  format?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: SchemaNode }> }> }>>;
  components: { schemas: Record<string, SchemaNode> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class OpenApiContract {
  constructor(private readonly document: OpenApiDocument) {}

  /** The JSON schema of one answer; throws when the document declares none. */
  responseSchema(method: string, path: string, status: number): SchemaNode {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`the document has no ${method} ${path}`);
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`the document declares no JSON body for ${method} ${path} answering ${status}`);
    return schema;
  }

  /** Every way `value` departs from `schema`, as "where: what" lines; empty when it conforms. */
  problems(schema: SchemaNode, value: unknown, where = '$'): string[] {
    if (schema.$ref) return this.problems(this.resolve(schema.$ref), value, where);
    if (value === null) return schema.nullable ? [] : [`${where}: null where the document does not allow it`];
    if (schema.allOf) return schema.allOf.flatMap((part) => this.problems(part, value, where));
    if (schema.oneOf) return this.oneOfProblems(schema.oneOf, schema.discriminator, value, where);
    if (schema.enum && !schema.enum.includes(value)) return [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
    switch (schema.type) {
      case 'string':
        return typeof value === 'string' ? formatProblems(schema.format, value, where) : [`${where}: expected a string, got ${JSON.stringify(value)}`];
      case 'integer':
        return Number.isInteger(value) ? [] : [`${where}: expected an integer, got ${JSON.stringify(value)}`];
      case 'number':
        return typeof value === 'number' ? [] : [`${where}: expected a number, got ${JSON.stringify(value)}`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${where}: expected a boolean, got ${JSON.stringify(value)}`];
      case 'array':
        if (!Array.isArray(value)) return [`${where}: expected an array`];
        return value.flatMap((item, i) => (schema.items ? this.problems(schema.items, item, `${where}[${i}]`) : []));
      case 'object':
      case undefined:
        return this.objectProblems(schema, value, where);
      default:
        return [`${where}: the validator does not know type ${schema.type}`];
    }
  }

  private objectProblems(schema: SchemaNode, value: unknown, where: string): string[] {
    if (typeof value !== 'object' || Array.isArray(value) || value === null) return [`${where}: expected an object`];
    if (!schema.properties && schema.additionalProperties === undefined) return [`${where}: the document describes no fields here`];
    const record = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const found: string[] = [];
    for (const key of schema.required ?? []) if (!(key in record)) found.push(`${where}.${key}: required by the document, missing in the answer`);
    for (const [key, field] of Object.entries(record)) {
      const declared = properties[key];
      if (declared) found.push(...this.problems(declared, field, `${where}.${key}`));
      else if (typeof schema.additionalProperties === 'object') found.push(...this.problems(schema.additionalProperties, field, `${where}.${key}`));
      else if (schema.additionalProperties !== true) found.push(`${where}.${key}: in the answer, not in the document`);
    }
    return found;
  }

  private oneOfProblems(options: SchemaNode[], discriminator: SchemaNode['discriminator'], value: unknown, where: string): string[] {
    if (discriminator?.mapping) {
      const kind = (value as Record<string, unknown>)?.[discriminator.propertyName];
      const ref = typeof kind === 'string' ? discriminator.mapping[kind] : undefined;
      return ref ? this.problems({ $ref: ref }, value, where) : [`${where}.${discriminator.propertyName}: ${JSON.stringify(kind)} names no schema the document lists`];
    }
    const matching = options.filter((option) => this.problems(option, value, where).length === 0).length;
    return matching === 1 ? [] : [`${where}: matches ${matching} of the schemas it must match exactly one of`];
  }

  private resolve(ref: string): SchemaNode {
    const name = ref.replace('#/components/schemas/', '');
    const schema = this.document.components.schemas[name];
    if (!schema) throw new Error(`the document has no schema ${name}`);
    return schema;
  }
}

function formatProblems(format: string | undefined, value: string, where: string): string[] {
  const ok = format === 'date-time' ? ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) : format === 'uuid' ? UUID.test(value) : format === 'date' ? DAY.test(value) : true;
  return ok ? [] : [`${where}: ${JSON.stringify(value)} is not a ${format}`];
}
