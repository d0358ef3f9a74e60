import { randomBytes } from 'node:crypto';

/**
 * Level-1 values planted by tests. Each carries a marker no legitimate text contains, so a scan of everything the
 * app sent can tell a leak from a coincidence. Birth dates and phone numbers cannot carry a marker: they are
 * registered with the forms a leak would take (ISO, French, digits only).
 */
const MARKER = 'Qzx';
const planted = new Set<string>();

export function canary(label: string): string {
  const value = `${label}${MARKER}${randomBytes(3).toString('hex')}`;
  planted.add(value);
  return value;
}

export function plantDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  planted.add(iso);
  planted.add(`${d}/${m}/${y}`);
  return iso;
}

export function plantPhone(phone: string): string {
  planted.add(phone.replace(/\D/g, ''));
  planted.add(phone);
  return phone;
}

export function plantedValues(): string[] {
  return [...planted];
}

/** Returns the planted values found in `text` (digits-only forms are searched in a digits-only copy too). */
export function leaksIn(text: string): string[] {
  const digits = text.replace(/\D/g, '');
  const found = [...planted].filter((v) => text.includes(v) || (/^\d{9,}$/.test(v) && digits.includes(v)));
  if (text.includes(MARKER) && found.length === 0) found.push(`${MARKER}…`);
  return found;
}
