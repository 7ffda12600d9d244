/**
 * Vietnamese text typed before Unicode, in the 8-bit font encodings TCVN3 (ABC, fonts ".VnTime", ".VnArial"…) and
 * VNI Windows (fonts "VNI-Times", "VNI-Helve"…). Excel stores such text as the Latin-1 characters of its bytes, so a
 * Unicode reader sees "tuyªn truyÒn" for "tuyên truyền" (TCVN3) or "Vieät Nam" for "Việt Nam" (VNI).
 *
 * This file: the two codecs, both ways, and the Vietnamese syllable check that tells a decoded word from mojibake.
 * Which text or column is in which encoding: legacy-detect.ts.
 */

export type LegacyEncoding = "tcvn3" | "vni";

// ---------------------------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993). The ABC fonts (VN3) hold the lower-case letters with tones and the seven upper-case letters
// Ă Â Ê Ô Ơ Ư Đ; upper case with tones is drawn by the ".Vn…H" fonts from the lower-case code points. Positions of
// 0xA0–0xFF that VN1 gives to upper-case letters with tones (0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0,
// 0xF0, 0xFF) are decoded too. 0xB0–0xB4 (VN1 combining tone marks) are left alone: in ABC files they are "°±²³´".
// Code points below 0xA0 (VN1 upper case in C0/0x80–0x9F) are not used by the ABC fonts and are left alone.
// ---------------------------------------------------------------------------------------------------------------

const TCVN3_A0_FF =
  // A0–AF
  "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ" +
  // B0–BF
  "\u00b0\u00b1\u00b2\u00b3\u00b4àảãáạẲằẳẵắẴ" +
  // C0–CF
  "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ" +
  // D0–DF
  "éẹềểễếệìỉỄẾỒĩíịò" +
  // E0–EF
  "Ổỏõóọồổỗốộờởỡớợù" +
  // F0–FF
  "ỖủũúụừửữứựỳỷỹýỵỐ";

const TCVN3_DECODE = new Map<string, string>();
for (let i = 0; i < TCVN3_A0_FF.length; i++) {
  const from = String.fromCharCode(0xa0 + i);
  const to = TCVN3_A0_FF[i]!;
  if (from !== to) TCVN3_DECODE.set(from, to);
}

/** TCVN3 letters that are symbols, not letters, in Latin-1 ("ª", "¸", "®", "§"…): telling inside a word. */
export const TCVN3_SYMBOLS = new Set(
  [...TCVN3_DECODE.keys()].filter((ch) => ch < "\u00c0" && ch !== "\u00a0"),
);

/** Decodes TCVN3 text read as Latin-1; `uppercase` for cells in a ".Vn…H" font, which draws every letter upper case. */
export function tcvn3ToUnicode(text: string, options: { uppercase?: boolean } = {}): string {
  let out = "";
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  out = out.normalize("NFC");
  return options.uppercase ? out.toUpperCase() : out;
}

// ---------------------------------------------------------------------------------------------------------------
// VNI Windows: a base letter followed by a mark character ("aø" = à, "aâ" = â, "aá" = ấ, "aê" = ă, "aé" = ắ); "ô" = ơ,
// "ö" = ư, "ñ" = đ; the i's with tones and ỵ are single characters ("í ì æ ó ò" = í ì ỉ ĩ ị, "î" = ỵ). Upper case uses
// the upper-case mark ("AØ" = À, "Ö" = Ư, "Ñ" = Đ), and every upper-case character is the Latin-1 upper case of the
// lower-case one.
// ---------------------------------------------------------------------------------------------------------------

/** Tone order used below: none, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot). */
const TONE_MARKS = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"] as const;
const VNI_PLAIN = ["", "ù", "ø", "û", "õ", "ï"];
const VNI_CIRCUMFLEX = ["â", "á", "à", "å", "ã", "ä"];
const VNI_BREVE = ["ê", "é", "è", "ú", "ü", "ë"];

/** Unicode letter → VNI spelling, lower case. */
function vniLowerTable(): [string, string][] {
  const rows: [string, string][] = [];
  const withTones = (unicodeBase: string, vniBase: string, marks: readonly string[]) => {
    TONE_MARKS.forEach((tone, t) => {
      rows.push([(unicodeBase + tone).normalize("NFC"), vniBase + marks[t]]);
    });
  };
  for (const v of ["a", "e", "o", "u"]) withTones(v, v, VNI_PLAIN);
  withTones("ơ", "ô", VNI_PLAIN);
  withTones("ư", "ö", VNI_PLAIN);
  withTones("â", "a", VNI_CIRCUMFLEX);
  withTones("ê", "e", VNI_CIRCUMFLEX);
  withTones("ô", "o", VNI_CIRCUMFLEX);
  withTones("ă", "a", VNI_BREVE);
  ["i", "í", "ì", "æ", "ó", "ò"].forEach((vni, t) => {
    rows.push([`i${TONE_MARKS[t]}`.normalize("NFC"), vni]);
  });
  ["y", "yù", "yø", "yû", "yõ", "î"].forEach((vni, t) => {
    rows.push([`y${TONE_MARKS[t]}`.normalize("NFC"), vni]);
  });
  rows.push(["đ", "ñ"]);
  return rows.filter(([unicode, vni]) => unicode !== vni);
}

const VNI_DECODE = new Map<string, string>();
for (const [unicode, vni] of vniLowerTable()) {
  VNI_DECODE.set(vni, unicode);
  VNI_DECODE.set(vni.toUpperCase(), unicode.toUpperCase());
  // Title case from Excel's PROPER() or typing: upper-case base letter, lower-case mark ("Aù" = Á).
  if (vni.length === 2) VNI_DECODE.set(vni[0]!.toUpperCase() + vni[1], unicode.toUpperCase());
}

/** Decodes VNI Windows text read as Latin-1. */
export function vniToUnicode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const pair = VNI_DECODE.get(text.slice(i, i + 2));
    if (pair !== undefined && i + 1 < text.length) {
      out += pair;
      i++;
      continue;
    }
    const ch = text[i]!;
    out += VNI_DECODE.get(ch) ?? ch;
  }
  return out.normalize("NFC");
}

/**
 * Unicode → TCVN3 as the ABC fonts write it (for tests and round trips): upper-case letters with tones take the
 * lower-case code, as in files where a ".Vn…H" font draws them upper case.
 */
export function unicodeToTcvn3(text: string): string {
  const encode = new Map<string, string>();
  for (const [legacy, unicode] of TCVN3_DECODE) {
    if (unicode === unicode.toLowerCase() || "ĂÂÊÔƠƯĐ".includes(unicode)) encode.set(unicode, legacy);
  }
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = encode.get(ch) ?? encode.get(ch.toLowerCase());
    out += code ?? ch;
  }
  return out;
}

/** Unicode → VNI Windows (for tests and round trips). */
export function unicodeToVni(text: string): string {
  const encode = new Map<string, string>();
  for (const [unicode, vni] of vniLowerTable()) {
    encode.set(unicode, vni);
    encode.set(unicode.toUpperCase(), vni.toUpperCase());
  }
  let out = "";
  for (const ch of text.normalize("NFC")) out += encode.get(ch) ?? ch;
  return out;
}

/** The legacy encoding a cell font implies: ".VnTime", ".VnArialH" → TCVN3 (H = all upper case); "VNI-Times" → VNI. */
export function legacyEncodingOfFont(
  fontName: string | undefined,
): { encoding: LegacyEncoding; uppercase: boolean } | null {
  const name = (fontName ?? "").trim();
  if (/^\.vn/i.test(name)) return { encoding: "tcvn3", uppercase: /h$/i.test(name) };
  if (/^vni[-\s]/i.test(name)) return { encoding: "vni", uppercase: false };
  return null;
}

export function decodeLegacy(text: string, encoding: LegacyEncoding): string {
  return encoding === "tcvn3" ? tcvn3ToUnicode(text) : vniToUnicode(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Vietnamese syllables: onset + vowel nucleus + final, one tone at most, placed on the vowel that carries it (old or
// new style: "hoà" and "hòa" both pass), a stop final (c, ch, p, t) only with sắc or nặng. Loose enough for every
// word of ordinary Vietnamese, tight enough that mojibake rarely passes.
// ---------------------------------------------------------------------------------------------------------------

const TONE_NAMES: Record<string, "acute" | "grave" | "hook" | "tilde" | "dot"> = {
  "\u0301": "acute",
  "\u0300": "grave",
  "\u0309": "hook",
  "\u0303": "tilde",
  "\u0323": "dot",
};
const ONSETS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", ..."bcdđghklmnprstvx", ""];
const words = (list: string) => new Set(list.split(" "));
/** Nuclei ending in a glide, and open diphthongs: no final consonant. */
const OPEN_NUCLEI = words(
  "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa uơ iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu",
);
/** Nuclei that need a final consonant ("oo" only in "xoong", "boong", "soóc"). */
const CLOSED_NUCLEI = words("ă â iê yê uô ươ uyê oă uâ oo");
const FREE_NUCLEI = words("a e ê i o ô ơ u ư y oa oe uê uy");
/** "ch" and "nh" follow only these nuclei. */
const PALATAL_NUCLEI = words("a ê i y oa uy uê");
const FINALS = ["ng", "nh", "ch", "c", "m", "n", "p", "t", "k"];
const STOP_FINALS = new Set(["c", "ch", "p", "t", "k"]);
const MODIFIED_VOWELS = "ăâêôơư";

function nucleusFits(nucleus: string, final: string): boolean {
  if (final === "") return OPEN_NUCLEI.has(nucleus) || FREE_NUCLEI.has(nucleus);
  if (!CLOSED_NUCLEI.has(nucleus) && !FREE_NUCLEI.has(nucleus)) return false;
  if ((final === "ch" || final === "nh") && !PALATAL_NUCLEI.has(nucleus)) return false;
  if (nucleus === "oo" && final !== "ng" && final !== "c") return false;
  // "k" only in names from the Central Highlands: Đắk Lắk, Krông Búk.
  if (final === "k" && !["ă", "u", "â", "ô"].includes(nucleus)) return false;
  return true;
}

/** Positions in the nucleus that may carry the tone mark. */
function tonePositions(nucleus: string, final: string): number[] {
  if (nucleus.length === 1) return [0];
  if (nucleus.startsWith("ươ")) return [1];
  const modified = [...nucleus].findIndex((ch) => MODIFIED_VOWELS.includes(ch));
  if (modified >= 0) return [modified];
  if (final !== "") return [nucleus.length - 1];
  if (nucleus.length === 3) return [1];
  return ["oa", "oe", "uy"].includes(nucleus) ? [0, 1] : [0];
}

/** Spelling rules that mojibake breaks: "gh", "ngh" only before e ê i; "c" never before e ê i y. */
function onsetFits(onset: string, nucleus: string): boolean {
  const front = /^[eêiy]/.test(nucleus);
  if (onset === "gh" || onset === "ngh") return front && !nucleus.startsWith("y");
  if (onset === "c") return !front;
  if (onset === "qu") return !nucleus.startsWith("u");
  return true;
}

/** Whether `word` is one Vietnamese syllable (any case). `toneRules` off for words typed without diacritics. */
export function isVietnameseSyllable(word: string, toneRules = true): boolean {
  let tone: string | null = null;
  let toneAt = -1;
  let letters = 0;
  let base = "";
  for (const ch of word.normalize("NFD").toLowerCase()) {
    const name = TONE_NAMES[ch];
    if (name !== undefined) {
      if (tone !== null) return false;
      tone = name;
      toneAt = letters - 1;
      continue;
    }
    if (!/\p{M}/u.test(ch)) letters++;
    base += ch;
  }
  base = base.normalize("NFC");
  if (!/^[a-zđăâêôơư]+$/.test(base) || base.length !== letters) return false;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    const rest = base.slice(onset.length);
    for (const final of [...FINALS, ""]) {
      if (!rest.endsWith(final)) continue;
      const nucleus = rest.slice(0, rest.length - final.length);
      if (nucleus === "" || !nucleusFits(nucleus, final) || !onsetFits(onset, nucleus)) continue;
      if (toneRules && STOP_FINALS.has(final) && tone !== "acute" && tone !== "dot") continue;
      if (tone !== null && !tonePositions(nucleus, final).includes(toneAt - onset.length)) continue;
      return true;
    }
  }
  return false;
}

/**
 * Frequent syllables of registry text, names and addresses: a word that is a syllable both as read and decoded
 * ("cã" / "có", "Thò" / "Thị") leans towards the reading that is a common word.
 */
const COMMON_SYLLABLES = new Set(
  `a ai an án anh ảnh ánh ao áp ăn ấm ấp âu ấy ba bà bác bách bài bãi ban bàn bản bán bạn bảng bao bảo bão
báo bay bảy bắc bằng bắt bậc bẩn bật bè bé bên bến bệnh bếp bí bị bích biên biển biến biết biệt biểu
binh bình bỏ bổ bố bộ bồi bốn bổng bơi bởi bùi buổi buôn buồn bút bước bưởi bưu cả cá các cách cam cán
càng cảnh cạnh cao cáo căn cầm cẩm cần cận cấp cập câu cầu cậu cây cấy cha cháu chạy chăm chắt chặt chấm
chậm chấp chất châu chẽ chế chi chỉ chí chị chiếm chiến chiều chín chính cho chọn chóng chồng chống chợ
chơi chu chủ chú chùa chuẩn chung chúng chuyên chuyển chữ chứ chưa chữa chức chứng chương có con còn cô
cổ cố côi công cộng cốt cơ cũ cụ của cúc cụm cùng củng cũng cuộc cuối cuốn cư cử cứ cửa cực cước cường
cứu cựu dài dạng danh dao dạy dân dần dẫn dâu dậu dễ dì dịch diễm diện diệp dịp do doanh dọn dòng dù dục
dung dùng dũng dụng duy duyệt dư dự dựng dưới dương dưỡng dượng đa đã đài đại đàm đang đảng đánh đào đảo
đạo đáp đạp đạt đặc đăng đẳng đặng đất đâu đầu đấu đây đầy đẩy đem đen đẹp đề để đêm đền đến đều đi địa
đích điểm điển điện điệp điều đinh đình định đò đỏ đó đoan đoàn đoạn đọc đóng đô đỗ độ đốc đôi đổi đối
đội đôn đông đồng động đỡ đời đơn đủ đua đúng đưa đức đứng được đương đường em gắn gặt gấm gần ghép ghế
ghi gì gia già giá giai giải giảm giám gian giang giảng giao giáo giàu giặt giây giấy giếng gió giỏi giờ
giới giúp giữ giữa góp gửi gương hà hạ hai hải hái hán hạn hàng hành hạnh hảo hay hẳn hằng hân hậu hẻm
hẹp hệ hết hiên hiền hiển hiện hiệp hiểu hiếu hiệu hình họ hoa hoà hoá hòa hóa họa hoạch hoài hoan hoàn
hoàng hoạt hoặc học hòe hồ hỗ hộ hội hôm hôn hồng hơi hợi hơn hợp huân huấn huệ hùng hút huy huyền huyện
huyết huynh huỳnh hứa hưng hương hưởng hướng hưu hữu ít kém kéo kế kết kha khả khá khác khai khải khám
khang khánh khảo khắc khăn khẩu khen khê khi khích khiêm khó khoa khóa khoảng khoẻ khỏe khóm khôi khơi khối
không khu khúc khuê khuyến khuyết kia kiểm kiên kiến kiện kiệt kiều kim kinh kịp kỳ kỷ kỹ ký la là lạc
lãi lại lam làm lan làng lành lãnh lạnh lao lão lau lăm lắm lâm lần lập lấy lê lễ lệ lên lịch liên liệt
liệu linh lò loại loan long lòng lỗ lộ lộc lồng lợi lớn lớp lũ lụa luân luận luật lúc lục luôn lụt lực
lưới lương lường lượng lượt lưu ly lý mà má mạc mai mang mạng mạnh mão mạo mát máy mắc mặt mầm mẫn mận
mây mấy mẹ mến miễn miếu minh mình mọi mô mồ môi mỗi môn mông mốt một mở mợ mới mù mua mục muộn mưa mức
mực mươi mười mường mưu my mỹ nam nào nay này năm nằm nắm năng nắng nặng nâng nâu nấu nét nên nếp nết
nếu nga ngách ngàn ngành ngày ngắn ngân nghe nghèo nghề nghệ nghỉ nghị nghĩa nghiêm nghiệm nghiệp nghìn
ngõ ngoài ngoại ngọc ngô ngồi ngủ ngũ nguồn nguyên nguyễn nguyệt ngữ người nhà nhạc nhàn nhanh nhằm nhân
nhận nhập nhất nhật nhé nhẹ nhi nhỉ nhiệm nhiêu nhiều nhìn nhỏ nhu nhung như nhưng những niệm niên ninh
nó nói non nòng nóng nội nông nợ nụ núi nùng nuôi nữ nữa nước nương oanh ô ông ở phà phải phạm phan pháp
phát phạt phẩm phân phần phấn phận phật phê phí phó phong phòng phổ phố phối phù phủ phú phụ phúc phục
phùng phụng phút phương phường phượng qua quà quả quá quách quan quản quán quang quảng quân quận quét
quế quốc quy quỹ quyên quyền quyết quỳnh ra rà rất rẫy rể rõ rồi rộng ruộng rút rửa rừng sách sạch sai
sản sang sáng sao sát sau sáu sắc sân sâu sẽ sen sĩ sinh so soát sóc song số sông sống sơ sở sớm sơn
suất sung suốt sử sự sửa sức sương sửu sỹ ta tạ tác tài tái tại tám tạm tạo tàu tay tày tăng tặng tắt
tâm tân tầng tập tất tật tây tế tên thác thạc thái tham tháng thanh thành thảo thắm thắng thân thần thấp
thật thầy thấy theo thể thế thi thì thí thị thiêm thiện thiết thiếu thiệu thím thìn thịnh thọ thoa thôn
thông thống thơ thờ thời thu thủ thuận thuật thục thuê thuế thuốc thuộc thuỳ thuỷ thuý thuỵ thùy thủy
thúy thụy thuyền thư thứ thừa thức thực thước thương thường thưởng thượng tỉ tích tịch tiêm tiên tiền
tiến tiếp tiệp tiêu tiểu tím tin tín tinh tình tỉnh tính tịnh to tọa toại toàn toản toán tô tổ tộc tôi
tối tôn tổng tốt tới tra trà trả trách trại trạm trang trao trào trăm trắng trâm trân trần trấn trận trẻ
trên trì trí trị triển triệt triều triệu trinh trình trịnh trò trong trọng trồng trở trợ trời trú trúc
trung truy truyền trưa trực trước trương trường trưởng tu tủ tú tuần tuấn tuất túc tục tuệ tùng tuổi tuy
tuyên tuyền tuyến tuyết tư từ tử tự tức từng tương tường tưởng tướng tượng tỷ tý ủng uống út uỷ ủy uyên
uyển ứng ước ương ưu và vai vàng vào vay văn vắng vân vẫn vấn vận vật vậy về vệ vi vì vị việc viên viện
viết việt vinh vĩnh võ vốn vở vợ với vũ vụ vui vừa vực vững vườn vương vượng vượt vy vỹ xa xã xám xanh
xấu xây xe xếp xoá xóa xóm xuân xuất xuống xuyên xuyến xử xưa y ý yên yến yêu yếu`.split(/\s+/),
);

/** A syllable common enough to tip a word that reads well every way (detection, legacy-detect.ts). */
export const isCommonSyllable = (word: string) => COMMON_SYLLABLES.has(word.toLowerCase());
