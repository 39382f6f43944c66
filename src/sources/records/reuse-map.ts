/**
 * Which earlier results a procedure may reuse instead of asking the citizen for paper again
 * (the one-stop counter's question). Shipped as data: one entry per procedure being filed,
 * listing the procedures whose still-valid results it accepts. Illustrative, after the examples
 * in the domain notes; a procedure without an entry reuses nothing.
 */
export const REUSE_MAP: Readonly<Record<string, readonly string[]>> = {
  // Marriage registration: a still-valid marital-status confirmation and the birth registration.
  'HT-W-02': ['HT-W-04', 'HT-W-01', 'HT-D-01'],
  'HT-D-02': ['HT-W-04', 'HT-W-01', 'HT-D-01'],
  // Birth registration of a child: the parents' marriage registration.
  'HT-W-01': ['HT-W-02', 'HT-D-02'],
  'HT-D-01': ['HT-W-02', 'HT-D-02'],
  // Certified copy of a civil-status extract: the original registration.
  'HT-W-05': ['HT-W-01', 'HT-W-02', 'HT-W-03', 'HT-W-06', 'HT-D-01', 'HT-D-02', 'HT-D-03'],
  // Change or correction of civil-status data: the registration being changed.
  'HT-D-03': ['HT-W-01', 'HT-W-02', 'HT-D-01', 'HT-D-02'],
  // Household business registration and its changes: the land-use-right certificate of the premises.
  'KD-D-01': ['DD-D-01', 'DD-D-02', 'DD-D-03'],
  'KD-D-02': ['KD-D-01', 'DD-D-01', 'DD-D-02', 'DD-D-03'],
  // Food-safety certificate and liquor licence: the household business registration.
  'KD-D-03': ['KD-D-01', 'KD-D-02'],
  'KD-D-04': ['KD-D-01', 'KD-D-02'],
  // Construction permit for a house: the land-use-right certificate; its extension: the permit.
  'XD-D-01': ['DD-D-01', 'DD-D-02', 'DD-D-03'],
  'XD-D-02': ['XD-D-01'],
  // Land changes: the certificate being changed.
  'DD-D-02': ['DD-D-01', 'DD-D-02'],
  'DD-D-03': ['DD-D-01', 'DD-D-02'],
  // Social allowance: birth registration and disability confirmation.
  'BT-W-02': ['HT-W-01', 'HT-D-01', 'BT-W-01'],
  // Funeral cost support: the death registration.
  'BT-D-01': ['HT-W-03'],
  // Allowance for people with merit: birth registration.
  'BT-D-02': ['HT-W-01', 'HT-D-01'],
};

/** The procedures whose results `procedureCode` may reuse (empty when none). */
export function reusableProcedures(procedureCode: string): readonly string[] {
  return Object.hasOwn(REUSE_MAP, procedureCode) ? (REUSE_MAP[procedureCode] as readonly string[]) : [];
}
