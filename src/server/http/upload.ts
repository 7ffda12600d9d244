import { AppError } from "../errors";

/** Reads the uploaded file of a multipart import request (field "file", at most 20 MB). */
export async function uploadedFile(request: { parseBody: () => Promise<Record<string, unknown>> }) {
  const form = await request.parseBody();
  const file = form.file;
  if (!(file instanceof File))
    throw new AppError("validation", "Chưa chọn tệp", { fields: { file: "Chưa chọn tệp" } });
  if (file.size > 20_000_000) throw new AppError("validation", "Tệp quá lớn (tối đa 20 MB)");
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}
