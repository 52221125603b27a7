import { Tag, type TagColour } from '../../components/nhs';
import { words } from './format';

const COLOURS: Record<string, TagColour> = {
  APPROVED: 'green',
  REQUESTED: 'blue',
  REJECTED: 'red',
  WITHDRAWN: 'grey',
  CANCELLED: 'grey',
};

const LABELS: Record<string, string> = { REQUESTED: 'Waiting for a decision' };

/** A leave or placement status as the design system's tag (the words say it, the colour only helps). */
export function DecisionTag({ status }: { status: string }) {
  return <Tag colour={COLOURS[status] ?? 'grey'}>{LABELS[status] ?? words(status)}</Tag>;
}
