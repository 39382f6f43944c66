/**
 * The procedure catalogue (thủ tục hành chính) the demo results answer. Codes are the project's
 * own (`<domain>-<level>-<n>`); names are the Vietnamese titles with an English gloss.
 * `weight` is each procedure's share of its level's results in the generated store.
 */
export type ProcedureLevel = 'CITY' | 'DISTRICT' | 'WARD';

export interface ProcedureSpec {
  code: string;
  name: string;
  nameEn: string;
  domain: string;
  level: ProcedureLevel;
  validityMonths: number | null;
  weight: number;
  /** Who the result is about, which decides the subject's minimum age at issue. */
  subject: 'NEWBORN' | 'ADULT' | 'ANY';
}

export const PROCEDURES: readonly ProcedureSpec[] = [
  // Ward level (cấp phường)
  { code: 'HT-W-01', name: 'Đăng ký khai sinh', nameEn: 'Birth registration', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: null, weight: 18, subject: 'NEWBORN' },
  { code: 'HT-W-02', name: 'Đăng ký kết hôn', nameEn: 'Marriage registration', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: null, weight: 10, subject: 'ADULT' },
  { code: 'HT-W-03', name: 'Đăng ký khai tử', nameEn: 'Death registration', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: null, weight: 4, subject: 'ADULT' },
  { code: 'HT-W-04', name: 'Cấp giấy xác nhận tình trạng hôn nhân', nameEn: 'Marital-status confirmation', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: 6, weight: 12, subject: 'ADULT' },
  { code: 'HT-W-05', name: 'Cấp bản sao trích lục hộ tịch', nameEn: 'Certified copy of a civil-status extract', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: null, weight: 8, subject: 'ANY' },
  { code: 'HT-W-06', name: 'Đăng ký nhận cha, mẹ, con', nameEn: 'Recognition of a parent or child', domain: 'CIVIL_STATUS', level: 'WARD', validityMonths: null, weight: 2, subject: 'ANY' },
  { code: 'CT-W-01', name: 'Chứng thực bản sao từ bản chính', nameEn: 'Certified copy from the original', domain: 'CERTIFICATION', level: 'WARD', validityMonths: null, weight: 20, subject: 'ADULT' },
  { code: 'CT-W-02', name: 'Chứng thực chữ ký', nameEn: 'Signature certification', domain: 'CERTIFICATION', level: 'WARD', validityMonths: null, weight: 10, subject: 'ADULT' },
  { code: 'BT-W-01', name: 'Cấp giấy xác nhận khuyết tật', nameEn: 'Disability confirmation', domain: 'SOCIAL_PROTECTION', level: 'WARD', validityMonths: 60, weight: 6, subject: 'ANY' },
  { code: 'BT-W-02', name: 'Trợ cấp xã hội hằng tháng', nameEn: 'Monthly social allowance', domain: 'SOCIAL_PROTECTION', level: 'WARD', validityMonths: null, weight: 10, subject: 'ANY' },
  // District level (cấp huyện), until the district level was abolished on 1 July 2025
  { code: 'DD-D-01', name: 'Cấp giấy chứng nhận quyền sử dụng đất lần đầu', nameEn: 'First land-use-right certificate', domain: 'LAND', level: 'DISTRICT', validityMonths: null, weight: 20, subject: 'ADULT' },
  { code: 'DD-D-02', name: 'Đăng ký biến động đất đai', nameEn: 'Registration of a land change', domain: 'LAND', level: 'DISTRICT', validityMonths: null, weight: 15, subject: 'ADULT' },
  { code: 'DD-D-03', name: 'Chuyển mục đích sử dụng đất', nameEn: 'Change of land-use purpose', domain: 'LAND', level: 'DISTRICT', validityMonths: null, weight: 5, subject: 'ADULT' },
  { code: 'XD-D-01', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', nameEn: 'Construction permit for a house', domain: 'CONSTRUCTION', level: 'DISTRICT', validityMonths: 12, weight: 14, subject: 'ADULT' },
  { code: 'XD-D-02', name: 'Gia hạn giấy phép xây dựng', nameEn: 'Extension of a construction permit', domain: 'CONSTRUCTION', level: 'DISTRICT', validityMonths: 12, weight: 4, subject: 'ADULT' },
  { code: 'KD-D-01', name: 'Đăng ký thành lập hộ kinh doanh', nameEn: 'Household business registration', domain: 'BUSINESS', level: 'DISTRICT', validityMonths: null, weight: 9, subject: 'ADULT' },
  { code: 'KD-D-02', name: 'Đăng ký thay đổi nội dung hộ kinh doanh', nameEn: 'Change of a household business', domain: 'BUSINESS', level: 'DISTRICT', validityMonths: null, weight: 4, subject: 'ADULT' },
  { code: 'KD-D-03', name: 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', nameEn: 'Food-safety certificate', domain: 'BUSINESS', level: 'DISTRICT', validityMonths: 36, weight: 3, subject: 'ADULT' },
  { code: 'KD-D-04', name: 'Cấp giấy phép bán lẻ rượu', nameEn: 'Retail liquor licence', domain: 'BUSINESS', level: 'DISTRICT', validityMonths: 60, weight: 2, subject: 'ADULT' },
  { code: 'HT-D-01', name: 'Đăng ký khai sinh có yếu tố nước ngoài', nameEn: 'Birth registration with a foreign element', domain: 'CIVIL_STATUS', level: 'DISTRICT', validityMonths: null, weight: 2, subject: 'NEWBORN' },
  { code: 'HT-D-02', name: 'Đăng ký kết hôn có yếu tố nước ngoài', nameEn: 'Marriage registration with a foreign element', domain: 'CIVIL_STATUS', level: 'DISTRICT', validityMonths: null, weight: 2, subject: 'ADULT' },
  { code: 'HT-D-03', name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch', nameEn: 'Change or correction of civil-status data', domain: 'CIVIL_STATUS', level: 'DISTRICT', validityMonths: null, weight: 4, subject: 'ANY' },
  { code: 'CT-D-01', name: 'Chứng thực bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp', nameEn: 'Certified copy of a foreign-issued document', domain: 'CERTIFICATION', level: 'DISTRICT', validityMonths: null, weight: 8, subject: 'ADULT' },
  { code: 'BT-D-01', name: 'Hỗ trợ chi phí mai táng', nameEn: 'Funeral cost support', domain: 'SOCIAL_PROTECTION', level: 'DISTRICT', validityMonths: null, weight: 3, subject: 'ADULT' },
  { code: 'BT-D-02', name: 'Trợ cấp người có công', nameEn: 'Allowance for people with merit', domain: 'SOCIAL_PROTECTION', level: 'DISTRICT', validityMonths: null, weight: 5, subject: 'ADULT' },
];
