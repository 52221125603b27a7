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
 * Validates GraphQL arguments declared as classes with class-validator decorators. A failure is BAD_USER_INPUT
 * naming each field by its path (`input.timeZone`), before anything is written.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
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
