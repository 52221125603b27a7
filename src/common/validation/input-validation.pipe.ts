import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { BadUserInputError, type FieldProblem } from '../errors/domain-error.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object, Date]);
/** Only what a client typed is validated: GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS = 3) and HTTP body/query. */
const CLIENT_INPUT = new Set<unknown>([3, 'body', 'query']);

/** class-validator's stock phrasings, said the way the rest of the API says things. */
const PLAIN: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^must be longer than or equal to 1 characters?$/, () => 'must not be empty'],
  [/^must be longer than or equal to (\d+) characters?$/, (n) => `must be at least ${n} characters long`],
  [/^must be shorter than or equal to (\d+) characters?$/, (n) => `must be at most ${n} characters long`],
  [/^must not be less than (-?[\d.]+)$/, (n) => `must be at least ${n}`],
  [/^must not be greater than (-?[\d.]+)$/, (n) => `must be at most ${n}`],
];

/** A validation message in the API's words. */
export function plainMessage(message: string): string {
  for (const [pattern, say] of PLAIN) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}

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
      message: plainMessage(
        message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
      ),
    }));
    return own.concat(flatten(e.children ?? [], field));
  });
}

/**
 * Characters no text field may hold: controls other than tab and line breaks (Cc), format characters (Cf: the
 * zero-width space, joiners and word joiner, the byte-order mark, the soft hyphen, direction marks and the
 * embedding, override and isolate controls of "Trojan Source"…), the line and paragraph separators (Zl, Zp) and
 * half surrogate pairs: each makes a name display as something other than what it is, or not at all.
 */
const FORBIDDEN_CHARACTER = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** Emoji use two format characters legitimately: a joiner between two pictographs (👩‍⚕️), and a flag's tags (🏴󠁧󠁢󠁥󠁮󠁧󠁿). */
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}\u{FE0F}?[\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu;
const EMOJI_TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;

/** The first forbidden character of a string, as `U+200B`, or undefined. */
export function forbiddenCharacter(text: string): string | undefined {
  const found = FORBIDDEN_CHARACTER.exec(
    text.includes('\u200D') || /[\u{E0000}-\u{E007F}]/u.test(text)
      ? text.replace(EMOJI_JOINER, '').replace(EMOJI_TAGS, '\u{1F3F4}')
      : text,
  );
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** The path of the first string (at any depth) holding a forbidden character, and that character; or undefined. */
export function forbiddenText(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; character: string } | undefined {
  if (typeof value === 'string') {
    const character = forbiddenCharacter(value);
    return character ? { field: path, character } : undefined;
  }
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
      const found = forbiddenText(value, metadata.data ?? (metadata.type === 'query' ? 'query' : ''));
      if (found)
        throw new BadUserInputError(
          `must not contain control, format or invisible characters (${found.character})`,
          found.field || undefined,
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
