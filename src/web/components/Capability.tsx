/**
 * Who may act here, on screen: the capability table (src/shared/capabilities.ts) applied to the unit a page works
 * on, a line naming the roles that do an action the user is not offered, and the reason of a disabled action
 * shown both in a tooltip and as a line of text (phones have no hover).
 */
import { Flex, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import type { Me, RoleName } from "../../shared/api";
import { type Action, allows, type Can, rolesFor } from "../../shared/capabilities";
import { useT } from "../i18n/messages";
import { useMe } from "../session";
import type { UnitScope } from "./UnitScope";

type ReadyScope = Extract<UnitScope, { status: "ready" }>;

/** A unit with the ids of the units above it, for telling which grants cover it. */
export type PlacedUnit = { name: string; ids: number[] };

/** The unit of the scope, or its commune, with the ids of the units above it. */
export function placed(scope: ReadyScope, which: "unit" | "commune"): PlacedUnit {
  const above = scope.unit.ancestors.map((a) => a.id);
  if (which === "unit" || !scope.commune || scope.commune.id === scope.unit.id)
    return { name: scope.unit.name, ids: [scope.unit.id, ...above] };
  const at = above.indexOf(scope.commune.id);
  return { name: scope.commune.name, ids: above.slice(0, at + 1) };
}

/** The roles of the user's grants that cover the unit: on it, on a unit above it, or nation-wide. */
export function rolesOn(me: Me, unit: PlacedUnit): RoleName[] {
  const roles = me.grants.filter((g) => g.unit === null || unit.ids.includes(g.unit.id)).map((g) => g.role);
  return [...new Set(roles)];
}

/** The caller's permissions on the scope's unit or on its commune. */
export function canOn(scope: ReadyScope, which: "unit" | "commune"): Can {
  return which === "commune" && scope.commune && scope.commune.id !== scope.unit.id
    ? scope.communeCan
    : scope.unit.can;
}

/**
 * When the user may not take `action` here: a line naming the roles that do it and the user's own roles on the
 * unit (nothing when the action is allowed).
 */
export function RoleNote({ action, can, unit }: { action: Action; can: Can; unit: PlacedUnit }) {
  const t = useT();
  const me = useMe();
  if (allows(can, action)) return null;
  const names = (roles: RoleName[]) => roles.map((r) => t(`role.${r}`)).join(", ");
  const mine = rolesOn(me, unit);
  return (
    <Typography.Text type="secondary" data-testid={`role-note-${action}`}>
      {t("can.notYours", {
        action: t(`can.action.${action}`),
        roles: names(rolesFor(action).filter((r) => r !== "system_admin")),
      })}{" "}
      {t("can.yourRoles", { unit: unit.name, roles: mine.length ? names(mine) : t("can.noRole") })}
    </Typography.Text>
  );
}

/** Roles that take an action, as text ("Phê duyệt, Quản trị đơn vị"). */
export function useRoleNames(): (action: Action) => string {
  const t = useT();
  return (action) =>
    rolesFor(action)
      .filter((r) => r !== "system_admin")
      .map((r) => t(`role.${r}`))
      .join(", ");
}

/**
 * An action that may be disabled: with a reason, the action is wrapped in a tooltip giving it and the reason is
 * also written under it (`testId` on that line).
 */
export function WhyNot({
  reason,
  testId,
  children,
}: {
  reason: string | null;
  testId: string;
  children: ReactNode;
}) {
  if (!reason) return <>{children}</>;
  return (
    <Flex vertical gap={4} align="flex-start">
      <Tooltip title={reason}>
        <span style={{ display: "inline-block" }}>{children}</span>
      </Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId}>
        {reason}
      </Typography.Text>
    </Flex>
  );
}
