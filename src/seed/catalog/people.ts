/**
 * Name, origin and ethnicity frequencies for plausible Vietnamese citizens.
 * Family names follow published shares (Nguyễn about 38%, Trần 11%, Lê 9.5% …); given names
 * are common urban names. Weights are relative.
 */
export const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Hoàng', 4.1], ['Huỳnh', 1], ['Phan', 4.5],
  ['Vũ', 3.9], ['Võ', 1], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1],
  ['Lý', 0.5], ['Đào', 0.6], ['Đinh', 0.6], ['Trịnh', 0.6], ['Lương', 0.4], ['Mai', 0.4], ['Tạ', 0.3],
  ['Cao', 0.3], ['Chu', 0.3], ['Lưu', 0.3], ['Kiều', 0.2], ['Quách', 0.2], ['Tô', 0.2], ['Khúc', 0.1],
];

export const MIDDLE_NAMES = {
  MALE: [['Văn', 30], ['Đức', 12], ['Minh', 12], ['Quang', 8], ['Hữu', 8], ['Thành', 6], ['Anh', 5], ['Tuấn', 4], ['Xuân', 4], ['Ngọc', 3], ['Công', 4], ['Mạnh', 3], ['Trung', 3], ['Gia', 3]],
  FEMALE: [['Thị', 40], ['Thu', 8], ['Ngọc', 8], ['Thanh', 8], ['Minh', 6], ['Phương', 5], ['Thùy', 5], ['Hồng', 5], ['Lan', 3], ['Mai', 3], ['Kim', 4], ['Bảo', 3], ['Khánh', 2]],
} as const satisfies Record<'MALE' | 'FEMALE', ReadonlyArray<readonly [string, number]>>;

export const GIVEN_NAMES = {
  MALE: ['Hùng', 'Dũng', 'Minh', 'Tuấn', 'Nam', 'Hải', 'Long', 'Sơn', 'Thắng', 'Cường', 'Đức', 'Hiếu', 'Khánh', 'Phong', 'Quân', 'Trung', 'Việt', 'Bình', 'Hoàng', 'Kiên', 'Tùng', 'An', 'Bảo', 'Huy', 'Khoa', 'Lâm', 'Nghĩa', 'Phúc', 'Quang', 'Thành', 'Vinh', 'Đạt', 'Duy', 'Hưng', 'Tiến', 'Toàn', 'Trí', 'Vũ', 'Chiến', 'Thái'],
  FEMALE: ['Lan', 'Hương', 'Hoa', 'Mai', 'Linh', 'Trang', 'Hà', 'Thảo', 'Ngọc', 'Hằng', 'Hạnh', 'Nga', 'Thủy', 'Yến', 'Phương', 'Anh', 'Vân', 'Nhung', 'Hiền', 'Dung', 'Giang', 'Huyền', 'Loan', 'Oanh', 'Chi', 'Vy', 'My', 'Thư', 'Tâm', 'Quỳnh', 'Nhi', 'Hồng', 'Liên', 'Thúy', 'Uyên', 'Diệp', 'Hòa', 'Trinh', 'Xuân', 'Ly'],
} as const;

/** Province codes of birth registration (first three digits of the personal ID) with names. */
export const BIRTH_PROVINCES: ReadonlyArray<readonly [code: string, name: string, weight: number]> = [
  ['001', 'Hà Nội', 70], ['034', 'Thái Bình', 4], ['036', 'Nam Định', 4], ['035', 'Hà Nam', 2.5], ['033', 'Hưng Yên', 2.5],
  ['030', 'Hải Dương', 2.5], ['038', 'Thanh Hóa', 3], ['040', 'Nghệ An', 3], ['042', 'Hà Tĩnh', 1.5], ['031', 'Hải Phòng', 1.5],
  ['027', 'Bắc Ninh', 1.5], ['026', 'Vĩnh Phúc', 1], ['025', 'Phú Thọ', 1], ['037', 'Ninh Bình', 1], ['079', 'Hồ Chí Minh', 1],
];

/** Ethnic groups (dân tộc), Kinh being about 98% of Hanoi's residents. */
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['Kinh', 980], ['Mường', 6], ['Tày', 5], ['Thái', 3], ['Nùng', 2], ['Hoa', 2], ['Dao', 1], ['Sán Dìu', 0.5], ['Khmer', 0.5],
];

export const LINES_OF_BUSINESS: ReadonlyArray<readonly [line: string, shopName: string]> = [
  ['Bán lẻ hàng tạp hóa', 'Cửa hàng tạp hóa'],
  ['Dịch vụ ăn uống', 'Quán ăn'],
  ['Quán cà phê, giải khát', 'Cà phê'],
  ['Cắt tóc, gội đầu', 'Salon tóc'],
  ['Sửa chữa xe máy', 'Sửa xe'],
  ['Bán lẻ quần áo', 'Shop thời trang'],
  ['Bán lẻ điện thoại, thiết bị điện tử', 'Cửa hàng điện thoại'],
  ['Cho thuê nhà ở', 'Nhà cho thuê'],
  ['In ấn, photocopy', 'Photocopy'],
  ['Bán lẻ thuốc', 'Nhà thuốc'],
  ['Giặt là', 'Giặt là'],
  ['Bán lẻ văn phòng phẩm', 'Văn phòng phẩm'],
];
