import { useEffect, useState } from 'react';
import { ApiError, request } from '../api/client';
import {
  FromTemplateDocument,
  type RuleCode,
  type TemplatesQuery,
  TemplatesDocument,
} from '../api/generated';
import type { Me } from '../App';
import { ErrorSummary, type FieldError, Inset, TextField } from '../components/nhs';
import { hardRules, OverrideDialog, type Violation } from '../components/violations';
import { Link, navigate } from '../router';
import { leaveNotice } from './Board';

/** The Monday after today (a template's week 1 starts on a Monday). */
function nextMonday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

export function FromTemplatePage({ teamId, me }: { teamId: string; me: Me }) {
  const team = me.teams.find((t) => t.id === teamId);
  const [templates, setTemplates] = useState<TemplatesQuery['rotaTemplates'] | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [startDate, setStartDate] = useState(nextMonday());
  const [weeks, setWeeks] = useState('1');
  const [name, setName] = useState('');
  const [skipRefused, setSkipRefused] = useState(true);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refusal, setRefusal] = useState<{ message: string; violations: Violation[] } | null>(null);

  useEffect(() => {
    document.title = `Build a week from a template – ${team?.name ?? 'team'} – Tandem`;
    request(TemplatesDocument, { teamId })
      .then((d) => {
        setTemplates(d.rotaTemplates);
        if (d.rotaTemplates[0]) setTemplateId(d.rotaTemplates[0].id);
      })
      .catch((e: Error) => setErrors([{ message: e.message }]));
  }, [teamId, team?.name]);

  const build = async (override?: { reason: string; ruleCodes: RuleCode[] }) => {
    const problems: FieldError[] = [];
    if (!templateId) problems.push({ field: 'template', message: 'Choose a template' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate))
      problems.push({ field: 'startDate', message: 'Enter the first day as a date' });
    else if (new Date(`${startDate}T12:00:00Z`).getUTCDay() !== 1)
      problems.push({ field: 'startDate', message: 'The first day must be a Monday' });
    const w = Number(weeks);
    if (!Number.isInteger(w) || w < 1 || w > 26)
      problems.push({ field: 'weeks', message: 'Enter a number of weeks from 1 to 26' });
    setErrors(problems);
    if (problems.length) return;
    try {
      const result = (
        await request(FromTemplateDocument, {
          input: {
            templateId,
            startDate,
            weeks: w,
            name: name.trim() || null,
            skipRefused,
            override: override ?? null,
          },
        })
      ).createRotaFromTemplate;
      if (result.__typename === 'RuleViolations') {
        setRefusal({ message: result.message, violations: result.violations });
        return;
      }
      setRefusal(null);
      leaveNotice({
        title: 'Rota built from the template',
        warnings: result.warnings,
        resolved: [],
        skipped: result.skipped.map((k) => k.reason),
      });
      navigate(`/rotas/${result.rota.id}`);
    } catch (e) {
      const field = e instanceof ApiError ? e.field?.replace(/^input\./, '') : undefined;
      setErrors([
        {
          field: field && ['startDate', 'weeks', 'name'].includes(field) ? field : undefined,
          message: (e as Error).message,
        },
      ]);
      setRefusal(null);
    }
  };

  const fieldError = (f: string) => errors.find((e) => e.field === f)?.message;
  return (
    <>
      <Link className="nhsuk-back-link" href="/rotas">
        Back to your rotas
      </Link>
      <h1>
        Build a week from a template <span className="nhsuk-caption-l">{team?.name}</span>
      </h1>
      <ErrorSummary errors={errors} />
      {templates && templates.length === 0 && (
        <Inset>
          <p>
            This team has no templates yet. Open a rota that starts on a Monday and save its first week as
            one.
          </p>
        </Inset>
      )}
      {templates && templates.length > 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void build();
          }}
        >
          <div className={`nhsuk-form-group${fieldError('template') ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" id="template">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Template</legend>
              <div className="nhsuk-radios">
                {templates.map((t) => (
                  <div className="nhsuk-radios__item" key={t.id}>
                    <input
                      className="nhsuk-radios__input"
                      id={`template-${t.id}`}
                      name="template"
                      type="radio"
                      value={t.id}
                      checked={templateId === t.id}
                      onChange={() => setTemplateId(t.id)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`template-${t.id}`}>
                      {t.name} ({t.weeks} {t.weeks === 1 ? 'week' : 'weeks'}, {t.shifts.length} shifts)
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextField
            id="startDate"
            label="First day (a Monday)"
            type="date"
            value={startDate}
            onChange={setStartDate}
            error={fieldError('startDate')}
          />
          <TextField
            id="weeks"
            label="Weeks"
            width={2}
            hint="1 to 26; the template repeats"
            value={weeks}
            onChange={setWeeks}
            error={fieldError('weeks')}
          />
          <TextField
            id="name"
            label="Name of the rota (optional)"
            width={20}
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="skipRefused"
                  type="checkbox"
                  checked={skipRefused}
                  onChange={(e) => setSkipRefused(e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="skipRefused">
                  Leave out assignments the rules refuse
                </label>
              </div>
            </div>
          </div>
          <button type="submit" className="nhsuk-button">
            Build the rota
          </button>
        </form>
      )}
      {refusal && (
        <OverrideDialog
          message={refusal.message}
          violations={refusal.violations}
          onCancel={() => setRefusal(null)}
          onConfirm={(reason) => build({ reason, ruleCodes: hardRules(refusal.violations) })}
        />
      )}
    </>
  );
}
