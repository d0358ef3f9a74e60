import { describe, expect, it } from 'vitest';
import { otherNameOf, partnersOf } from '../../src/domain/partners.js';

const institutions = [
  { id: 'asso-afev', label: 'AFEV' },
  { id: 'cmpp', label: 'CMPP' },
  { id: 'en-ecole', label: 'Éducation nationale — école' },
];

describe('partners', () => {
  it('lists each partner once: an institution named like an operator is that operator', () => {
    expect(partnersOf(['IEN', 'AFEV', 'CMPP', 'AFEV'], institutions)).toEqual([
      { key: 'op:afev', label: 'AFEV' },
      { key: 'op:cmpp', label: 'CMPP' },
      { key: 'op:ien', label: 'IEN' },
      { key: 'in:en-ecole', label: 'Éducation nationale — école' },
    ]);
  });

  it('knows another name of a known partner: an acronym in brackets or in capitals', () => {
    const known = partnersOf(['OMJA', 'Ville et SCHS'], institutions);
    expect(otherNameOf('Office Municipal de la Jeunesse d’Aubervilliers (OMJA)', known)?.label).toBe('OMJA');
    expect(otherNameOf('CMPP d’Aubervilliers', known)?.label).toBe('CMPP');
    expect(otherNameOf('omja', known)).toBeUndefined();
    expect(otherNameOf('Ville et SCHS', known)).toBeUndefined();
    expect(otherNameOf('Association des Étudiants', known)).toBeUndefined();
    expect(otherNameOf('ÉCLAIRS', known)).toBeUndefined();
  });
});
