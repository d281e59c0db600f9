/**
 * Private helpers of the kind tables: read typed values out of slot text.
 *
 * Slot text has already passed the template's pattern, so a malformed value here is a bug
 * in a kind table, and it throws.
 *
 * @module
 */
import type { WorldSlots } from "./world_template.ts";

const INT = /^(0|[1-9][0-9]*)$/;
const FRACTION = /^(0|[1-9][0-9]*)\/(0|[1-9][0-9]*)$/;

function slotText(slots: WorldSlots, slot: string): string {
  const text = slots[slot];
  if (text === undefined) throw new TypeError(`Cannot read slot {${slot}}: it is missing`);
  return text;
}

/** The unsigned integer in slot `slot`. */
export function slotInt(slots: WorldSlots, slot: string): bigint {
  const text = slotText(slots, slot);
  if (!INT.test(text)) throw new TypeError(`Cannot read slot {${slot}} as an integer: "${text}"`);
  return BigInt(text);
}

/** The coefficient of x in slot `slot`: empty text means 1. */
export function slotCoefficient(slots: WorldSlots, slot: string): bigint {
  return slotText(slots, slot) === "" ? 1n : slotInt(slots, slot);
}

/** The fraction in slot `slot` as written (not reduced): `[numerator, denominator]`. */
export function slotFraction(slots: WorldSlots, slot: string): [bigint, bigint] {
  const text = slotText(slots, slot);
  const m = FRACTION.exec(text);
  if (m === null) throw new TypeError(`Cannot read slot {${slot}} as a fraction: "${text}"`);
  return [BigInt(m[1]!), BigInt(m[2]!)];
}
