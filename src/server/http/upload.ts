import { AppError } from "../errors";
import { firstForbidden } from "../lib/cell-text";
import { MAX_FILE_BYTES } from "../lib/sheet-limits";

const noFile = () => new AppError("validation", "Chưa chọn tệp", { fields: { file: "Chưa chọn tệp" } });

/**
 * The name of an uploaded file as the audit log and the reports may show it: no folders (some browsers send a
 * full Windows path), no control or invisible characters, at most 200 characters.
 */
export function uploadedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  let kept = base.normalize("NFC");
  for (let at = firstForbidden(kept); at >= 0; at = firstForbidden(kept))
    kept = kept.slice(0, at) + kept.slice(at + 1);
  const cleaned = kept.trim().slice(0, 200);
  return cleaned || "tep-nhap";
}

/**
 * Reads the uploaded file of a multipart import request (field "file", at most `maxBytes`, 20 MB by default). A
 * body that is no form, or has no file, is a 422 with a Vietnamese message, never a 500. (The size of the whole
 * request is limited earlier, by the app's body limit.)
 */
export async function uploadedFile(
  request: { parseBody: () => Promise<Record<string, unknown>> },
  options: { maxBytes?: number } = {},
) {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let form: Record<string, unknown>;
  try {
    form = await request.parseBody();
  } catch {
    throw new AppError("validation", "Không đọc được tệp gửi lên: chọn lại tệp rồi gửi lại", {
      fields: { file: "Không đọc được tệp" },
    });
  }
  const file = Array.isArray(form.file) ? form.file[0] : form.file;
  if (!(file instanceof File)) throw noFile();
  if (file.size === 0)
    throw new AppError("validation", "Tệp rỗng: chọn tệp danh sách đã điền", {
      fields: { file: "Tệp rỗng" },
    });
  if (file.size > maxBytes)
    throw new AppError(
      "validation",
      `Tệp quá lớn (tối đa ${maxBytes / 1_000_000} MB): chia danh sách thành nhiều tệp`,
      {
        fields: { file: `Tệp quá lớn (tối đa ${maxBytes / 1_000_000} MB)` },
      },
    );
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: uploadedFileName(file.name) };
}
