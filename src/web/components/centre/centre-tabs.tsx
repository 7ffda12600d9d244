/**
 * The tabs of a learning centre's page, in order. A module adds its own tab (the year's plan against what was
 * done, attendance, …) with one line here: a key, the catalogue key of its label, and what it shows.
 */
import type { ReactNode } from "react";
import type { CentreHistory } from "../../../shared/centre-org";
import type { Centre } from "../../../shared/registry/kinds";
import type { MessageKey } from "../../i18n/messages";
import { CentreActivities } from "./CentreActivities";
import { CentreDecisions } from "./CentreDecisions";
import { CentreHistoryTab } from "./CentreHistoryTab";
import { CentreOverview } from "./CentreOverview";
import { CentrePlan } from "./CentrePlan";
import { CentreStaffTab } from "./CentreStaffTab";

export type CentreTabContext = {
  centre: Centre;
  history: CentreHistory;
  /** Whether the caller may record decisions and edit the staff (registry.edit on the centre's commune). */
  canEdit: boolean;
  /** Loads the centre and its history again (after a change). */
  reload: () => void;
};

export type CentreTab = { key: string; label: MessageKey; render: (context: CentreTabContext) => ReactNode };

export const centreTabs: CentreTab[] = [
  { key: "overview", label: "centre.tab.overview", render: (c) => <CentreOverview {...c} /> },
  { key: "decisions", label: "centre.tab.decisions", render: (c) => <CentreDecisions {...c} /> },
  { key: "staff", label: "centre.tab.staff", render: (c) => <CentreStaffTab {...c} /> },
  { key: "history", label: "centre.tab.history", render: (c) => <CentreHistoryTab {...c} /> },
  { key: "activities", label: "centre.tab.activities", render: (c) => <CentreActivities {...c} /> },
  { key: "plan", label: "centre.tab.plan", render: (c) => <CentrePlan centre={c.centre} /> },
];
