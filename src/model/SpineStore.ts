/**
 * Spines as columns of typed arrays with stable slots: a spine keeps its slot from birth until its
 * fade-out has been shown, so the view can use the slot as its instance index. Freed slots are reused.
 */

export const enum SpineStatus {
  Free = 0,
  Alive = 1,
  /** Eliminated; kept for a while so the view can shrink it out. Not counted by any readout. */
  Fading = 2,
}

export const enum Cohort {
  /** Present at the start (day 0), including spines formed during burn-in. */
  Initial = 0,
  Baseline = 1,
  Stress = 2,
  /** Induced by ketamine's delayed drive (the extra formation it causes, at lost sites or elsewhere). */
  Ketamine = 3,
}

export const cohortNames = ['initial', 'baseline', 'stress', 'ketamine'] as const;

/** Bit flags. */
export const FLAG_NEAR_LOST_SITE = 1;
export const FLAG_ABLATED = 2;
/** Re-formed at a stress-lost site, which it used up: it restores that connection. */
export const FLAG_RESTORED = 4;

/**
 * The most live spines one run may hold. A preset holds about 6,500 and 50 procedural neurons at the default
 * rates about 110,000; the work budget (workBudget.ts) refuses runs expected to come near this before they
 * start. The ceiling is the backstop for runs that pass the budget or skip it (the CLI's --no-work-limit):
 * they end with a SpineLimitError, one line, instead of growing until the JavaScript engine runs out of memory.
 */
export const MAX_LIVE_SPINES = 1_000_000;
/** The most slots, live and fading spines together: capacity doubles from 4,096 up to 2^21 (about 200 MB of columns). */
export const MAX_SPINE_SLOTS = 2 ** 21;

/** Bytes of every column per slot (the free-slot list included): what one spine costs in memory. */
export const SPINE_SLOT_BYTES = 99;

/** A run reached the spine ceiling; its message is one line that says how to make the run smaller. */
export class SpineLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpineLimitError';
  }
}

export interface SpineLimits {
  readonly maxLiveSpines: number;
  readonly maxSlots: number;
}

const REMEDY = 'use fewer neurons, a shorter protocol or a lower formation rate';

export class SpineStore {
  capacity = 0;
  /** One past the highest slot ever used. */
  highWater = 0;
  liveCount = 0;
  private nextSerial = 1;
  private freeSlots: Int32Array = new Int32Array(0);
  private freeCount = 0;

  status = new Uint8Array(0);
  /** Unique id for scoring identity across imaging sessions (slots are reused; serials are not). */
  serial = new Uint32Array(0);
  /** Global branch index (into the simulation's flat branch table). */
  branch = new Uint32Array(0);
  positionUm = new Float32Array(0);
  logVolume = new Float64Array(0);
  birthHours = new Float64Array(0);
  matureAtHours = new Float64Array(0);
  deathHours = new Float64Array(0);
  hazard = new Float64Array(0);
  /** Cached size dependence of the hazard, exp(−exponent·(ln volume − reference)), refreshed with the size. */
  sizeFactor = new Float64Array(0);
  hazardThreshold = new Float64Array(0);
  cohort = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** Base of the spine on the dendrite surface and its outward direction (µm), for the view. */
  x = new Float32Array(0);
  y = new Float32Array(0);
  z = new Float32Array(0);
  dx = new Float32Array(0);
  dy = new Float32Array(0);
  dz = new Float32Array(0);

  /** `limits` exist for tests; a simulation always runs with the ceilings above. */
  constructor(initialCapacity = 1024, private readonly limits: SpineLimits = { maxLiveSpines: MAX_LIVE_SPINES, maxSlots: MAX_SPINE_SLOTS }) {
    this.grow(Math.min(Math.max(16, initialCapacity), limits.maxSlots));
  }

  /**
   * Takes a slot (the most recently freed one first, else the next new one) and gives it a fresh serial.
   * Throws SpineLimitError at the ceiling of live spines or of slots.
   */
  allocate(): number {
    if (this.liveCount >= this.limits.maxLiveSpines) {
      throw new SpineLimitError(`the run reached ${this.limits.maxLiveSpines.toLocaleString('en-US')} live spines, the model's ceiling; ${REMEDY}`);
    }
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.highWater === this.capacity) {
        if (this.capacity >= this.limits.maxSlots) {
          throw new SpineLimitError(`the run reached ${this.limits.maxSlots.toLocaleString('en-US')} live and fading spines, the model's ceiling; ${REMEDY}`);
        }
        this.grow(Math.min(this.capacity * 2, this.limits.maxSlots));
      }
      slot = this.highWater++;
    }
    this.status[slot] = SpineStatus.Alive;
    this.serial[slot] = this.nextSerial++;
    this.flags[slot] = 0;
    this.hazard[slot] = 0;
    this.liveCount++;
    return slot;
  }

  /** Marks a live spine eliminated at `timeHours`; its slot is freed later by `release`. */
  eliminate(slot: number, timeHours: number): void {
    this.status[slot] = SpineStatus.Fading;
    this.deathHours[slot] = timeHours;
    this.liveCount--;
  }

  release(slot: number): void {
    this.status[slot] = SpineStatus.Free;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float32Array | Float64Array | Uint8Array | Uint32Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.serial = copy(this.serial, (n) => new Uint32Array(n));
    this.branch = copy(this.branch, (n) => new Uint32Array(n));
    this.positionUm = copy(this.positionUm, (n) => new Float32Array(n));
    this.logVolume = copy(this.logVolume, (n) => new Float64Array(n));
    this.birthHours = copy(this.birthHours, (n) => new Float64Array(n));
    this.matureAtHours = copy(this.matureAtHours, (n) => new Float64Array(n));
    this.deathHours = copy(this.deathHours, (n) => new Float64Array(n));
    this.hazard = copy(this.hazard, (n) => new Float64Array(n));
    this.sizeFactor = copy(this.sizeFactor, (n) => new Float64Array(n));
    this.hazardThreshold = copy(this.hazardThreshold, (n) => new Float64Array(n));
    this.cohort = copy(this.cohort, (n) => new Uint8Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.x = copy(this.x, (n) => new Float32Array(n));
    this.y = copy(this.y, (n) => new Float32Array(n));
    this.z = copy(this.z, (n) => new Float32Array(n));
    this.dx = copy(this.dx, (n) => new Float32Array(n));
    this.dy = copy(this.dy, (n) => new Float32Array(n));
    this.dz = copy(this.dz, (n) => new Float32Array(n));
    this.freeSlots = copy(this.freeSlots, (n) => new Int32Array(n));
    this.capacity = capacity;
  }
}
