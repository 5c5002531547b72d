import { IANAZone } from 'luxon';

/**
 * An IANA zone that remembers the offsets it computed, by exact instant. Luxon asks a zone for its
 * offset at every DateTime it creates in it (setZone, plus, set, startOf), and IANAZone answers each
 * time with Intl.DateTimeFormat#formatToParts: proposing slots made hundreds of those calls per
 * onboarding, about 15 ms of CPU. Slot candidates fall on the same wall-clock instants for every
 * onboarding of a day (working hours, slot steps), so after the first proposal nearly all are hits.
 *
 * Keyed by the exact millisecond, never by a rounded bucket: zone transitions are not all on the hour
 * (America/St_Johns, Australia/Lord_Howe), and a bucket would give a wrong offset next to one.
 * The offset of an instant in a zone never changes while the process runs (the tz data is fixed), so
 * a hit is always the answer IANAZone would have given. Bounded: cleared when it grows past the limit.
 */
class CachedIANAZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    let o = this.offsets.get(ts);
    if (o === undefined) {
      o = super.offset(ts);
      if (this.offsets.size >= maxEntries) this.offsets.clear();
      this.offsets.set(ts, o);
    }
    return o;
  }
}

const maxEntries = 20_000;
const zones = new Map<string, IANAZone>();

/** The zone to pass to setZone instead of its name; invalid names fall back to the name (Luxon reports them). */
export function cachedZone(name: string): IANAZone | string {
  let z = zones.get(name);
  if (!z) {
    if (!IANAZone.isValidZone(name)) return name;
    z = new CachedIANAZone(name);
    zones.set(name, z);
  }
  return z;
}
