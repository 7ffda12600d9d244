/**
 * The unit a page works on: a commune (or any unit) chosen by search, then optionally one of its villages.
 * The current unit defaults to the user's first granted unit.
 */
import { Alert, Col, Form, Row, Select } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import type { Me, UnitDetail, UnitRef, UnitSummary } from "../../shared/api";
import type { Can } from "../../shared/capabilities";
import { api } from "../api/client";
import { errorText } from "../errors";
import { todayIso } from "../format";
import { useT } from "../i18n/messages";
import { UnitSelect } from "./UnitSelect";

export type UnitScope =
  | { status: "none" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | {
      status: "ready";
      unit: UnitDetail;
      /** The commune of the unit (itself when it is a commune); null above the commune level. */
      commune: UnitRef | null;
      /** The caller's permissions on that commune (a grant on one village may only read the village). */
      communeCan: Can;
      /** The villages of that commune in force today. */
      villages: UnitSummary[];
    };

const nothing: Can = {
  read: false,
  write: false,
  review: false,
  admin: false,
  association: false,
  association_read: false,
  fund: false,
  approve: false,
  attendance: false,
};

/** The id of the user's first granted unit, if any: the page opens on the user's own grant. */
export function defaultUnitId(me: Me): number | null {
  return me.grants.find((g) => g.unit)?.unit?.id ?? null;
}

/** Loads the unit, its commune and the commune's villages. */
export function useUnitScope(unitId: number | null): UnitScope {
  const t = useT();
  const [scope, setScope] = useState<UnitScope>({ status: unitId ? "loading" : "none" });
  useEffect(() => {
    if (!unitId) {
      setScope({ status: "none" });
      return;
    }
    let live = true;
    // A ready scope stays on screen until the next one is loaded, so that the pickers do not flicker.
    setScope((current) => (current.status === "ready" ? current : { status: "loading" }));
    (async () => {
      const unit = await api.unit(unitId);
      const commune: UnitRef | null =
        unit.level === "commune" ? unit : unit.level === "village" ? (unit.ancestors.at(-1) ?? null) : null;
      // The commune's villages in the caller's scope: all of them, or the granted ones for a village grant.
      const [children, communeCan] = await Promise.all([
        commune ? api.unitChildren(commune.id, todayIso()) : [],
        commune && commune.id !== unit.id ? api.unit(commune.id).then((c) => c.can) : unit.can,
      ]);
      const villages = children.filter((u) => u.level === "village" && !u.validTo);
      if (live)
        setScope({ status: "ready", unit, commune, communeCan: commune ? communeCan : nothing, villages });
    })().catch((err: unknown) => {
      if (live) setScope({ status: "error", message: errorText(err, t) });
    });
    return () => {
      live = false;
    };
  }, [unitId, t]);
  return scope;
}

type Props = {
  scope: UnitScope;
  value: number | null;
  onChange: (unitId: number | null) => void;
  /** Offer "whole commune" in the village list (else a village must be chosen). */
  allowCommune?: boolean;
  /** Show the village list (false for pages whose rows belong to the commune itself). */
  villages?: boolean;
  /** More filters (Form.Item in a Col) on the same row. */
  children?: ReactNode;
};

/** Unit search plus a village list of the chosen commune. */
export function UnitScopePicker({
  scope,
  value,
  onChange,
  allowCommune = true,
  villages = true,
  children,
}: Props) {
  const t = useT();
  const ready = scope.status === "ready" ? scope : null;
  const base = ready ? (ready.commune ?? ready.unit) : null;
  const villageOptions = ready?.commune
    ? [
        ...(allowCommune && ready.communeCan.read
          ? [{ value: ready.commune.id, label: t("scope.wholeCommune") }]
          : []),
        ...ready.villages.map((v) => ({ value: v.id, label: v.name })),
      ]
    : [];
  const wide = children ? 8 : 12;
  return (
    <Form layout="vertical" component={false}>
      <Row gutter={[12, 0]}>
        <Col xs={24} md={wide}>
          <Form.Item label={t("scope.unit")} htmlFor="scope-unit" style={{ marginBottom: 12 }}>
            <UnitSelect
              value={base?.id ?? value}
              known={base}
              onChange={onChange}
              allowClear={false}
              testId="scope-unit"
            />
          </Form.Item>
        </Col>
        {ready?.commune && villages && (
          <Col xs={24} md={wide}>
            <Form.Item label={t("scope.village")} htmlFor="scope-village" style={{ marginBottom: 12 }}>
              <Select<number>
                value={value ?? undefined}
                onChange={onChange}
                options={villageOptions}
                showSearch={{ optionFilterProp: "label" }}
                data-testid="scope-village"
                id="scope-village"
              />
            </Form.Item>
          </Col>
        )}
        {children}
      </Row>
      {scope.status === "error" && <Alert type="error" showIcon title={scope.message} />}
    </Form>
  );
}
