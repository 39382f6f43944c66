/** The shapes of the counter's two operations (prior-results.graphql, procedures.graphql). */
export interface Procedure {
  code: string;
  name: string | null;
  nameEn: string | null;
  domain: string | null;
  level: string | null;
}

export interface PriorResult {
  id: string;
  dossierCode: string | null;
  decisionNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  status: string | null;
  pageCount: number | null;
  procedure: { code: string; name: string | null; nameEn: string | null } | null;
  issuingUnit: {
    code: string;
    name: string | null;
    validTo: string | null;
    todaysUnits: Array<{ share: number | null; unit: { code: string; name: string | null } | null }> | null;
  } | null;
  documents: Array<{ fileName: string | null; pageCount: number | null; sha256: string | null }> | null;
  subject: { fullName: string | null; dateOfBirth: string | null } | null;
}
