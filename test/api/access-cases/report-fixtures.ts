/** Saved reports of the TP.HCM ward to aim the report routes at: a draft, or a submitted version, for one year. */
import type { CaseContext } from "./types";

export async function wardReports({ hcm, ward }: Pick<CaseContext, "hcm" | "ward">) {
  const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
  const templateId = templates.find((x) => x.code === "xa-nam" && x.current).id;
  const draft = async (year: number) =>
    (
      await hcm.post(`/api/v1/units/${ward}/reports`, {
        templateId,
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
      })
    ).body.report;
  const submitted = async (year: number) => {
    const report = await draft(year);
    for (const s of report.sections)
      await hcm.patch(`/api/v1/reports/${report.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    await hcm.post(`/api/v1/reports/${report.id}/submit`, {});
    return report;
  };
  return { templateId, draft, submitted };
}
