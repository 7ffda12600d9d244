import { describe, expect, it } from "vitest";
import { columnToUnicode, detectColumnEncoding, detectLegacyEncoding, toUnicode } from "./legacy-detect";
import {
  isVietnameseSyllable,
  legacyEncodingOfFont,
  tcvn3ToUnicode,
  unicodeToTcvn3,
  unicodeToVni,
  vniToUnicode,
} from "./legacy-vietnamese";

/** The 67 lower-case Vietnamese letters, then the 7 upper-case letters TCVN3 (ABC) holds. */
const LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ" + "ĂÂÊÔƠƯĐ";
/** The same letters in TCVN3, as glibc's `iconv -t TCVN5712-1` writes them, read back as Latin-1. */
const LETTERS_TCVN3 =
  "\xb5\xb8\xb6\xb7\xb9\xa8\xbb\xbe\xbc\xbd\xc6\xa9\xc7\xca\xc8\xc9\xcb\xae\xcc\xd0\xce\xcf\xd1\xaa\xd2\xd5\xd3\xd4" +
  "\xd6\xd7\xdd\xd8\xdc\xde\xdf\xe3\xe1\xe2\xe4\xab\xe5\xe8\xe6\xe7\xe9\xac\xea\xed\xeb\xec\xee\xef\xf3\xf1\xf2\xf4" +
  "\xad\xf5\xf8\xf6\xf7\xf9\xfa\xfd\xfb\xfc\xfe\xa1\xa2\xa3\xa4\xa5\xa6\xa7";

/** VNI Windows, written out by hand: a, á, à, ả, ã, ạ, â… in the order of VNI_ORDER. */
const VNI_ORDER = "aáàảãạâấầẩẫậăắằẳẵặeéèẻẽẹêếềểễệoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựiíìỉĩịyýỳỷỹỵđ";
const VNI_LOWER = [
  ..."a aù aø aû aõ aï aâ aá aà aå aã aä aê aé aè aú aü aë".split(" "),
  ..."e eù eø eû eõ eï eâ eá eà eå eã eä".split(" "),
  ..."o où oø oû oõ oï oâ oá oà oå oã oä ô ôù ôø ôû ôõ ôï".split(" "),
  ..."u uù uø uû uõ uï ö öù öø öû öõ öï".split(" "),
  ..."i í ì æ ó ò y yù yø yû yõ î ñ".split(" "),
];

/** Unicode names and addresses, many of them in Latin-1 letters only ("Lê Hà", "Tân Phú", "Võ Thành Tâm"). */
const UNICODE_NAMES = [
  "Nguyễn Thị Hồng Nhung",
  "Tổ dân phố số 3",
  "Phường Tây Hồ",
  "Đặng Văn Lâm",
  "Trần Quốc Toản",
  "Ấp Bình Hòa",
  "Xã Ea Kao",
  "Võ Thị Sáu",
  "Lò Văn Páo",
  "Hoàng Thị Mai",
  "Lê Thanh Tâm",
  "Đinh Công Tráng",
  "Bùi Thị Xuân",
  "Tôn Đức Thắng",
  "Phạm Ngọc Thạch",
  "Huỳnh Tấn Phát",
  "Thôn Tân Lập",
  "Xóm Bãi",
  "Bản Phiêng Pằn",
  "Buôn Ma Thuột",
  "Số 12 ngõ 34 phố Hàng Bông",
  "Khu phố 5, phường Tân Phú",
  "Tổ 7, khóm Châu Long",
  "Ấp Mỹ Hòa, xã Tân Hòa",
  "Thị trấn Đông Anh",
  "Huyện Cần Giờ",
  "Tân Phú",
  "Lê Hà",
  "Võ Thành Tâm",
  "Hà Tiên",
  "Cà Mau",
  "Tây Ninh",
  "Phú Yên",
  "Châu Thành",
  "Thái Hà",
  "Trà Vinh",
  "Lào Cai",
  "Yên Bái",
  "Bà Rịa",
  "Hàm Tân",
  "Cái Bè",
  "Vân Hà",
  "Lê Văn Tám",
  "Phan Thanh Tú",
  "Hồ Thị Kim Chi",
  "Đắk Lắk",
  "Krông Búk",
  "Lê Thị Bé",
  "Lý Thái Tổ",
  "Tạ Thị Thu Hà",
  "Cô Tô",
];

const FOREIGN = [
  "Où est la gare ?",
  "Où",
  "Le café est très bon",
  "Élève modèle, année scolaire 2025",
  "Résumé of the meeting held at the café",
  "Crème brûlée and piña colada",
  "Hôtel de ville",
  "São Paulo",
  "naïve façade",
  "à la carte",
  "déjà vu",
  "Ça va",
  "Noël",
  "Señor José, El niño",
  "Fiancée",
  "über",
  "Février",
];

describe("TCVN3", () => {
  it("decodes every letter as glibc's TCVN 5712 table has it", () => {
    expect(tcvn3ToUnicode(LETTERS_TCVN3)).toBe(LETTERS);
    expect(unicodeToTcvn3(LETTERS)).toBe(LETTERS_TCVN3);
  });

  it("converts the seed sample exactly", () => {
    expect(tcvn3ToUnicode("tuyªn truyÒn phæ biÕn gi¸o dôc ph¸p luËt")).toBe(
      "tuyên truyền phổ biến giáo dục pháp luật",
    );
    expect(tcvn3ToUnicode("TriÓn khai NghÞ quyÕt 4a/NQ-TL§ vÒ tiÕp tôc ®Èy m¹nh vµ n©ng cao")).toBe(
      "Triển khai Nghị quyết 4a/NQ-TLĐ về tiếp tục đẩy mạnh và nâng cao",
    );
    expect(tcvn3ToUnicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam")).toBe("Cộng hoà xã hội chủ nghĩa Việt Nam");
    expect(tcvn3ToUnicode("§éc lËp - Tù do - H¹nh phóc")).toBe("Độc lập - Tự do - Hạnh phúc");
  });

  it("reads ư from the soft hyphen (U+00AD)", () => {
    expect(tcvn3ToUnicode("Ng\u00adêi lao ®éng")).toBe("Người lao động");
    expect(tcvn3ToUnicode("Tr\u00adêng THCS Lª Lîi")).toBe("Trường THCS Lê Lợi");
  });

  it("upper-cases text in a .Vn…H font, which draws lower-case codes as capitals", () => {
    expect(tcvn3ToUnicode("uû ban nh©n d©n x·", { uppercase: true })).toBe("UỶ BAN NHÂN DÂN XÃ");
    expect(legacyEncodingOfFont(".VnTimeH")).toEqual({ encoding: "tcvn3", uppercase: true });
    expect(legacyEncodingOfFont(".VnTime")).toEqual({ encoding: "tcvn3", uppercase: false });
    expect(legacyEncodingOfFont("VNI-Times")).toEqual({ encoding: "vni", uppercase: false });
    expect(legacyEncodingOfFont("Times New Roman")).toBeNull();
    expect(legacyEncodingOfFont(undefined)).toBeNull();
  });

  it("leaves ASCII, Unicode letters and the degree sign alone, and gives NFC", () => {
    expect(tcvn3ToUnicode("UBND 25°C")).toBe("UBND 25°C");
    expect(tcvn3ToUnicode("Việt")).toBe("Việt");
    const out = tcvn3ToUnicode("ViÖt");
    expect(out).toBe(out.normalize("NFC"));
    expect(out.length).toBe(4);
    expect(tcvn3ToUnicode("Vie\u0323\u0302t ViÖt")).toBe("Việt Việt");
    expect(vniToUnicode("Vie\u0323\u0302t Vieät")).toBe("Việt Việt");
  });
});

describe("VNI", () => {
  it("decodes every letter of the VNI Windows table, lower and upper case", () => {
    const expected = [...VNI_ORDER];
    expect(VNI_LOWER).toHaveLength(expected.length);
    VNI_LOWER.forEach((vni, i) => {
      expect(vniToUnicode(vni)).toBe(expected[i]);
      expect(vniToUnicode(vni.toUpperCase())).toBe(expected[i]!.toUpperCase());
      expect(unicodeToVni(expected[i]!)).toBe(vni);
    });
  });

  it("converts hand-written samples exactly", () => {
    expect(vniToUnicode("Vieät Nam")).toBe("Việt Nam");
    expect(vniToUnicode("Nguyeãn Vaên An")).toBe("Nguyễn Văn An");
    // "Hoàng" read as VNI is "Hồng": "oà" is o with the circumflex-grave mark.
    expect(vniToUnicode("Nguyeãn Thò Hoàng Nhung")).toBe("Nguyễn Thị Hồng Nhung");
    expect(vniToUnicode("Leâ Thò Hoaøng Oanh")).toBe("Lê Thị Hoàng Oanh");
    expect(vniToUnicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")).toBe(
      "Cộng hòa xã hội chủ nghĩa Việt Nam",
    );
    expect(vniToUnicode("Ñoäc laäp - Töï do - Haïnh phuùc")).toBe("Độc lập - Tự do - Hạnh phúc");
    expect(vniToUnicode("Ngöôøi ñöôïc khen thöôûng")).toBe("Người được khen thưởng");
    expect(vniToUnicode("Tænh Ñaék Laék, huyeän Kroâng Buùk")).toBe("Tỉnh Đắk Lắk, huyện Krông Búk");
    expect(vniToUnicode("Thaønh phoá Hoà Chí Minh")).toBe("Thành phố Hồ Chí Minh");
    expect(vniToUnicode("NGUYEÃN THÒ HOÀNG NHUNG")).toBe("NGUYỄN THỊ HỒNG NHUNG");
    expect(vniToUnicode("Ñaëng Vaên Laâm, Aáp Bình Hoøa")).toBe("Đặng Văn Lâm, Ấp Bình Hòa");
  });

  it("round-trips the Unicode names and gives NFC", () => {
    for (const name of UNICODE_NAMES) {
      const decoded = vniToUnicode(unicodeToVni(name));
      expect(decoded).toBe(name);
      expect(decoded).toBe(decoded.normalize("NFC"));
    }
  });
});

describe("isVietnameseSyllable", () => {
  it("accepts Vietnamese syllables, old and new tone placement", () => {
    for (const word of "giữ quý của thuỷ thủy hoà hòa người khuỷu nghiêng xoong Đắk Việt ĐẶNG ý".split(" ")) {
      expect(isVietnameseSyllable(word), word).toBe(true);
    }
  });

  it("rejects mojibake and foreign words", () => {
    for (const word of "tuyªn Nguyeãn teỏ cuả ghà tôt café Février".split(" ")) {
      expect(isVietnameseSyllable(word), word).toBe(false);
    }
  });
});

describe("detectLegacyEncoding", () => {
  it("finds TCVN3", () => {
    for (const text of [
      "tuyªn truyÒn phæ biÕn gi¸o dôc ph¸p luËt",
      "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
      "Ng\u00adêi lao ®éng",
      "L§L§ quËn",
      "H§ND x·",
      "ViÖt",
      ...UNICODE_NAMES.filter((name) => !["Phan Thanh Tú", "Hồ Thị Kim Chi"].includes(name)).map(
        unicodeToTcvn3,
      ),
    ]) {
      expect(detectLegacyEncoding(text), text).toBe("tcvn3");
    }
  });

  it("finds VNI", () => {
    for (const text of [
      "Vieät Nam",
      "Nguyeãn Vaên An",
      "Nguyeãn Thò Hoàng Nhung",
      "Ñoäc laäp - Töï do - Haïnh phuùc",
      "HÑND xaõ",
      "Nöõ",
      // Upper-case acronyms are not English words.
      "Caùc ñ/c P.CT UBND TP",
      ...UNICODE_NAMES.filter((name) => !["Lê Thị Bé", "Hồ Thị Kim Chi"].includes(name)).map(unicodeToVni),
    ]) {
      expect(detectLegacyEncoding(text), text).toBe("vni");
    }
  });

  it("leaves words that read well every way undecided", () => {
    // "Tó" is a syllable as read and "Tú" once decoded; "Hoà Thò" is "Hoà Thò" or "Hồ Thị".
    expect(detectLegacyEncoding(unicodeToTcvn3("Phan Thanh Tú"))).toBeNull();
    expect(detectLegacyEncoding(unicodeToVni("Hồ Thị Kim Chi"))).toBeNull();
  });

  it("returns null for Unicode Vietnamese, ASCII, French and English", () => {
    for (const text of [...UNICODE_NAMES, ...FOREIGN, "", "Nguyen Van An", "UBND xa Tan Lap", "12/05/2026"]) {
      expect(detectLegacyEncoding(text), text).toBeNull();
    }
  });
});

describe("toUnicode", () => {
  it("converts legacy text and says from what", () => {
    expect(toUnicode("tuyªn truyÒn phæ biÕn gi¸o dôc ph¸p luËt")).toEqual({
      text: "tuyên truyền phổ biến giáo dục pháp luật",
      converted: "tcvn3",
    });
    expect(toUnicode("Nguyeãn Thò Hoàng Nhung")).toEqual({ text: "Nguyễn Thị Hồng Nhung", converted: "vni" });
    expect(toUnicode("Nguyễn Thị Hồng Nhung")).toEqual({ text: "Nguyễn Thị Hồng Nhung", converted: null });
    expect(toUnicode("Le café")).toEqual({ text: "Le café", converted: null });
  });

  it("decodes only the legacy words of half-converted text (seed 000)", () => {
    // Verbatim from the seed; its ư (U+00AD) were lost on the way, so "ngêi" comes out "ngời", "nh" stays "nh".
    const seed =
      "Liên đoàn lao động quận đã tổ chức các chuyên đề tuyªn truyÒn phæ biÕn gi¸o dôc ph¸p luật ®Õn ngêi lao ®éng nh: luËt Lao ®éng, luËt BHXH, phòng chống ma tuý ... L§L§ quËn ®· ph¸t 500 bé (2.500 tê r¬i). Hằng năm, ban nữ công LĐLĐ quận tổ chức cho nữ cán bộ công chức nghe các chuyên đề";
    expect(detectLegacyEncoding(seed)).toBe("tcvn3");
    expect(toUnicode(seed)).toEqual({
      text: "Liên đoàn lao động quận đã tổ chức các chuyên đề tuyên truyền phổ biến giáo dục pháp luật đến ngời lao động nh: luật Lao động, luật BHXH, phòng chống ma tuý ... LĐLĐ quận đã phát 500 bộ (2.500 tờ rơi). Hằng năm, ban nữ công LĐLĐ quận tổ chức cho nữ cán bộ công chức nghe các chuyên đề",
      converted: "tcvn3",
    });
    expect(toUnicode("Nguyễn Văn Tuyªn")).toEqual({ text: "Nguyễn Văn Tuyên", converted: "tcvn3" });
  });
});

describe("columns", () => {
  const names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Đỗ Văn Em"];

  it("a TCVN3 column with a few Unicode cells is TCVN3, and the Unicode cells are kept", () => {
    const unicode = Array.from({ length: 40 }, (_, i) => names[i % names.length]!);
    unicode.push("Tân Phú"); // Latin-1 letters only, kept because it reads better as it is
    const column = unicode.map((name, i) =>
      i % 20 === 7 || name === "Tân Phú" ? name : unicodeToTcvn3(name),
    );
    expect(detectColumnEncoding(column)).toBe("tcvn3");
    expect(columnToUnicode(column)).toEqual({ values: unicode, converted: "tcvn3" });
  });

  it("a VNI column decodes cells that read well either way", () => {
    const column = ["Nguyeãn Vaên An", "Thò", "Leâ Thò Hoa", "Thò", "Nöõ", "Nam"];
    expect(detectLegacyEncoding("Thò")).toBeNull();
    expect(detectColumnEncoding(column)).toBe("vni");
    expect(columnToUnicode(column).values).toEqual([
      "Nguyễn Văn An",
      "Thị",
      "Lê Thị Hoa",
      "Thị",
      "Nữ",
      "Nam",
    ]);
  });

  it("a Unicode column, an ASCII one, or a mostly Unicode one stays as it is", () => {
    expect(detectColumnEncoding(UNICODE_NAMES)).toBeNull();
    expect(columnToUnicode(UNICODE_NAMES)).toEqual({ values: UNICODE_NAMES, converted: null });
    expect(detectColumnEncoding(["An", "Binh", ""])).toBeNull();
    expect(detectColumnEncoding(FOREIGN)).toBeNull();
    // "sø" / "lø" decode to "sứ" / "lở", but the other cells are words of another language.
    expect(detectColumnEncoding(["sø", "lø", "Février", "année", "décembre"])).toBeNull();
    expect(detectColumnEncoding([...names, ...names, unicodeToTcvn3(names[0]!)])).toBeNull();
  });
});
