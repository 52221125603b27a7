import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Link } from '../router';

/** The NHS logo (the design system's header artwork). */
function Logo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      aria-hidden="true"
    >
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

export function Header({
  user,
  onSignOut,
  unread,
}: {
  user?: string;
  onSignOut?: () => void;
  /** Unread entries of the inbox (the header links to it when given). */
  unread?: number | null;
}) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link
            className="nhsuk-header__service-logo"
            href={user ? '/rotas' : '/'}
            aria-label="NHS Tandem rotas homepage"
          >
            <Logo />
            <span className="nhsuk-header__service-name">Tandem rotas</span>
          </Link>
        </div>
        {user && onSignOut && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">{user}</li>
              {unread !== undefined && (
                <li className="nhsuk-header__account-item tandem-header-inbox">
                  <Link className="nhsuk-header__account-link" href="/inbox">
                    Inbox
                    {unread ? (
                      <>
                        {' '}
                        <span className="tandem-header-inbox__count">{unread}</span>
                        <span className="nhsuk-u-visually-hidden"> unread</span>
                      </>
                    ) : null}
                  </Link>
                </li>
              )}
              <li className="nhsuk-header__account-item">
                <button type="button" className="nhsuk-header__account-button" onClick={onSignOut}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}

export interface FieldError {
  /** The id of the field at fault (the summary links to it), or none for a problem with the page. */
  field?: string;
  message: string;
}

/** The design system's error summary: focused when it appears, each message linked to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby={id} role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id={id}>
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((e, i) => (
            <li key={i}>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export type TagColour =
  'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export function Inset({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

/** A modal dialog (the native one: focus is kept inside, Escape closes it) titled by its heading. */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="tandem-dialog"
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={id} className="nhsuk-heading-m">
        {title}
      </h2>
      {children}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary tandem-dialog__close"
        onClick={onClose}
      >
        Close
      </button>
    </dialog>
  );
}

/** A labelled text field with its error message linked to it (aria-describedby). */
export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  multiline,
  type = 'text',
  width,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  type?: string;
  /** The design system's fixed input widths, in characters. */
  width?: 2 | 3 | 4 | 5 | 10 | 20;
}) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const props = {
    id,
    name: id,
    value,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {multiline ? (
        <textarea className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} rows={3} {...props} />
      ) : (
        <input
          className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
          type={type}
          {...props}
        />
      )}
    </div>
  );
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string }>;
  error?: string;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
