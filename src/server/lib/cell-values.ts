/**
 * Tolerant readers for the cells officers type into their registries. Each returns `{ ok: true, value }` or
 * `{ ok: false, message }` with a Vietnamese message that names the cell's text and says what is expected.
 *
 * Numbers follow Vietnamese writing: "." separates thousands and "," is the decimal mark ("1.234.567", "1,5").
 * A comma is read as a thousands separator only where it cannot be a decimal mark: several comma groups of three
 * digits ("1,234,567"). A single "1,234" is refused as ambiguous (one thousand two hundred thirty-four, or one point
 * two three four?). Spaces (also non-breaking ones) may group thousands: "1 234 567".
 */

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** Trims, folds every kind of space to " ", and composes accents (NFC). */
function clean(value: string): string {
  return value
    .normalize("NFC")
    .replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, " ")
    .trim();
}

// -----------------------------------------------------------------------------------------------------------------
// Dates
// -----------------------------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (month: number, year: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function checkedDate(day: number, month: number, year: number, shown: string): CellResult<string> {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail(`Năm ${year} trong “${shown}” nằm ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}`);
  if (month < 1 || month > 12)
    return fail(
      `Tháng ${month} trong “${shown}” không hợp lệ: tháng phải từ 1 đến 12 (ngày viết theo thứ tự ngày/tháng/năm)`,
    );
  if (day < 1 || day > daysIn(month, year))
    return fail(
      `Ngày ${pad(day)}/${pad(month)}/${year} không có thật: tháng ${month} năm ${year} chỉ có ${daysIn(month, year)} ngày`,
    );
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

/** Excel counts days from 1899-12-30 (its serial 60 is the 29 February 1900 that never was). */
function fromExcelSerial(serial: number, shown: string): CellResult<string> {
  const days = Math.floor(serial);
  if (days === 60) return fail(`Số ngày Excel ${shown} ứng với ngày 29/02/1900 không có thật`);
  const epoch = Date.UTC(1899, 11, days < 60 ? 31 : 30);
  const date = new Date(epoch + days * 86_400_000);
  return checkedDate(date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear(), shown);
}

/**
 * A date as ISO "YYYY-MM-DD". Accepts day first ("05/01/2026", "5/1/2026", "05-01-2026", "05.01.2026"), ISO
 * ("2026-01-05", also with a time after it, as a Date's `toISOString()` gives), "ngày 5 tháng 1 năm 2026", and Excel
 * serial numbers ("45662",
 * "45662.5" with a time of day). Years need four digits. A bare 4-digit number between 1800 and 2200 is refused as
 * a year rather than read as a serial.
 */
export function parseVietnameseDate(value: string): CellResult<string> {
  const text = clean(value);
  if (text === "") return fail("Chưa có ngày: cần một ngày dạng dd/mm/yyyy, ví dụ 05/01/2026");
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(text);
  if (dayFirst) {
    const [, d, m, y] = dayFirst;
    if (y!.length !== 4)
      return fail(`Năm trong “${text}” phải có đủ 4 chữ số, ví dụ ${pad(Number(d))}/${pad(Number(m))}/2026`);
    return checkedDate(Number(d), Number(m), Number(y), text);
  }
  const spelled = /^ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$/i.exec(text);
  if (spelled) return checkedDate(Number(spelled[1]), Number(spelled[2]), Number(spelled[3]), text);
  const iso =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (iso) return checkedDate(Number(iso[3]), Number(iso[2]), Number(iso[1]), text);
  if (/^\d+(?:[.,]\d+)?$/.test(text)) {
    const serial = Number(text.replace(",", "."));
    if (/^\d{4}$/.test(text) && serial >= 1800 && serial <= 2200)
      return fail(
        `“${text}” trông như một năm, chưa phải ngày: hãy ghi đủ ngày/tháng/năm, ví dụ 05/01/${text}`,
      );
    if (serial >= 1) return fromExcelSerial(serial, text);
  }
  return fail(`“${text}” không phải ngày: hãy ghi dạng ngày/tháng/năm, ví dụ 05/01/2026`);
}

// -----------------------------------------------------------------------------------------------------------------
// Yes / no
// -----------------------------------------------------------------------------------------------------------------

const YES = new Set([
  "x",
  "có",
  "co",
  "đạt",
  "dat",
  "yes",
  "y",
  "1",
  "✓",
  "✔",
  "true",
  "rồi",
  "roi",
  "đã",
  "da",
]);
const NO = new Set([
  "",
  "không",
  "khong",
  "ko",
  "k",
  "0",
  "chưa",
  "chua",
  "no",
  "n",
  "false",
  "không đạt",
  "khong dat",
  "chưa đạt",
  "chua dat",
  "-",
]);

/**
 * A tick box. Yes: "x", "có", "đạt", "rồi", "đã", "✓", "✔", "1", "yes", "y", "true" (and "co", "dat", "roi", "da"
 * typed without accents). No: an empty cell, "không", "ko", "k", "chưa", "không đạt", "chưa đạt", "0", "-", "no",
 * "n", "false" (and "khong", "chua", "khong dat", "chua dat"). Case and extra spaces do not matter.
 */
export function parseYesNo(value: string): CellResult<boolean> {
  const text = clean(value).toLowerCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail(
    `“${clean(value)}” không rõ là có hay không: ghi “x”, “có”, “đạt” hoặc “1” cho Có; để trống, “không”, “chưa” hoặc “0” cho Không`,
  );
}

// -----------------------------------------------------------------------------------------------------------------
// Numbers
// -----------------------------------------------------------------------------------------------------------------

type Decimal = { negative: boolean; whole: string; fraction: string };

/**
 * Reads a number written the Vietnamese way into its digits, or explains why not. `unitFollows`: a "." followed by
 * other than three digits ("1.5 triệu") is then a decimal mark, as people write amounts with a unit.
 */
function readDecimal(text: string, unitFollows = false): Decimal | string {
  const match = /^([+\-−]?)\s*([\d.,\s]+)$/.exec(text);
  if (!match) return `“${text}” không phải là số`;
  const negative = match[1] === "-" || match[1] === "−";
  const body = match[2]!.replace(/\s+/g, " ").trim();
  if (!/^\d/.test(body) || !/\d$/.test(body)) return `“${text}” không phải là số`;
  const groupsOk = (parts: string[]) =>
    parts.slice(1).every((p) => /^\d{3}$/.test(p)) && /^\d{1,3}$/.test(parts[0]!);
  const spaced = body.split(" ");
  const joined = spaced.length > 1 ? (groupsOk(spaced) ? spaced.join("") : null) : body;
  if (joined === null)
    return `“${text}” có khoảng trắng không đúng chỗ ngăn cách hàng nghìn (ví dụ 1 234 567)`;
  const commas = joined.split(",");
  const dots = joined.split(".");
  if (commas.length > 2) {
    // "1,234,567": commas can only be thousands separators.
    if (dots.length > 2 || !groupsOk(commas.map((p) => p.split(".")[0]!)))
      return `“${text}” không phải là số viết đúng cách`;
    const [last, fraction = ""] = commas[commas.length - 1]!.split(".");
    return { negative, whole: [...commas.slice(0, -1), last].join(""), fraction };
  }
  const [beforeComma, afterComma] = commas as [string, string | undefined];
  const groups = beforeComma.split(".");
  if (groups.length > 1 && !groupsOk(groups)) {
    if (unitFollows && groups.length === 2 && afterComma === undefined)
      return { negative, whole: groups[0]!, fraction: groups[1]! };
    return `“${text}” không rõ nghĩa: dấu chấm chỉ dùng để ngăn cách hàng nghìn (ví dụ 1.500), phần thập phân sau dấu phẩy (ví dụ 1,5)`;
  }
  if (afterComma !== undefined && !/^\d+$/.test(afterComma))
    return `“${text}” không phải là số viết đúng cách`;
  if (afterComma !== undefined && groups.length === 1 && afterComma.length === 3 && !unitFollows)
    return `“${text}” không rõ nghĩa: dấu phẩy là dấu thập phân; nếu là số nguyên hãy ghi ${beforeComma}${afterComma} hoặc ${beforeComma}.${afterComma}`;
  return { negative, whole: groups.join(""), fraction: afterComma ?? "" };
}

function formatVi(n: number): string {
  return n.toLocaleString("vi-VN");
}

const PLAIN_DIGITS = /^\d{1,15}$/;

/**
 * An integer: "1234", "1.234.567", "1 234", "1,234,567", "-5", and "12,00" (a zero decimal part). A decimal
 * ("1,5", "1.234,5") is refused as not a whole number; "1.5" and "1,234" are refused as ambiguous.
 */
export function parseInteger(
  value: string,
  options: { min?: number; max?: number } = {},
): CellResult<number> {
  // The usual cell, digits only, is read at once: a self-assessment file has hundreds of thousands of scores, and
  // normalising and splitting each was most of the time spent reading the file.
  const plain = PLAIN_DIGITS.test(value);
  const text = plain ? value : clean(value);
  if (text === "") return fail("Chưa có số");
  let n: number;
  if (plain) n = Number(text);
  else {
    const read = readDecimal(text);
    if (typeof read === "string") return fail(read);
    if (/[1-9]/.test(read.fraction)) return fail(`“${text}” là số thập phân, ở đây cần số nguyên`);
    n = Number(read.whole) * (read.negative ? -1 : 1);
  }
  if (!Number.isSafeInteger(n)) return fail(`“${text}” quá lớn`);
  if (options.min !== undefined && n < options.min)
    return fail(`${formatVi(n)} nhỏ hơn mức thấp nhất cho phép là ${formatVi(options.min)}`);
  if (options.max !== undefined && n > options.max)
    return fail(`${formatVi(n)} lớn hơn mức cao nhất cho phép là ${formatVi(options.max)}`);
  return ok(Object.is(n, -0) ? 0 : n);
}

const UNITS: [RegExp, number][] = [
  [/^(tỷ|tỉ)$/, 1_000_000_000],
  [/^(triệu|tr)$/, 1_000_000],
  [/^(nghìn|ngàn|k)$/, 1_000],
];

/**
 * An amount in whole đồng: "1.500.000", "1.500.000đ", "1.500.000 VNĐ", "1 500 000 đồng", "1,5 triệu", "1.5tr",
 * "500k", "500 nghìn", "2 tỷ". The currency ("đ", "₫", "đồng", "VNĐ", "VND", "dong") may come before or after.
 * A unit (tỷ/tỉ, triệu/tr, nghìn/ngàn/k) multiplies a decimal amount, in which "." before other than three digits is
 * also read as the decimal mark ("1.5tr" = 1.500.000); the result must be whole đồng. Negative amounts are refused.
 * Mixed forms such as "2 triệu 500" or "2tr5" are refused: write 2.500.000.
 */
export function parseMoneyDong(value: string): CellResult<number> {
  const text = clean(value);
  if (text === "") return fail("Chưa có số tiền");
  let rest = text.toLowerCase();
  const currency = /^(?:vnđ|vnd|đồng|dong|đ|₫)\s*|\s*(?:vnđ|vnd|đồng|dong|đ|₫)\.?$/;
  rest = rest.replace(currency, "").trim();
  let multiplier = 1;
  const unit = /^(.*?\d)\s*(\p{L}+)$/u.exec(rest);
  if (unit) {
    const found = UNITS.find(([pattern]) => pattern.test(unit[2]!));
    if (!found)
      return fail(
        `“${text}” có đơn vị “${unit[2]}” không hiểu được: ghi số đồng (ví dụ 1.500.000 đ) hoặc dùng nghìn, triệu, tỷ`,
      );
    multiplier = found[1];
    rest = unit[1]!.trim();
  }
  const read = readDecimal(rest, multiplier > 1);
  if (typeof read === "string") return fail(read.replace(`“${rest}”`, `“${text}”`));
  if (read.negative) return fail(`Số tiền “${text}” không được âm`);
  const fraction = read.fraction.replace(/0+$/, "");
  const scale = 10 ** fraction.length;
  const amount = (Number(read.whole) * scale + Number(fraction || "0")) * multiplier;
  if (amount % scale !== 0)
    return fail(
      multiplier > 1
        ? `“${text}” không ra số đồng tròn`
        : `“${text}” có phần lẻ: số tiền tính bằng đồng, không có số thập phân`,
    );
  const dong = amount / scale;
  if (!Number.isSafeInteger(dong)) return fail(`Số tiền “${text}” quá lớn`);
  return ok(dong);
}
