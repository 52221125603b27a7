import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { canonicalTimeZone } from '../time-zones.js';

/**
 * A real IANA time zone, stored in its canonical spelling: the value is rewritten to it (`europe/london` →
 * `Europe/London`) before validation, and refused when it has none.
 */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  const canonicalise = Transform(({ value }: { value: unknown }) => canonicalTimeZone(value) ?? value);
  return (target: object, propertyName: string | symbol) => {
    canonicalise(target, propertyName);
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IANA time zone such as Europe/London', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && canonicalTimeZone(value) === value,
      },
    });
  };
}

/**
 * The field may be left out, but if it is given it must pass the other validators: unlike `@IsOptional()`,
 * `null` is not waved through (use it on fields that cannot be cleared).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
