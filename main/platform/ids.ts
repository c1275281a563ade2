import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_CHARS = 14;
/** Random bytes drawn in bulk: one id per call is made on the dialer's hot path. */
const pool = Buffer.alloc(ID_CHARS * 512);
let offset = pool.length;

/** A public id: a type prefix and a random tail, `cnt_…`, `cmp_…`, `asst_…`, `num_…`. */
export function newId(prefix: string): string {
  if (offset + ID_CHARS > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let out = `${prefix}_`;
  for (let i = 0; i < ID_CHARS; i++) out += ALPHABET[pool[offset + i] % 36];
  offset += ID_CHARS;
  return out;
}
