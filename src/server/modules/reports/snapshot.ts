/**
 * The frozen form of a submitted report version: its text, every live figure and the query inputs as one JSON value
 * with its sha256, and the .docx made from it (stored, so that a later download returns the same bytes whatever the
 * data do). Also the differences between two versions (text by section, figures line by line). docs/REPORTS.md.
 */
import { createHash } from "node:crypto";
import type { ReportChange } from "../../../shared/report-submissions";
import type { BlockResult, ReportPreview, ReportSource } from "../../../shared/reports";
import { renderNd30Document } from "../../documents/nd30.docx";
import { type DocumentFields, reportDocument } from "./reports.document";
import type { ReportUnit } from "./reports.service";
import type { SnapshotFigures } from "./snapshot-figures";

export type ReportSnapshot = {
  /** What the figures were asked for: enough to compute them again. */
  inputs: {
    unitId: number;
    templateId: number;
    period: { from: string; to: string };
    narratives: Record<string, string>;
    document: DocumentFields;
    /** Absent before the choice existed (then the figures were live). */
    source?: ReportSource;
  };
  takenAt: string;
  unit: ReportUnit;
  preview: ReportPreview;
  /** The numbers behind the title figures (snapshot-figures.ts); absent in snapshots taken before it existed. */
  figures?: SnapshotFigures;
};

export function snapshotHash(snapshot: ReportSnapshot): { json: string; sha256: string } {
  const json = JSON.stringify(snapshot);
  return { json, sha256: createHash("sha256").update(json).digest("hex") };
}

export async function snapshotDocx(snapshot: ReportSnapshot): Promise<Buffer> {
  return renderNd30Document(reportDocument(snapshot.preview, snapshot.unit, snapshot.inputs.document));
}

/** A block as lines: its sentences, then its table rows ("Khu phố 2 | 4/6 | 66,67"), or why it failed. */
function blockLines(block: BlockResult): string[] {
  if (!block.ok) return [block.reason ?? ""];
  return [...block.sentences, ...(block.table?.rows.map((r) => r.cells.join(" | ")) ?? []), ...block.notes];
}

/**
 * What changed from one version (or its live redo) to the next: section texts, and block lines by position. Also
 * used between two refreshes of a draft's live blocks (refresh.service.ts).
 */
export function reportChanges(
  before: Pick<ReportPreview, "sections">,
  after: Pick<ReportPreview, "sections">,
): ReportChange[] {
  const changes: ReportChange[] = [];
  const old = new Map(before.sections.map((s) => [s.key, s]));
  for (const section of after.sections) {
    const previous = old.get(section.key);
    const where = { section: section.key, heading: section.heading };
    if ((previous?.narrative ?? "").trim() !== section.narrative.trim())
      changes.push({ ...where, kind: "text", before: previous?.narrative ?? "", after: section.narrative });
    section.blocks.forEach((block, b) => {
      const was = previous?.blocks.find((p, i) => p.id === block.id && i === b);
      const [a, z] = [was ? blockLines(was) : [], blockLines(block)];
      for (let i = 0; i < Math.max(a.length, z.length); i++)
        if (a[i] !== z[i]) changes.push({ ...where, kind: "figure", before: a[i] ?? "", after: z[i] ?? "" });
    });
  }
  return changes;
}
