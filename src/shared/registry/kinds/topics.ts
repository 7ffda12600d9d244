/**
 * The fixed list of learning topics (chủ đề, nội dung học tập) of the community learning centres: the classes and
 * talks of the activities register, the yearly plan and the learning-needs survey all name one of these. Codes are
 * stored; labels are what officers read and write in files (aliases: other spellings, already folded).
 */
export const topicOptions = {
  literacy: { vi: "Xóa mù chữ", en: "Literacy" },
  post_literacy: { vi: "Sau biết chữ", en: "Post-literacy" },
  law: { vi: "Pháp luật", en: "Law" },
  health: { vi: "Sức khỏe", en: "Health" },
  agriculture: { vi: "Chuyển giao khoa học kỹ thuật", en: "Farming and technology transfer" },
  life_skills: { vi: "Kỹ năng sống", en: "Life skills" },
  computing: { vi: "Tin học", en: "Computing" },
  digital_skills: { vi: "Kỹ năng số", en: "Digital skills" },
  foreign_language: { vi: "Ngoại ngữ", en: "Foreign language" },
  culture_sport: { vi: "Văn hóa – thể thao", en: "Culture and sport" },
  other: { vi: "Khác", en: "Other" },
} as const;

export type Topic = keyof typeof topicOptions;
export const topics = Object.keys(topicOptions) as Topic[];

/** Other spellings officers write for the topics (folded: lower case, no diacritics or punctuation). */
export const topicAliases = [
  ["xmc", "literacy"],
  ["xoa mu", "literacy"],
  ["sau xoa mu chu", "post_literacy"],
  ["giao duc phap luat", "law"],
  ["tuyen truyen phap luat", "law"],
  ["y te", "health"],
  ["cham soc suc khoe", "health"],
  ["chuyen giao khkt", "agriculture"],
  ["chuyen giao kh kt", "agriculture"],
  ["khoa hoc ky thuat", "agriculture"],
  ["nong nghiep", "agriculture"],
  ["cong nghe thong tin", "computing"],
  ["cntt", "computing"],
  ["chuyen doi so", "digital_skills"],
  ["tieng anh", "foreign_language"],
  ["van hoa the thao", "culture_sport"],
  ["van nghe", "culture_sport"],
] as const;
