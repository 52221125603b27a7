import { useEffect, useState } from 'react';
import { ApiError, type DemoUser, demoUsers } from '../api/client';
import { ErrorSummary, type FieldError, Inset, TextField } from '../components/nhs';

export function SignInPage({ onSignIn }: { onSignIn: (token: string) => Promise<void> }) {
  const [demo, setDemo] = useState<DemoUser[] | null | undefined>(undefined);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);

  useEffect(() => {
    document.title = 'Sign in – Tandem';
    void demoUsers().then(setDemo);
  }, []);

  const submit = async (value: string, field?: string) => {
    if (!value.trim()) {
      setErrors([{ field: 'token', message: 'Enter your bearer token' }]);
      return;
    }
    try {
      await onSignIn(value);
    } catch (e) {
      const message =
        e instanceof ApiError && e.code === 'UNAUTHENTICATED'
          ? 'The token was not accepted: it may have expired or be for another service'
          : (e as Error).message;
      setErrors([{ field, message }]);
    }
  };

  return (
    <>
      <h1>Sign in to Tandem</h1>
      <ErrorSummary errors={errors} />
      {demo && demo.length > 0 && (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo users</h2>
          <Inset>
            <p>
              This service is running with demo data. Pick someone to sign in as; you see only what the API
              lets them see.
            </p>
          </Inset>
          <ul className="nhsuk-list tandem-demo-users">
            {demo.map((u) => (
              <li key={u.label}>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  onClick={() => void submit(u.token)}
                >
                  Sign in as {u.name}
                  <span className="tandem-demo-users__label"> – {u.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="token-heading">
        <h2 id="token-heading">{demo && demo.length ? 'Or use a bearer token' : 'Use your bearer token'}</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit(token, 'token');
          }}
        >
          <TextField
            id="token"
            label="Bearer token"
            hint="The access token your organisation's sign-in (OpenID Connect) gave you. It is kept in this browser tab only."
            multiline
            value={token}
            onChange={setToken}
            error={errors.find((e) => e.field === 'token')?.message}
          />
          <button type="submit" className="nhsuk-button">
            Sign in
          </button>
        </form>
      </section>
    </>
  );
}
