import { useCallback, useEffect, useState } from 'react';
import { ApiError, request, session } from './api/client';
import { type WebMeQuery, WebMeDocument } from './api/generated';
import { ErrorSummary, Header } from './components/nhs';
import { BoardPage } from './pages/Board';
import { FromTemplatePage } from './pages/FromTemplate';
import { RotasPage } from './pages/Rotas';
import { SignInPage } from './pages/SignIn';
import { match, navigate, usePath } from './router';
import { LeaveRequestsPage } from './pages/manager-leave/LeaveRequests';
import { ComplianceReportPage } from './pages/hr/ComplianceReport';
import { CredentialExpiryReportPage } from './pages/hr/CredentialExpiryReport';
import { JointRoleReportPage } from './pages/hr/JointRoleReport';
import { PlacementReportPage } from './pages/hr/PlacementReport';
import { ReportsPage } from './pages/hr/Reports';
import { CalendarFeedPage } from './pages/staff/CalendarFeed';
import { LeavePage } from './pages/staff/Leave';
import { MyShiftsPage } from './pages/staff/MyShifts';
import { PlacementsPage } from './pages/staff/Placements';
import { PreferencesPage } from './pages/staff/Preferences';
import { homeFor, SectionNav } from './pages/staff/SectionNav';

export type Me = WebMeQuery['me'];

export function App() {
  const path = usePath();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(!!session.token());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!session.token()) {
      setMe(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      setMe((await request(WebMeDocument, {})).me);
      setError(null);
    } catch (e) {
      session.signOut();
      setMe(null);
      setError(
        e instanceof ApiError && e.code === 'UNAUTHENTICATED'
          ? 'Your sign-in has expired: sign in again.'
          : String((e as Error).message),
      );
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const signIn = async (token: string) => {
    session.signIn(token);
    const who = (await request(WebMeDocument, {})).me;
    setMe(who);
    setError(null);
    navigate('/rotas', true);
  };
  const signOut = () => {
    session.signOut();
    setMe(null);
    navigate('/sign-in');
  };

  let page;
  let params: Record<string, string> | null;
  if (loading) page = <p>Loading…</p>;
  else if (!me) page = <SignInPage onSignIn={signIn} />;
  else if ((params = match('/rotas/:rotaId', path))) page = <BoardPage rotaId={params.rotaId!} me={me} />;
  else if ((params = match('/teams/:teamId/from-template', path)))
    page = <FromTemplatePage teamId={params.teamId!} me={me} />;
  // The staff pages, the manager's leave requests and the HR reports.
  else if (path === '/my-shifts') page = <MyShiftsPage />;
  else if (path === '/my-leave') page = <LeavePage />;
  else if (path === '/my-placements') page = <PlacementsPage />;
  else if (path === '/my-preferences') page = <PreferencesPage />;
  else if (path === '/my-calendar') page = <CalendarFeedPage />;
  else if (path === '/leave-requests') page = <LeaveRequestsPage me={me} />;
  else if (path === '/reports') page = <ReportsPage />;
  else if (path === '/reports/joint-roles') page = <JointRoleReportPage />;
  else if (path === '/reports/placements') page = <PlacementReportPage />;
  else if (path === '/reports/compliance') page = <ComplianceReportPage />;
  else if (path === '/reports/credentials') page = <CredentialExpiryReportPage />;
  else page = <RotasPage me={me} />;

  useEffect(() => {
    if (!loading && me && (path === '/' || path === '/sign-in')) navigate('/rotas', true);
  }, [loading, me, path]);
  useEffect(() => {
    // Someone with no team to manage starts on their own shifts (staff) or the reports (HR).
    const home = me && homeFor(me);
    if (!loading && home && path === '/rotas') navigate(home, true);
  }, [loading, me, path]);

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header user={me ? (me.name ?? me.subject) : undefined} onSignOut={signOut} />
      <div className="nhsuk-width-container tandem-wide">
        {me && <SectionNav me={me} path={path} />}
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          {error && <ErrorSummary errors={[{ message: error }]} />}
          {page}
        </main>
      </div>
    </>
  );
}
