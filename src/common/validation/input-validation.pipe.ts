import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError, type FieldProblem } from '../errors/domain-error.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object, Date]);
/** Only what a client typed is validated: GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS = 3) and HTTP body/query. */
const CLIENT_INPUT = new Set<unknown>([3, 'body', 'query']);

function flatten(errors: ValidationError[], path: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${path}[${e.property}]`
      : path
        ? `${path}.${e.property}`
        : e.property;
    // class-validator's default messages start with the property name; the field path already says it.
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return own.concat(flatten(e.children ?? [], field));
  });
}

/**
 * Characters no text field may hold: C0/C1 controls other than tab and line breaks, and the bidirectional
 * embedding, override and isolate controls that make a name display as something else ("Trojan Source").
 */
const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The path of the first string (at any depth) holding a forbidden character, or undefined. */
export function forbiddenText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return FORBIDDEN_CHARACTERS.test(value) ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = forbiddenText(inner, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Validates GraphQL arguments declared as classes with class-validator decorators. A failure is BAD_USER_INPUT
 * naming each field by its path (`input.timeZone`), before anything is written.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CLIENT_INPUT.has(metadata.type)) {
      const field = forbiddenText(value, metadata.data ?? (metadata.type === 'query' ? 'query' : ''));
      if (field !== undefined)
        throw new BadUserInputError(
          'must not contain control or text-direction characters',
          field || undefined,
        );
    }
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || value === null || value === undefined || typeof value !== 'object') {
      return value;
    }
    if (!CLIENT_INPUT.has(metadata.type) || value instanceof type) return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, {
      forbidUnknownValues: false,
      validationError: { target: false },
    });
    if (errors.length > 0) {
      // @Args('input') → "input.name"; @Args() of an ArgsType → "filter.name"; HTTP query → "query.x".
      const prefix = metadata.data ?? (metadata.type === 'query' ? 'query' : '');
      throw BadUserInputError.forFields(flatten(errors, prefix));
    }
    return instance;
  }
}
