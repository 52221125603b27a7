import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, request } from '../../api/client';
import { OfferSkillsDocument, type OfferSkillsQuery, PublishOpenShiftDocument } from '../../api/generated';
import { Dialog, ErrorSummary, type FieldError, TextField } from '../../components/nhs';
import { when } from './common';

/** The API's input fields → this form's field ids (the error summary links to them). */
const FIELDS: Record<string, string> = {
  'input.places': 'offer-places',
  'input.note': 'offer-note',
  'input.skillIds': 'offer-skills',
};

interface OfferedShift {
  id: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  targetHeadcount: number;
  maxHeadcount?: number | null;
  shiftType: { name: string };
  assignments: unknown[];
}

/**
 * A manager offers unfilled places on a shift of a published rota as an open shift: how many, extra skills, a
 * note, whether partners' bank staff may claim it, and whether their own staff go straight onto the rota.
 */
export function OfferOpenShiftDialog({
  shift,
  timeZone,
  onClose,
  onOffered,
}: {
  shift: OfferedShift;
  timeZone: string;
  onClose: () => void;
  onOffered: (message: string) => void;
}) {
  const gap = Math.max(1, shift.targetHeadcount - shift.assignments.length);
  const [places, setPlaces] = useState(String(gap));
  const [skillIds, setSkillIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [includePartners, setIncludePartners] = useState(true);
  const [autoApprove, setAutoApprove] = useState(false);
  const [skills, setSkills] = useState<OfferSkillsQuery['skills']>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    request(OfferSkillsDocument, {})
      .then((d) => setSkills(d.skills))
      .catch(() => setSkills([]));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(places);
    if (!/^\d+$/.test(places.trim()) || n < 1) {
      setErrors([{ field: 'offer-places', message: 'Enter how many places to offer, 1 or more' }]);
      return;
    }
    if (note.length > 500) {
      setErrors([{ field: 'offer-note', message: 'The note must be 500 characters or fewer' }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const { publishOpenShift: o } = await request(PublishOpenShiftDocument, {
        input: {
          shiftId: shift.id,
          places: n,
          skillIds: skillIds.length ? skillIds : undefined,
          note: note.trim() || undefined,
          includePartners,
          autoApproveOwnStaff: autoApprove,
        },
      });
      onOffered(
        `Offered ${o.places} ${o.places === 1 ? 'place' : 'places'} on ${o.shiftType.name}, ${when(o, o.team.timeZone)} as an open shift`,
      );
    } catch (err) {
      const field = err instanceof ApiError && err.field ? FIELDS[err.field] : undefined;
      setErrors([{ field, message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (id: string) => errors.find((x) => x.field === id)?.message;
  return (
    <Dialog
      title={`Offer ${shift.shiftType.name}, ${when(shift, timeZone)} as an open shift`}
      onClose={onClose}
    >
      <ErrorSummary errors={errors} />
      <p>
        Bank staff of your organisation{includePartners ? ' and of partners under a bank agreement' : ''} who
        are ready for the team can claim it; you approve each claim on Open shifts and swaps.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="offer-places"
          label="Places"
          hint={`How many people you need (the shift has ${shift.assignments.length} of ${shift.targetHeadcount} wanted${shift.maxHeadcount ? `, at most ${shift.maxHeadcount}` : ''}).`}
          type="number"
          width={3}
          value={places}
          onChange={setPlaces}
          error={fieldError('offer-places')}
        />
        <details className="nhsuk-details" id="offer-skills">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Skills needed besides the team’s own (optional
              {skillIds.length ? `, ${skillIds.length} chosen` : ''})
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Skills needed</legend>
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                {skills.map((s) => (
                  <div className="nhsuk-checkboxes__item" key={s.id}>
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`offer-skill-${s.id}`}
                      type="checkbox"
                      checked={skillIds.includes(s.id)}
                      onChange={(e) =>
                        setSkillIds((ids) =>
                          e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id),
                        )
                      }
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`offer-skill-${s.id}`}>
                      {s.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        </details>
        <TextField
          id="offer-note"
          label="Note for those who claim it (optional)"
          hint="For example, where to report or what the shift involves."
          multiline
          value={note}
          onChange={setNote}
          error={fieldError('offer-note')}
        />
        <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who can claim it</legend>
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="offer-partners"
                type="checkbox"
                checked={includePartners}
                onChange={(e) => setIncludePartners(e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="offer-partners">
                Include partners’ bank staff (organisations with a bank agreement with yours)
              </label>
            </div>
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="offer-auto"
                type="checkbox"
                checked={autoApprove}
                onChange={(e) => setAutoApprove(e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="offer-auto">
                Put your own organisation’s staff straight on the rota when they claim it
              </label>
            </div>
          </div>
        </fieldset>
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Offer the shift
        </button>
      </form>
    </Dialog>
  );
}
