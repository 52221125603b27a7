import { fieldOfInputError } from '../../src/common/errors/error-mapping.js';

describe('the field named in graphql-js’s own input errors', () => {
  it.each([
    [
      'Variable "$input" got invalid value "NAP_TIME" at "input.ruleSet.overrides[0].ruleCode"; Value "NAP_TIME" does not exist in "RuleCode" enum.',
      'input.ruleSet.overrides[0].ruleCode',
    ],
    [
      'Variable "$codes" got invalid value "TEA_BREAK" at "codes[0]"; Value "TEA_BREAK" does not exist',
      'codes[0]',
    ],
    ['Variable "$id" of required type "ID!" was not provided.', 'id'],
    ['Field "rotas" argument "teamId" of type "ID!" is required, but it was not provided.', 'teamId'],
    ['Cannot query field "nope" on type "Query".', undefined],
  ])('%s → %s', (message, field) => expect(fieldOfInputError(message)).toBe(field));
});
