import type { Operation } from './generated';

const TOKEN_KEY = 'tandem.token';

/** The bearer token lives in this tab's sessionStorage only: closing the tab or signing out forgets it. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  signOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** An error the API answered (or the network's), with the API's code and the input field at fault. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** Sends one typed operation to /graphql with the session's token. */
export async function request<TResult, TVariables>(
  operation: Operation<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: operation, variables }),
    });
  } catch {
    throw new ApiError('The service could not be reached. Check your connection and try again.', 'NETWORK');
  }
  let body: GraphQLBody<TResult>;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    throw new ApiError(`The service answered ${response.status}`, 'HTTP_' + response.status);
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR', error.extensions?.field);
  if (!body.data) throw new ApiError('The service sent no data', 'ERROR');
  return body.data;
}

export interface DemoUser {
  label: string;
  name: string;
  roles: string[];
  token: string;
}

/** The development sign-in's demo users, or null when the service does not offer it. */
export async function demoUsers(): Promise<DemoUser[] | null> {
  try {
    const response = await fetch('/web-session/demo-users', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    return ((await response.json()) as { users: DemoUser[] }).users;
  } catch {
    return null;
  }
}
