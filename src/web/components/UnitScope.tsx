/**
 * The unit a page works on: a commune (or any unit) chosen by search, then optionally one of its villages.
 * The current unit defaults to the user's first granted unit.
 */
import { Alert, Col, Form, Row, Select } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import type { Me, UnitDetail, UnitRef, UnitSummary } from "../../shared/api";
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
      /** The villages of that commune in force today. */
      villages: UnitSummary[];
    };

/** The id of the user's first granted unit, if any. */
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
      const children = commune ? await api.unitChildren(commune.id, todayIso()) : [];
      const villages = children.filter((u) => u.level === "village" && !u.validTo);
      if (live) setScope({ status: "ready", unit, commune, villages });
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
        ...(allowCommune ? [{ value: ready.commune.id, label: t("scope.wholeCommune") }] : []),
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
