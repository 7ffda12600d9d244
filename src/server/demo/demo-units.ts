/**
 * Demo territory: the places of the seed reports (../shared/seeds), taken from the official lists so that the demo
 * goes through the same import as real data. Old Quận Tây Hồ (Hà Nội; seed 000, "8 phường nằm quanh Hồ Tây"),
 * old Quận 10 (seed 002) and Quận 11 (seed 001) of TP. Hồ Chí Minh, Phường Mạo Khê (Quảng Ninh; seed 004), the
 * 2025 wards that succeeded them, and every old ward that went into those new wards.
 * Source: Cục Thống kê lists (CV 915, CV 1027/CTK-CSCL, 2025), the list of 01/03/2025, the 2025 succession list.
 */
export const demoUnits2025_03 = `ma_tinh,ten_tinh,loai_tinh,ma_huyen,ten_huyen,loai_huyen,ma_xa,ten_xa,loai_xa
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00019,Điện Biên,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00022,Đội Cấn,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00028,Kim Mã,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00016,Ngọc Hà,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00001,Phúc Xá,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00013,Quán Thánh,Phường
01,Hà Nội,Thành phố,001,Ba Đình,Quận,00004,Trúc Bạch,Phường
01,Hà Nội,Thành phố,021,Bắc Từ Liêm,Quận,00616,Cổ Nhuế 1,Phường
01,Hà Nội,Thành phố,021,Bắc Từ Liêm,Quận,00601,Đông Ngạc,Phường
01,Hà Nội,Thành phố,021,Bắc Từ Liêm,Quận,00610,Xuân Đỉnh,Phường
01,Hà Nội,Thành phố,021,Bắc Từ Liêm,Quận,00611,Xuân Tảo,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00166,Dịch Vọng,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00167,Dịch Vọng Hậu,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00163,Mai Dịch,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00157,Nghĩa Đô,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00160,Nghĩa Tân,Phường
01,Hà Nội,Thành phố,005,Cầu Giấy,Quận,00169,Quan Hoa,Phường
01,Hà Nội,Thành phố,007,Hai Bà Trưng,Quận,00244,Bạch Đằng,Phường
01,Hà Nội,Thành phố,007,Hai Bà Trưng,Quận,00268,Thanh Lương,Phường
01,Hà Nội,Thành phố,002,Hoàn Kiếm,Quận,00067,Chương Dương,Phường
01,Hà Nội,Thành phố,002,Hoàn Kiếm,Quận,00055,Cửa Đông,Phường
01,Hà Nội,Thành phố,002,Hoàn Kiếm,Quận,00073,Cửa Nam,Phường
01,Hà Nội,Thành phố,002,Hoàn Kiếm,Quận,00040,Đồng Xuân,Phường
01,Hà Nội,Thành phố,002,Hoàn Kiếm,Quận,00037,Phúc Tân,Phường
01,Hà Nội,Thành phố,004,Long Biên,Quận,00139,Bồ Đề,Phường
01,Hà Nội,Thành phố,004,Long Biên,Quận,00118,Ngọc Thụy,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00109,Bưởi,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00094,Nhật Tân,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00091,Phú Thượng,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00100,Quảng An,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00112,Thụy Khuê,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00097,Tứ Liên,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00103,Xuân La,Phường
01,Hà Nội,Thành phố,003,Tây Hồ,Quận,00106,Yên Phụ,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27184,1,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27190,2,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27193,4,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27202,6,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27187,8,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27181,9,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27178,10,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27172,12,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27166,13,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27169,14,Phường
79,Hồ Chí Minh,Thành phố,771,10,Quận,27163,15,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27247,1,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27220,3,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27211,5,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27238,7,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27229,8,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27232,10,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27226,11,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27214,14,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27208,15,Phường
79,Hồ Chí Minh,Thành phố,772,11,Quận,27253,16,Phường
22,Quảng Ninh,Tỉnh,205,Đông Triều,Thành phố,07123,Kim Sơn,Phường
22,Quảng Ninh,Tỉnh,205,Đông Triều,Thành phố,07069,Mạo Khê,Phường
22,Quảng Ninh,Tỉnh,205,Đông Triều,Thành phố,07105,Xuân Sơn,Phường
22,Quảng Ninh,Tỉnh,205,Đông Triều,Thành phố,07117,Yên Thọ,Phường
`;

export const demoProvinces2025 = `ma_tinh,ten_tinh
01,Thành phố Hà Nội
22,Quảng Ninh
79,Thành phố Hồ Chí Minh
`;

export const demoCommunes2025 = `ma_xa,ten_xa,ma_tinh,ten_tinh
00004,Phường Ba Đình,01,Thành phố Hà Nội
00097,Phường Hồng Hà,01,Thành phố Hà Nội
00160,Phường Nghĩa Đô,01,Thành phố Hà Nội
00103,Phường Tây Hồ,01,Thành phố Hà Nội
00091,Phường Phú Thượng,01,Thành phố Hà Nội
00611,Phường Xuân Đỉnh,01,Thành phố Hà Nội
07069,Phường Mạo Khê,22,Quảng Ninh
27169,Phường Diên Hồng,79,Thành phố Hồ Chí Minh
27190,Phường Vườn Lài,79,Thành phố Hồ Chí Minh
27163,Phường Hòa Hưng,79,Thành phố Hồ Chí Minh
27238,Phường Minh Phụng,79,Thành phố Hồ Chí Minh
27232,Phường Bình Thới,79,Thành phố Hồ Chí Minh
27211,Phường Hòa Bình,79,Thành phố Hồ Chí Minh
27226,Phường Phú Thọ,79,Thành phố Hồ Chí Minh
`;

export const demoSuccession = `ma_xa_moi,ten_xa_moi,ma_xa_cu,ten_xa_cu,kieu
00004,Phường Ba Đình,00004,Phường Trúc Bạch,full
00004,Phường Ba Đình,00013,Phường Quán Thánh,full
00004,Phường Ba Đình,00016,Phường Ngọc Hà,partial
00004,Phường Ba Đình,00019,Phường Điện Biên,partial
00004,Phường Ba Đình,00022,Phường Đội Cấn,partial
00004,Phường Ba Đình,00028,Phường Kim Mã,partial
00004,Phường Ba Đình,00040,Phường Đồng Xuân,partial
00004,Phường Ba Đình,00055,Phường Cửa Đông,partial
00004,Phường Ba Đình,00073,Phường Cửa Nam,partial
00004,Phường Ba Đình,00112,Phường Thụy Khuê,partial
00091,Phường Phú Thượng,00091,Phường Phú Thượng,partial
00091,Phường Phú Thượng,00103,Phường Xuân La,partial
00091,Phường Phú Thượng,00601,Phường Đông Ngạc,partial
00091,Phường Phú Thượng,00610,Phường Xuân Đỉnh,partial
00091,Phường Phú Thượng,00611,Phường Xuân Tảo,partial
00097,Phường Hồng Hà,00001,Phường Phúc Xá,full
00097,Phường Hồng Hà,00037,Phường Phúc Tân,full
00097,Phường Hồng Hà,00067,Phường Chương Dương,full
00097,Phường Hồng Hà,00091,Phường Phú Thượng,partial
00097,Phường Hồng Hà,00094,Phường Nhật Tân,partial
00097,Phường Hồng Hà,00097,Phường Tứ Liên,partial
00097,Phường Hồng Hà,00100,Phường Quảng An,partial
00097,Phường Hồng Hà,00106,Phường Yên Phụ,partial
00097,Phường Hồng Hà,00118,Phường Ngọc Thụy,partial
00097,Phường Hồng Hà,00139,Phường Bồ Đề,partial
00097,Phường Hồng Hà,00244,Phường Bạch Đằng,partial
00097,Phường Hồng Hà,00268,Phường Thanh Lương,partial
00103,Phường Tây Hồ,00091,Phường Phú Thượng,partial
00103,Phường Tây Hồ,00094,Phường Nhật Tân,partial
00103,Phường Tây Hồ,00097,Phường Tứ Liên,partial
00103,Phường Tây Hồ,00100,Phường Quảng An,partial
00103,Phường Tây Hồ,00103,Phường Xuân La,partial
00103,Phường Tây Hồ,00106,Phường Yên Phụ,partial
00103,Phường Tây Hồ,00109,Phường Bưởi,full
00103,Phường Tây Hồ,00112,Phường Thụy Khuê,partial
00103,Phường Tây Hồ,00157,Phường Nghĩa Đô,partial
00160,Phường Nghĩa Đô,00103,Phường Xuân La,partial
00160,Phường Nghĩa Đô,00157,Phường Nghĩa Đô,partial
00160,Phường Nghĩa Đô,00160,Phường Nghĩa Tân,full
00160,Phường Nghĩa Đô,00163,Phường Mai Dịch,partial
00160,Phường Nghĩa Đô,00166,Phường Dịch Vọng,partial
00160,Phường Nghĩa Đô,00167,Phường Dịch Vọng Hậu,partial
00160,Phường Nghĩa Đô,00169,Phường Quan Hoa,partial
00160,Phường Nghĩa Đô,00611,Phường Xuân Tảo,partial
00160,Phường Nghĩa Đô,00616,Phường Cổ Nhuế 1,partial
00611,Phường Xuân Đỉnh,00103,Phường Xuân La,partial
00611,Phường Xuân Đỉnh,00610,Phường Xuân Đỉnh,partial
00611,Phường Xuân Đỉnh,00611,Phường Xuân Tảo,partial
00611,Phường Xuân Đỉnh,00616,Phường Cổ Nhuế 1,partial
07069,Phường Mạo Khê,07069,Phường Mạo Khê,full
07069,Phường Mạo Khê,07105,Phường Xuân Sơn,full
07069,Phường Mạo Khê,07117,Phường Yên Thọ,full
07069,Phường Mạo Khê,07123,Phường Kim Sơn,full
27163,Phường Hòa Hưng,27163,Phường 15,full
27163,Phường Hòa Hưng,27166,Phường 13,full
27163,Phường Hòa Hưng,27169,Phường 14,partial
27163,Phường Hòa Hưng,27172,Phường 12,full
27169,Phường Diên Hồng,27169,Phường 14,partial
27169,Phường Diên Hồng,27187,Phường 8,full
27169,Phường Diên Hồng,27202,Phường 6,full
27190,Phường Vườn Lài,27178,Phường 10,full
27190,Phường Vườn Lài,27181,Phường 9,full
27190,Phường Vườn Lài,27184,Phường 1,full
27190,Phường Vườn Lài,27190,Phường 2,full
27190,Phường Vườn Lài,27193,Phường 4,full
27211,Phường Hòa Bình,27211,Phường 5,full
27211,Phường Hòa Bình,27214,Phường 14,full
27226,Phường Phú Thọ,27208,Phường 15,full
27226,Phường Phú Thọ,27226,Phường 11,full
27226,Phường Phú Thọ,27229,Phường 8,partial
27232,Phường Bình Thới,27220,Phường 3,full
27232,Phường Bình Thới,27229,Phường 8,partial
27232,Phường Bình Thới,27232,Phường 10,full
27238,Phường Minh Phụng,27238,Phường 7,full
27238,Phường Minh Phụng,27247,Phường 1,full
27238,Phường Minh Phụng,27253,Phường 16,full
`;
