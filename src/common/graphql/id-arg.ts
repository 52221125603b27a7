import { Injectable, type PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { BadUserInputError } from '../errors/domain-error.js';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
class UuidPipe implements PipeTransform<unknown, string | null | undefined> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
      throw new BadUserInputError(`${this.name}: must be an id (a UUID)`, this.name);
    }
    return value.toLowerCase();
  }
}

/** An `ID!` argument that must be a UUID: a malformed one is BAD_USER_INPUT naming the argument. */
export const IdArg = (
  name = 'id',
  options: { nullable?: boolean; description?: string } = {},
): ParameterDecorator => Args(name, { type: () => ID, ...options }, new UuidPipe(name));
