import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';

/** A real IANA time-zone name (Europe/London), as luxon and PostgreSQL understand it. */
export function isIanaZone(value: unknown): value is string {
  return (
    typeof value === 'string' && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) && IANAZone.isValidZone(value)
  );
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IANA time zone such as Europe/London', ...options },
      validator: { validate: (value: unknown) => isIanaZone(value) },
    });
}

/**
 * The field may be left out, but if it is given it must pass the other validators: unlike `@IsOptional()`,
 * `null` is not waved through (use it on fields that cannot be cleared).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
