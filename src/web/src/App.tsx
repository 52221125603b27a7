import { useCallback, useEffect, useState } from 'react';
import { ApiError, request, session } from './api/client';
import { UnreadCountDocument, type WebMeQuery, WebMeDocument } from './api/generated';
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
import { BankAgreementsPage } from './pages/mobility/BankAgreements';
import { INBOX_CHANGED, InboxPage } from './pages/mobility/Inbox';
import { MySwapsPage, ProposeSwapPage } from './pages/mobility/MySwaps';
import { OpenShiftClaimsPage } from './pages/mobility/OpenShiftClaims';
import { OpenShiftsPage } from './pages/mobility/OpenShifts';

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
  // Open shifts, the staff bank, swaps and the inbox.
  else if (path === '/open-shifts') page = <OpenShiftsPage me={me} />;
  else if (path === '/open-shift-claims') page = <OpenShiftClaimsPage me={me} />;
  else if (path === '/my-swaps') page = <MySwapsPage me={me} />;
  else if ((params = match('/my-swaps/new/:assignmentId', path)))
    page = <ProposeSwapPage me={me} assignmentId={params.assignmentId!} />;
  else if (path === '/inbox') page = <InboxPage me={me} />;
  else if (path === '/bank-agreements') page = <BankAgreementsPage />;
  else if (path === '/leave-requests') page = <LeaveRequestsPage me={me} />;
  else if (path === '/reports') page = <ReportsPage />;
  else if (path === '/reports/joint-roles') page = <JointRoleReportPage />;
  else if (path === '/reports/placements') page = <PlacementReportPage />;
  else if (path === '/reports/compliance') page = <ComplianceReportPage />;
  else if (path === '/reports/credentials') page = <CredentialExpiryReportPage />;
  else page = <RotasPage me={me} />;

  // The header's unread count: read again on every page change and when the inbox marks entries read.
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    if (!me) return;
    let live = true;
    const read = () =>
      request(UnreadCountDocument, {})
        .then((d) => live && setUnread(d.unreadNotificationCount))
        .catch(() => live && setUnread(null));
    void read();
    window.addEventListener(INBOX_CHANGED, read);
    return () => {
      live = false;
      window.removeEventListener(INBOX_CHANGED, read);
    };
  }, [me, path]);

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
      <Header
        user={me ? (me.name ?? me.subject) : undefined}
        onSignOut={signOut}
        unread={me ? unread : undefined}
      />
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
