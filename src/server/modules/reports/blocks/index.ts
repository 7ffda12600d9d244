/**
 * The live blocks, one home: each computes, for the report's unit and period, sentences and/or a table from the
 * statistics services (no counter of its own). A block that fails answers why ("Không tính được …") instead of
 * throwing, so the report still opens. docs/REPORTS.md lists them and their definitions.
 */
import { type BlockId, type BlockRef, type BlockResult, blockLabels } from "../../../../shared/reports";
import { AppError } from "../../../errors";
import type { BlockContext, BlockDefinition } from "./context";
import { domainBlocks } from "./domains";
import { titleBlocks } from "./titles";

export type { BlockContext, Period } from "./context";

export const blocks: ReadonlyMap<BlockId, BlockDefinition> = new Map(
  [...titleBlocks, ...domainBlocks].map((b) => [b.id, b]),
);

/** Why a block could not be computed, in Vietnamese: the service's own message, or a general one. */
function reasonOf(error: unknown, label: string): string {
  const why = error instanceof AppError ? error.message : "lỗi khi đọc số liệu thống kê";
  return `Không tính được "${label}": ${why}`;
}

/** Runs one block; never throws. */
export async function runBlock(
  ctx: BlockContext,
  ref: BlockRef,
  registry: ReadonlyMap<BlockId, BlockDefinition> = blocks,
): Promise<BlockResult> {
  const label = blockLabels[ref.id];
  const definition = registry.get(ref.id);
  try {
    if (!definition) throw new AppError("validation", "khối số liệu chưa được cài đặt");
    const out = await definition.compute(ctx, ref.params ?? {});
    return {
      id: ref.id,
      label,
      ok: true,
      sentences: out.sentences,
      table: out.table,
      notes: out.notes ?? [],
    };
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`report block ${ref.id}:`, error);
    return { id: ref.id, label, ok: false, reason: reasonOf(error, label), sentences: [], notes: [] };
  }
}
