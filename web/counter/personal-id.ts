/**
 * What the personal-ID field accepts: the 12 digits typed, or what a scanner types when it reads
 * the QR code of a chip ID card (fields separated by `|`, the personal ID first), ended by Enter.
 */
export function personalIdFrom(input: string): string | null {
  const first = input.split('|')[0]?.replace(/\s+/g, '') ?? '';
  return /^\d{12}$/.test(first) ? first : null;
}
