// Verifications counted in memory, per API key and day, until they are written in one batch:
// the gateway's hot path must not write to the database on every request.

/** One key's verifications on one day (`YYYY-MM-DD`). */
export interface UsageCount {
  keyId: string;
  date: string;
  valid: number;
  refused: number;
}

/**
 * Counts per (key, day) since the last flush. `add` is O(1) and never touches storage; `drain`
 * hands the counts over and empties the buffer, `restore` puts back counts a failed write did not
 * keep. `lastFlushAt` (ms) is when counts were last drained (0: never).
 */
export class UsageBuffer {
  private counts = new Map<string, UsageCount>();
  lastFlushAt = 0;
  /** A write is on its way (a timer set by the first count since the last write). */
  flushScheduled = false;

  /** Distinct (key, day) pairs waiting. */
  get size(): number {
    return this.counts.size;
  }

  add(keyId: string, date: string, outcome: "valid" | "refused", n = 1): void {
    const id = `${keyId}|${date}`;
    let count = this.counts.get(id);
    if (!count) this.counts.set(id, (count = { keyId, date, valid: 0, refused: 0 }));
    count[outcome] += n;
  }

  /**
   * Up to `max` waiting counts (all by default), taken out of the buffer; `lastFlushAt` becomes
   * `now` (ms) and no write is scheduled any more.
   */
  drain(now: number, max = Number.POSITIVE_INFINITY): UsageCount[] {
    const taken: UsageCount[] = [];
    for (const [id, count] of this.counts) {
      if (taken.length >= max) break;
      taken.push(count);
      this.counts.delete(id);
    }
    this.lastFlushAt = now;
    this.flushScheduled = false;
    return taken;
  }

  /** Puts counts back (a write that failed), added to any counted since. */
  restore(counts: UsageCount[]): void {
    for (const c of counts) {
      if (c.valid) this.add(c.keyId, c.date, "valid", c.valid);
      if (c.refused) this.add(c.keyId, c.date, "refused", c.refused);
    }
  }

  /** The waiting counts of some keys, without draining them (to show figures not yet written). */
  pendingFor(keyIds: ReadonlySet<string>): UsageCount[] {
    return [...this.counts.values()].filter((c) => keyIds.has(c.keyId)).map((c) => ({ ...c }));
  }
}
