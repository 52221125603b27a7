import { GraphQLError, type ValidationRule } from 'graphql';

/** The API offers queries and mutations only: a subscription is refused at validation (BAD_USER_INPUT). */
export const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are not offered by this API', { nodes: [node] }));
    }
  },
});
