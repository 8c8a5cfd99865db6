import { ValidationError } from '@opencheckout/errors';

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Schema and table names are spliced into SQL (they cannot be bound as
 * parameters), so only plain lower-case identifiers are accepted.
 */
export function assertIdentifier(name: string, what = 'identifier'): string {
  if (!identifier.test(name)) {
    throw new ValidationError(`Invalid ${what} '${name}': use lower-case letters, digits and underscores.`, {
      code: 'identifier_invalid',
    });
  }
  return name;
}

/** `"schema"."name"` for a validated schema and object name. */
export function qualified(schema: string, name: string): string {
  return `"${assertIdentifier(schema, 'schema name')}"."${assertIdentifier(name, 'table name')}"`;
}

/** The LISTEN/NOTIFY channel on which appends to `schema` wake the outbox relay. */
export function outboxChannel(schema: string): string {
  return `${assertIdentifier(schema, 'schema name')}_outbox`;
}
