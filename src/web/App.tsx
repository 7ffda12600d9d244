import { App as AntApp, ConfigProvider, Result, type ThemeConfig } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { registryKinds } from "../shared/registry/kinds";
import { api, setCsrfToken, setUnauthorizedHandler } from "./api/client";
import { AppLayout } from "./components/AppLayout";
import { PageLoading } from "./components/PageLoading";
import { type Lang, LangContext, storedLang, storeLang, translate, useT } from "./i18n/messages";
import LoginPage from "./pages/LoginPage";
import { isPublicPath, matchPath, navigate, paths, publicPatterns, useLocation } from "./router";
import { hasRole, SessionContext, type SessionState } from "./session";

const TodoPage = lazy(() => import("./pages/TodoPage"));
const DeadlinesPage = lazy(() => import("./pages/DeadlinesPage"));
const UnitsPage = lazy(() => import("./pages/UnitsPage"));
const UnitPage = lazy(() => import("./pages/UnitPage"));
const UsersPage = lazy(() => import("./pages/UsersPage"));
const AuditPage = lazy(() => import("./pages/AuditPage"));
const ProcessingLogPage = lazy(() => import("./pages/ProcessingLogPage"));
const BreachesPage = lazy(() => import("./pages/BreachesPage"));
const RegistryPage = lazy(() => import("./components/registry/RegistryPage"));
const TitlesPage = lazy(() => import("./pages/TitlesPage"));
const DashboardPage = lazy(() => import("./pages/DashboardPage"));
const RubricsPage = lazy(() => import("./pages/RubricsPage"));
const RubricPage = lazy(() => import("./pages/RubricPage"));
const ChapterPage = lazy(() => import("./pages/ChapterPage"));
const CentrePage = lazy(() => import("./pages/CentrePage"));
const AssociationPage = lazy(() => import("./pages/AssociationPage"));
const MemberSearchPage = lazy(() => import("./pages/MemberSearchPage"));
const CertificateCheckPage = lazy(() => import("./pages/CertificateCheckPage"));
const FundsPage = lazy(() => import("./pages/FundsPage"));
const AttendanceListPage = lazy(() => import("./pages/AttendanceListPage"));
const AttendancePage = lazy(() => import("./pages/AttendancePage"));
const FundPage = lazy(() => import("./pages/FundPage"));
const AwardRoundPage = lazy(() => import("./pages/AwardRoundPage"));
const DisclosurePage = lazy(() => import("./pages/DisclosurePage"));
const OpenDataPage = lazy(() => import("./pages/OpenDataPage"));
const CommendationsPage = lazy(() => import("./pages/CommendationsPage"));
const DataRequestsPage = lazy(() => import("./pages/DataRequestsPage"));
const NeedsSurveyPage = lazy(() => import("./pages/NeedsSurveyPage"));
const ReportsPage = lazy(() => import("./pages/ReportsPage"));
const PrivacyPage = lazy(() => import("./pages/PrivacyPage"));

function applyLang(lang: Lang): void {
  dayjs.locale(lang === "vi" ? "vi" : "en");
  document.documentElement.lang = lang;
  document.title = translate(lang, "app.name");
}

/**
 * antd's theme with text that reads at WCAG AA (4.5:1) on white and on the page's #f5f5f5: its default secondary
 * text (45 % black, 3.36:1) and the empty-table text (25 % black, 1.83:1) are too faint.
 */
/** A device or user asking for less motion (WCAG 2.3.3) gets none: no antd transitions, no spinning dots. */
const reducedMotion =
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

const THEME: ThemeConfig = {
  // Links in antd's blue-7 (#0958d9, 6:1) rather than its blue-6 (4.1:1).
  token: {
    colorPrimary: "#b5131a",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorLink: "#0958d9",
    motion: !reducedMotion,
  },
  components: { Table: { colorTextDisabled: "rgba(0, 0, 0, 0.62)" } },
};

export function Root() {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = storedLang();
    applyLang(initial);
    return initial;
  });
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    applyLang(next);
    setLangState(next);
  }, []);
  const langValue = useMemo(() => ({ lang, setLang }), [lang, setLang]);

  return (
    <LangContext.Provider value={langValue}>
      <ConfigProvider locale={lang === "vi" ? viVN : enUS} theme={THEME}>
        <AntApp>
          <SessionRoot />
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

function SessionRoot() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [session, setSession] = useState<SessionState>({ status: "loading" });

  const signedIn = useCallback((user: SessionStateUser, csrfToken: string) => {
    setCsrfToken(csrfToken);
    setSession({ status: "ready", user, csrfToken });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is forgotten here anyway.
    }
    setCsrfToken(null);
    setSession({ status: "anonymous" });
    navigate(paths.login, { replace: true });
    void message.success(t("logout.done"));
  }, [message, t]);

  useEffect(() => {
    let live = true;
    api
      .me()
      .then((s) => {
        if (live) signedIn(s.user, s.csrfToken);
      })
      .catch(() => {
        if (live) setSession({ status: "anonymous" });
      });
    return () => {
      live = false;
    };
  }, [signedIn]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setSession((current) => {
        if (current.status === "ready") void message.warning(t("error.sessionExpired"));
        return { status: "anonymous" };
      });
    });
    return () => setUnauthorizedHandler(null);
  }, [message, t]);

  const value = useMemo(() => ({ session, signedIn, signOut }), [session, signedIn, signOut]);

  return (
    <SessionContext.Provider value={value}>
      <Screens session={session} />
    </SessionContext.Provider>
  );
}

type SessionStateUser = Extract<SessionState, { status: "ready" }>["user"];

function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith(paths.login)
    ? next
    : paths.units;
}

function Screens({ session }: { session: SessionState }) {
  const { pathname, search } = useLocation();
  const onLogin = pathname === paths.login;
  const isPublic = isPublicPath(pathname);
  const next = search.get("next");

  useEffect(() => {
    if (isPublic) return;
    if (session.status === "anonymous" && !onLogin) {
      const here = window.location.pathname + window.location.search;
      const query = pathname === "/" ? "" : `?next=${encodeURIComponent(here)}`;
      navigate(paths.login + query, { replace: true });
    } else if (session.status === "ready" && (onLogin || pathname === "/")) {
      navigate(onLogin ? safeNext(next) : paths.units, { replace: true });
    }
  }, [session.status, onLogin, isPublic, pathname, next]);

  if (isPublic) return <PublicPage pathname={pathname} />;
  if (session.status === "loading") return <PageLoading />;
  if (session.status === "anonymous") return onLogin ? <LoginPage /> : <PageLoading />;
  if (onLogin || pathname === "/") return <PageLoading />;
  return (
    <AppLayout>
      <Suspense fallback={<PageLoading />}>
        <Page pathname={pathname} canAdmin={hasRole(session.user, "system_admin", "unit_admin")} />
      </Suspense>
    </AppLayout>
  );
}

function Page({ pathname, canAdmin }: { pathname: string; canAdmin: boolean }) {
  if (pathname === paths.todo) return <TodoPage />;
  if (pathname === paths.deadlines) return <DeadlinesPage />;
  if (pathname === paths.units) return <UnitsPage />;
  const unit = matchPath("/don-vi/:id", pathname);
  if (unit && /^\d+$/.test(unit.id ?? "")) {
    const id = Number(unit.id);
    return <UnitPage key={id} id={id} />;
  }
  if (pathname === paths.users && canAdmin) return <UsersPage />;
  if (pathname === paths.audit) return <AuditPage />;
  if (pathname === paths.privacy) return <PrivacyPage />;
  if (pathname === paths.processingLog && canAdmin) return <ProcessingLogPage />;
  if (pathname === paths.breaches && canAdmin) return <BreachesPage />;
  // Every registry kind has its page at its declared path, made from its declaration.
  const kind = registryKinds.find((k) => k.web.path === pathname);
  if (kind) return <RegistryPage key={kind.name} kind={kind} />;
  if (pathname === paths.titles) return <TitlesPage />;
  if (pathname === paths.stats) return <DashboardPage />;
  if (pathname === paths.rubrics) return <RubricsPage />;
  if (pathname === paths.association) return <AssociationPage />;
  if (pathname === paths.memberSearch) return <MemberSearchPage />;
  if (pathname === paths.needsSurvey) return <NeedsSurveyPage />;
  const chapter = matchPath("/chi-hoi/:id", pathname);
  if (chapter && /^\d+$/.test(chapter.id ?? "")) {
    const id = Number(chapter.id);
    return <ChapterPage key={id} id={id} />;
  }
  const centre = matchPath("/trung-tam-hoc-tap/:id", pathname);
  if (centre && /^\d+$/.test(centre.id ?? "")) {
    const id = Number(centre.id);
    return <CentrePage key={id} id={id} />;
  }
  if (pathname === paths.funds) return <FundsPage />;
  if (pathname === paths.commendations) return <CommendationsPage />;
  if (pathname === paths.reports) return <ReportsPage />;
  if (pathname === paths.dataRequests) return <DataRequestsPage />;
  if (pathname === paths.attendance) return <AttendanceListPage />;
  const attendance = matchPath("/diem-danh/:id", pathname);
  if (attendance && /^\d+$/.test(attendance.id ?? ""))
    return <AttendancePage key={pathname} id={Number(attendance.id)} />;
  const fund = matchPath("/quy/:id", pathname);
  if (fund && /^\d+$/.test(fund.id ?? "")) {
    const id = Number(fund.id);
    return <FundPage key={id} id={id} />;
  }
  const round = matchPath("/quy/:id/dot/:roundId", pathname);
  if (round && /^\d+$/.test(round.id ?? "") && /^\d+$/.test(round.roundId ?? "")) {
    const [id, roundId] = [Number(round.id), Number(round.roundId)];
    return <AwardRoundPage key={pathname} fundId={id} roundId={roundId} />;
  }
  const rubric = matchPath("/bo-tieu-chi/:id", pathname);
  if (rubric && /^\d+$/.test(rubric.id ?? "")) {
    const id = Number(rubric.id);
    return <RubricPage key={id} id={id} />;
  }
  return <NotFound />;
}

/** Pages open to everyone, signed in or not (no redirect to the login page). */
function PublicPage({ pathname }: { pathname: string }) {
  const check = matchPath(publicPatterns.verify, pathname);
  const disclosure = matchPath(publicPatterns.disclosure, pathname);
  const page = check?.code ? (
    <CertificateCheckPage key={check.code} code={check.code} />
  ) : disclosure && /^\d+$/.test(disclosure.id ?? "") && /^\d{4}$/.test(disclosure.year ?? "") ? (
    <DisclosurePage key={pathname} fundId={Number(disclosure.id)} year={Number(disclosure.year)} />
  ) : matchPath(publicPatterns.openData, pathname) ? (
    <OpenDataPage />
  ) : (
    <NotFound />
  );
  return <Suspense fallback={<PageLoading />}>{page}</Suspense>;
}

function NotFound() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t("error.notFoundPage")} />;
}
