import { Transport } from './types';

/**
 * Cyrillic letters that extraction left in protocol names (004 prints "ТСР" and "НТТР").
 * Only the look-alikes of Latin capitals that occur in protocol names are mapped.
 */
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M',
  'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X', 'У': 'Y',
};

export function replaceLookalikes(text: string): string {
  return text.replace(/[\u0400-\u04FF]/g, (letter) => CYRILLIC_LOOKALIKES[letter] ?? letter);
}

/**
 * Layer-4 transports of each protocol name the documents print. "SIP" without a transport
 * (003 voice table, connection 1) may arrive on either, so both are listed.
 */
const TRANSPORTS: Readonly<Record<string, readonly Transport[]>> = {
  TCP: ['tcp'],
  HTTP: ['tcp'],
  HTTPS: ['tcp'],
  'HTTP/HTTPS': ['tcp'],
  SSL: ['tcp'],
  Kafka: ['tcp'],
  Redis: ['tcp'],
  Postgres: ['tcp'],
  'SIP/TCP': ['tcp'],
  'SIP/UDP': ['udp'],
  SIP: ['tcp', 'udp'],
  RTP: ['udp'],
  'RTP/RTCP': ['udp'],
};

export const KNOWN_PROTOCOLS: readonly string[] = Object.keys(TRANSPORTS);

export function transportsOf(protocol: string | null): readonly Transport[] | undefined {
  if (protocol === null) return [];
  return TRANSPORTS[protocol];
}
