import { api } from "../api/client";
import { useT } from "../i18n/messages";
import { FileImport } from "./FileImport";

/** Upload of a village list (.xlsx/.csv) for a commune: check first (dry run), then import for real. */
export function VillageImport({ communeId, onDone }: { communeId: number; onDone: () => void }) {
  const t = useT();
  return (
    <FileImport
      title={t("import.title")}
      help={t("import.help")}
      templateUrl={api.villageTemplateUrl}
      upload={(file, dryRun) => api.importVillages(communeId, file, dryRun)}
      onDone={onDone}
      testId="village-import"
    />
  );
}
