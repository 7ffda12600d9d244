/**
 * The zip container of an .xlsx, opened with limits before anything is inflated: the number of entries and every
 * entry's declared size are checked from the central directory, and each part that is read is inflated as a stream
 * whose bytes are counted, the read aborted as soon as a limit is passed. yauzl also checks that an entry inflates
 * to exactly the size its header declares (`validateEntrySizes`), so a header that lies is caught there.
 */
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { AppError } from "../errors";
import { zipLimits } from "./sheet-limits";

export const brokenWorkbook =
  "Tệp Excel bị hỏng hoặc không phải tệp .xlsx: mở bằng Excel rồi Lưu thành “Sổ làm việc Excel (*.xlsx)”";

const megabytes = (bytes: number) => `${Math.round(bytes / 1_000_000).toLocaleString("vi-VN")} MB`;

export function tooLarge(what: string, limit: number): AppError {
  return new AppError(
    "validation",
    `Tệp Excel quá lớn khi giải nén (${what} vượt ${megabytes(limit)}): chia danh sách thành nhiều tệp nhỏ hơn`,
    { fields: { file: "Tệp quá lớn khi giải nén" } },
  );
}

export type WorkbookZip = {
  /** The entry names, without a leading "/". */
  names: string[];
  /** The inflated bytes of a part, chunk by chunk; throws once more than `maxBytes` come out. */
  read: (name: string, maxBytes: number) => AsyncGenerator<Buffer>;
};

export async function openWorkbookZip(bytes: Uint8Array): Promise<WorkbookZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
      decodeStrings: true,
    });
  } catch {
    throw new AppError("validation", brokenWorkbook);
  }
  if (zip.entryCount > zipLimits.maxEntries)
    throw new AppError(
      "validation",
      `Tệp Excel có ${zip.entryCount.toLocaleString("vi-VN")} phần bên trong, quá giới hạn ${zipLimits.maxEntries.toLocaleString("vi-VN")}: đây không phải một danh sách bình thường`,
    );
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      if (declared > zipLimits.maxDeclaredBytes) {
        reject(tooLarge("tổng dung lượng các phần", zipLimits.maxDeclaredBytes));
        return;
      }
      entries.set(entry.fileName.replace(/^\/+/, ""), entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", () => reject(new AppError("validation", brokenWorkbook)));
    zip.readEntry();
  });

  let readSoFar = 0;
  async function* read(name: string, maxBytes: number): AsyncGenerator<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw new AppError("validation", brokenWorkbook);
    if (entry.isEncrypted() || !entry.canDecodeFileData())
      throw new AppError(
        "validation",
        "Tệp Excel được mã hóa hoặc nén theo cách chưa đọc được: lưu lại bằng Excel, không đặt mật khẩu",
      );
    if (entry.uncompressedSize > maxBytes) throw tooLarge(name, maxBytes);
    let stream: Readable;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch {
      throw new AppError("validation", brokenWorkbook);
    }
    let count = 0;
    try {
      for await (const chunk of stream) {
        count += (chunk as Buffer).length;
        readSoFar += (chunk as Buffer).length;
        if (count > maxBytes) throw tooLarge(name, maxBytes);
        if (readSoFar > zipLimits.maxReadBytes)
          throw tooLarge("tổng dung lượng đã đọc", zipLimits.maxReadBytes);
        yield chunk as Buffer;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("validation", brokenWorkbook); // bad deflate data, a size that lies, a wrong CRC
    } finally {
      stream.destroy();
    }
  }
  return { names: [...entries.keys()], read };
}
