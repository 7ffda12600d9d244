import { CheckOutlined, HistoryOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Popconfirm, Table, type TableColumnsType, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { allows } from "../../../shared/capabilities";
import { cycleApi } from "../../api/cycle";
import { householdApi } from "../../api/households";
import { centreApi, citizenApi, clanApi, organizationApi, type RegistryPage } from "../../api/registries";
import { subjectKindOfTitle } from "../../constants";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { canOn, placed, RoleNote, WhyNot } from "../Capability";
import { useCompact } from "../useCompact";
import type { CycleContext } from "./common";

type Candidate = { id: number; name: string; code: string | null; place: string; members?: number };

const PAGE = 500;
const MAX_PAGES = 40;

/** Every page of a registry list under a unit (up to MAX_PAGES × PAGE rows), as candidates. */
async function loadAll<Item>(
  list: (params: { unitId: number; offset: number; limit: number }) => Promise<RegistryPage<Item>>,
  unitId: number,
  toCandidate: (item: Item) => Candidate,
): Promise<Candidate[]> {
  const all: Candidate[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await list({ unitId, offset: page * PAGE, limit: PAGE });
    all.push(...r.items.map(toCandidate));
    if (all.length >= r.total || r.items.length < PAGE) break;
  }
  return all;
}

/**
 * The candidates of the unit for the title: its households, clans (of the commune), organisations and citizens
 * (in the unit's subtree), its villages or the commune itself.
 */
function useCandidates(context: CycleContext) {
  const t = useT();
  const { scope, title, version } = context;
  const kind = subjectKindOfTitle[title];
  const [state, setState] = useState<{ list: Candidate[] | null; error: string | null }>({
    list: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    void version;
    setState({ list: null, error: null });
    const load = async (): Promise<Candidate[]> => {
      const unitId = scope.unit.id;
      if (kind === "household")
        return loadAll(householdApi.list, unitId, (h) => ({
          id: h.id,
          name: h.headName,
          code: h.code,
          place: h.village.name,
          members: h.members,
        }));
      // Clans belong to the commune itself, not to a village: they are registered with the whole commune chosen.
      if (kind === "clan")
        return scope.unit.level === "commune"
          ? loadAll(clanApi.list, unitId, (c) => ({
              id: c.id,
              name: c.name,
              code: null,
              place: c.headName,
              members: c.householdIds.length,
            }))
          : [];
      if (kind === "organization")
        return loadAll(organizationApi.list, unitId, (o) => ({
          id: o.id,
          name: o.name,
          code: o.code,
          place: o.unit.name,
        }));
      if (kind === "citizen")
        return loadAll(citizenApi.list, unitId, (p) => ({
          id: p.id,
          name: p.fullName,
          code: null,
          place: p.village.name,
        }));
      // Centres belong to the commune: rated with the whole commune chosen.
      if (kind === "centre")
        return scope.unit.level === "commune"
          ? loadAll(centreApi.list, unitId, (c) => ({
              id: c.id,
              name: c.name,
              code: c.code,
              place: scope.unit.name,
            }))
          : [];
      if (kind === "village") {
        const villages = scope.unit.level === "village" ? [scope.unit] : scope.villages;
        return villages.map((v) => ({
          id: v.id,
          name: v.name,
          code: v.code,
          place: scope.commune?.name ?? "",
        }));
      }
      if (kind === "commune" && scope.commune)
        return [{ id: scope.commune.id, name: scope.commune.name, code: scope.commune.code, place: "" }];
      return [];
    };
    load().then(
      (list) => {
        if (live) setState({ list, error: null });
      },
      (err: unknown) => {
        if (live) setState({ list: [], error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [kind, scope, version, t]);
  return { kind, ...state };
}

/** Step 1: register the candidates not yet registered for the title and year. */
export function RegisterTab({ context }: { context: CycleContext }) {
  const t = useT();
  const { message } = App.useApp();
  const { kind, list, error } = useCandidates(context);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const compact = useCompact();

  const registered = useMemo(
    () => new Set(context.registrations.filter((r) => r.subject.kind === kind).map((r) => r.subject.id)),
    [context.registrations, kind],
  );
  const open = useMemo(() => (list ?? []).filter((c) => !registered.has(c.id)), [list, registered]);
  const can = canOn(context.scope, "unit");
  const canRegister = allows(can, "cycle.register");
  useEffect(() => setSelected((current) => current.filter((id) => open.some((c) => c.id === id))), [open]);

  const register = async () => {
    setBusy(true);
    try {
      const r = await cycleApi.register({
        year: context.year,
        title: context.title,
        subjects: selected.map((id) => ({ kind, id })),
      });
      void message.success(t("register.done", { created: r.created, skipped: r.skipped }));
      setSelected([]);
      context.changed();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const carryForward = async () => {
    setBusy(true);
    try {
      const r = await cycleApi.carryForward(context.scope.unit.id, {
        fromYear: context.year - 1,
        toYear: context.year,
        title: context.title,
      });
      void message.success({
        content: t("carry.done", {
          created: r.created,
          skipped: r.skipped,
          moved: r.archived.moved ?? 0,
          merged: r.archived.merged ?? 0,
          dissolved: r.archived.dissolved ?? 0,
        }),
        duration: 8,
      });
      context.changed();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (kind === "clan" && context.scope.unit.level !== "commune")
    return (
      <Alert type="info" showIcon title={t("register.clanAtCommune")} data-testid="register-commune-only" />
    );

  const columns: TableColumnsType<Candidate> = compact
    ? [
        {
          key: "name",
          title: t("cycle.subject"),
          render: (_, c) => (
            <Flex vertical>
              <span>{c.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[c.code, c.place].filter(Boolean).join(" · ")}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        ...(kind === "household" || kind === "organization" || kind === "village" || kind === "commune"
          ? [
              {
                key: "code",
                title: kind === "household" ? t("households.code") : t("registry.code"),
                render: (_: unknown, c: Candidate) => c.code ?? "",
              },
            ]
          : []),
        { key: "name", title: t("cycle.subject"), dataIndex: "name" },
        ...(kind === "household" || kind === "citizen"
          ? [{ key: "place", title: t("households.village"), dataIndex: "place" }]
          : kind === "organization"
            ? [{ key: "place", title: t("registry.place"), dataIndex: "place" }]
            : kind === "clan"
              ? [{ key: "place", title: t("clans.head"), dataIndex: "place" }]
              : []),
        ...(kind === "household" || kind === "clan"
          ? [
              {
                key: "members",
                title: kind === "household" ? t("households.members") : t("clans.households"),
                dataIndex: "members",
                align: "right" as const,
              },
            ]
          : []),
      ];

  return (
    <Flex vertical gap={12}>
      <Typography.Text>
        {t("register.help", { title: t(`title.${context.title}`), year: context.year })}{" "}
        <Typography.Text type="secondary">
          {t("register.already", { count: registered.size })}
        </Typography.Text>
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      <RoleNote action="cycle.register" can={can} unit={placed(context.scope, "unit")} />
      {canRegister && (
        <Flex wrap gap={8} align="flex-start">
          <WhyNot
            reason={selected.length === 0 && open.length > 0 ? t("why.register.noneSelected") : null}
            testId="why-register"
          >
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              loading={busy}
              onClick={() => void register()}
              data-testid="register-button"
            >
              {t("register.button", { count: selected.length })}
            </Button>
          </WhyNot>
          <Popconfirm
            title={t("carry.confirm", { year: context.year, from: context.year - 1 })}
            okText={t("carry.ok")}
            cancelText={t("common.cancel")}
            onConfirm={() => void carryForward()}
          >
            <Button icon={<HistoryOutlined />} loading={busy} data-testid="carry-forward">
              {t("carry.button")}
            </Button>
          </Popconfirm>
        </Flex>
      )}
      <div data-testid="register-table">
        <Table<Candidate>
          size="small"
          rowKey="id"
          loading={list === null}
          columns={columns}
          dataSource={open}
          rowSelection={
            canRegister
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }
              : undefined
          }
          pagination={open.length > 50 ? { pageSize: 50, showSizeChanger: false, size: "small" } : false}
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: t("register.none") }}
        />
      </div>
    </Flex>
  );
}
