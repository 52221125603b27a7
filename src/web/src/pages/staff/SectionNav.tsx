import type { Me } from '../../App';
import { Link } from '../../router';
import './staff.css';

interface Section {
  href: string;
  label: string;
}

/** The pages a caller has, from what the API says they are: staff record, teams managed, HR role. */
export function sectionsFor(me: Me): Section[] {
  const sections: Section[] = [];
  if (me.teams.length) {
    sections.push({ href: '/rotas', label: 'Rotas' });
    sections.push({ href: '/leave-requests', label: 'Leave requests' });
    sections.push({ href: '/open-shift-claims', label: 'Open shifts and swaps' });
  }
  if (me.staffMember) {
    sections.push({ href: '/my-shifts', label: 'My shifts' });
    sections.push({ href: '/open-shifts', label: 'Open shifts' });
    sections.push({ href: '/my-swaps', label: 'Shift swaps' });
    sections.push({ href: '/my-leave', label: 'Leave' });
    sections.push({ href: '/my-placements', label: 'Placements' });
    sections.push({ href: '/my-preferences', label: 'Shift preferences' });
    sections.push({ href: '/my-calendar', label: 'Calendar feed' });
  }
  if (me.roles.includes('HR')) {
    sections.push({ href: '/reports', label: 'Reports' });
    sections.push({ href: '/bank-agreements', label: 'Bank agreements' });
  }
  return sections;
}

/** Where a caller lands when the rotas page has nothing for them (no team to manage). */
export function homeFor(me: Me): string | null {
  if (me.teams.length) return null;
  if (me.staffMember) return '/my-shifts';
  if (me.roles.includes('HR')) return '/reports';
  return null;
}

export function SectionNav({ me, path }: { me: Me; path: string }) {
  const sections = sectionsFor(me);
  if (sections.length < 2) return null;
  return (
    <nav className="tandem-section-nav" aria-label="Sections">
      <ul className="tandem-section-nav__list">
        {sections.map((s) => {
          const current = path === s.href || path.startsWith(`${s.href}/`);
          return (
            <li key={s.href} className="tandem-section-nav__item">
              <Link
                className={`tandem-section-nav__link${current ? ' tandem-section-nav__link--current' : ''}`}
                href={s.href}
                aria-current={current ? 'page' : undefined}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
