/**
 * The bounded mix of `npm run bench:load`: what a session does at its level, with weights. A national user opens
 * the national dashboard and the provinces'; a provincial user its province's and communes' dashboards and the
 * province's household list and search; a commune officer its commune's dashboard, households, registrations,
 * and saves score sheets. Exports (heavy) are a small share and at most `exportSlots` run at once.
 */
import type { Level, Plan } from "./plan";

/**
 * One request; with `open`, the page is read first (its own route) and the record's version it gives is sent
 * with the body, as the score sheet does (a save without the version it opened is refused).
 */
export type Call = {
  method: "GET" | "POST";
  path: string;
  body?: Record<string, unknown>;
  open?: { route: string; path: string };
};
export type Action = {
  route: string;
  weight: number;
  kind: "read" | "write" | "export";
  call: (unitId: number | null, plan: Plan, rng: () => number, turn: number) => Call | null;
};

const pick = <T>(list: readonly T[] | undefined, rng: () => number): T | undefined =>
  list && list.length > 0 ? list[Math.floor(rng() * list.length)] : undefined;

const rollup = (plan: Plan, unitId: number | undefined | null, file = "") =>
  unitId === undefined
    ? null
    : `/api/v1/stats/rollup${file}?${unitId === null ? "" : `unitId=${unitId}&`}year=${plan.year}&title=learning_family`;

const get = (path: string | null): Call | null => (path === null ? null : { method: "GET", path });

const households = (unitId: number | null, plan: Plan, search: boolean) => {
  if (unitId === null) return null;
  const q = plan.search[String(unitId)];
  if (search && !q) return null;
  return get(`/api/v1/households?unitId=${unitId}&limit=50${search ? `&q=${encodeURIComponent(q!)}` : ""}`);
};

export const mix: Record<Level, Action[]> = {
  nation: [
    { route: "dashboard nation", weight: 40, kind: "read", call: (_u, plan) => get(rollup(plan, null)) },
    {
      route: "dashboard province",
      weight: 40,
      kind: "read",
      call: (_u, plan, rng) => get(rollup(plan, pick(plan.provinces, rng))),
    },
    {
      route: "rollup.xlsx",
      weight: 2,
      kind: "export",
      call: (_u, plan) => get(rollup(plan, null, ".xlsx")),
    },
  ],
  province: [
    { route: "dashboard province", weight: 30, kind: "read", call: (u, plan) => get(rollup(plan, u)) },
    {
      route: "dashboard commune",
      weight: 20,
      kind: "read",
      call: (u, plan, rng) => get(rollup(plan, pick(plan.communesOf[String(u)], rng))),
    },
    {
      route: "households list (province)",
      weight: 15,
      kind: "read",
      call: (u, plan) => households(u, plan, false),
    },
    {
      route: "households search (province)",
      weight: 15,
      kind: "read",
      call: (u, plan) => households(u, plan, true),
    },
    { route: "rollup.xlsx", weight: 2, kind: "export", call: (u, plan) => get(rollup(plan, u, ".xlsx")) },
  ],
  commune: [
    { route: "dashboard commune", weight: 20, kind: "read", call: (u, plan) => get(rollup(plan, u)) },
    {
      route: "households list (commune)",
      weight: 15,
      kind: "read",
      call: (u, plan) => households(u, plan, false),
    },
    {
      route: "households search (commune)",
      weight: 10,
      kind: "read",
      call: (u, plan) => households(u, plan, true),
    },
    {
      route: "registrations list (commune)",
      weight: 15,
      kind: "read",
      call: (u, plan) => get(`/api/v1/registrations?unitId=${u}&year=${plan.year}&title=learning_family`),
    },
    {
      route: "score sheet save",
      weight: 25,
      kind: "write",
      call: (u, plan, rng, turn) => {
        const list = plan.registrations[String(u)];
        if (!list || list.length === 0) return null;
        const registration = list[turn % list.length]!;
        const scores = Object.fromEntries(
          (plan.items[String(registration.rubricId)] ?? []).map((i) => [
            i.key,
            Math.min(i.max, Math.round(i.max * (0.6 + rng() * 0.45))),
          ]),
        );
        const path = `/api/v1/registrations/${registration.id}`;
        return {
          method: "POST",
          path: `${path}/assessment`,
          body: { scores },
          open: { route: "score sheet open", path },
        };
      },
    },
    {
      route: "households export.xlsx",
      weight: 2,
      kind: "export",
      call: (u) => get(`/api/v1/households/export.xlsx?unitId=${u}`),
    },
  ],
};

/** Every route of the mix with its kind (exports and writes are reported apart from the reads). */
export const routeKinds = (): Record<string, Action["kind"]> => ({
  ...Object.fromEntries(Object.values(mix).flatMap((actions) => actions.map((a) => [a.route, a.kind]))),
  "score sheet open": "read",
});

/** An action by weight, leaving exports out when no export slot is free. */
export function chooseAction(level: Level, rng: () => number, exportFree: boolean): Action {
  const actions = mix[level].filter((a) => exportFree || a.kind !== "export");
  const total = actions.reduce((s, a) => s + a.weight, 0);
  let r = rng() * total;
  for (const a of actions) {
    r -= a.weight;
    if (r < 0) return a;
  }
  return actions[actions.length - 1]!;
}
