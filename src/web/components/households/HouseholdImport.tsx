import { householdApi } from "../../api/households";
import { type MessageKey, useT } from "../../i18n/messages";
import { FileImport } from "../FileImport";

const columnKeys: Record<string, MessageKey> = {
  code: "households.code",
  village: "households.village",
  headName: "households.head",
  address: "households.address",
  members: "households.members",
  phone: "households.phone",
};

/** Household list import for a commune: template, dry run, report, real import. */
export function HouseholdImport({ communeId, onDone }: { communeId: number; onDone: () => void }) {
  const t = useT();
  return (
    <FileImport
      title={t("households.importTitle")}
      help={t("households.importHelp")}
      templateUrl={householdApi.templateUrl}
      upload={(file, dryRun) => householdApi.importFile(communeId, file, dryRun)}
      onDone={onDone}
      columnLabel={(key) => {
        const label = columnKeys[key];
        return label ? t(label) : key;
      }}
      testId="household-import"
    />
  );
}
