/** A tiny router on window.history: current location as a hook, navigate(), <Link> and path matching. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";
import type { RowRef } from "./api/client";

export const paths = {
  login: "/dang-nhap",
  todo: "/viec-can-lam",
  /** "Ai trễ hạn": the communes' status on the programme's deadlines (docs/DEADLINES.md). */
  deadlines: "/tre-han",
  units: "/don-vi",
  unit: (id: number) => `/don-vi/${id}`,
  users: "/nguoi-dung",
  audit: "/nhat-ky",
  titles: "/danh-hieu",
  stats: "/thong-ke",
  rubrics: "/bo-tieu-chi",
  rubric: (id: number) => `/bo-tieu-chi/${id}`,
  /** The Hội Khuyến học of a commune: its chapter tree with counts. */
  association: "/hoi-khuyen-hoc",
  memberSearch: "/tim-hoi-vien",
  needsSurvey: "/khao-sat-nhu-cau",
  /** A chapter with its commune (`?xa=`, communeIn), then named by the page's requests. */
  chapter: (chapter: RowRef) => pageAddress(`/chi-hoi/${chapter.id}`, { [communeKey]: chapter.communeId }),
  verify: (code: string) => `/xac-minh/${encodeURIComponent(code)}`,
  /** The attendance pages of a centre's teacher: the classes under way, and one class's session of today. */
  attendance: "/diem-danh",
  attendanceOf: (id: number) => `/diem-danh/${id}`,
  funds: "/quy",
  /** A fund's page; `unitId`: the fund's commune, or province (`?xa=`, communeIn), then named by its requests. */
  fund: (id: number, unitId?: number, query: Record<string, string | number> = {}) =>
    pageAddress(`/quy/${id}`, { [communeKey]: unitId, ...query }),
  /** An award round of a fund (đợt trao học bổng), with the fund's unit as fund() has it. */
  awardRound: (fundId: number, roundId: number, unitId?: number) =>
    pageAddress(`/quy/${fundId}/dot/${roundId}`, { [communeKey]: unitId }),
  /** A fund's public disclosure of a year; `unitId`: the fund's commune or province (`?xa=`, communeIn). */
  disclosure: (fundId: number, year: number, unitId?: number) =>
    pageAddress(`/cong-khai/quy/${fundId}/${year}`, { [communeKey]: unitId }),
  commendations: "/khen-thuong",
  /** The public open data of the decided years (no login). */
  openData: "/du-lieu-mo",
  /** Reports and plans generated from the figures (issue 11). */
  reports: "/bao-cao",
  /** Data subjects' requests of a commune (personal data law). */
  dataRequests: "/yeu-cau-du-lieu",
  /** The personal-data inventory (issue 12). */
  privacy: "/du-lieu-ca-nhan",
  /** The processing log (who read, exported, printed personal data) and the breach register. */
  processingLog: "/nhat-ky-xu-ly",
  breaches: "/su-co-du-lieu",
} as const;

/**
 * The query key of the commune of a page's row (`?xa=`), beside the row's id in its address: the page's requests
 * then name it (the server looks in that commune alone, docs/SCALE-OUT.md). Old links without it still open.
 */
export const communeKey = "xa";

/** The commune of the page's row, when its address names it (communeKey). */
export function communeIn(search: URLSearchParams): number | undefined {
  const id = Number(search.get(communeKey));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A page's address with its query; parameters without a value are left out. */
function pageAddress(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The public pages' patterns: a certificate's check, a fund's published year, the open data. */
export const publicPatterns = {
  verify: "/xac-minh/:code",
  disclosure: "/cong-khai/quy/:id/:year",
  openData: "/du-lieu-mo",
} as const;

/** Pages that anyone may open without signing in. */
export function isPublicPath(pathname: string): boolean {
  return Object.values(publicPatterns).some((pattern) => matchPath(pattern, pathname) !== null);
}

const CHANGE_EVENT = "hieuhoc:navigate";

function subscribe(callback: () => void): () => void {
  window.addEventListener("popstate", callback);
  window.addEventListener(CHANGE_EVENT, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(CHANGE_EVENT, callback);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

let leaveGuard: (() => boolean) | null = null;

/**
 * A page with unsaved work sets a guard (it asks the user and answers whether to leave); every navigation inside
 * the app asks it first. `null` removes it.
 */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (leaveGuard && !leaveGuard()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else {
    window.history.pushState(null, "", to);
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Changes some query parameters of the current address (null removes one) without a new history entry. */
export function setQuery(updates: Record<string, string | number | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  navigate(window.location.pathname + (qs ? `?${qs}` : ""), { replace: true });
}

export type Location = { pathname: string; search: URLSearchParams };

/** The current path and query; re-renders on navigation. */
export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  const index = current.indexOf("?");
  const pathname = index < 0 ? current : current.slice(0, index);
  const search = new URLSearchParams(index < 0 ? "" : current.slice(index + 1));
  return { pathname: pathname.replace(/\/+$/, "") || "/", search };
}

/** Matches a pattern like "/don-vi/:id" against a path; returns the parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const h = have[i] ?? "";
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An <a> that navigates without reloading (ctrl/middle click still opens a new tab). */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
