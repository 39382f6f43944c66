/**
 * How values come back, the same on both engines: dates and numerics as the server's text (a
 * date has no time zone to shift, a numeric no float to round), bigints as numbers (counts and
 * sequence numbers stay far below 2^53).
 */
export const DATE_OID = 1082;
export const NUMERIC_OID = 1700;
export const INT8_OID = 20;

export const asText = (value: string): string => value;
