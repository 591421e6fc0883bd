/** Injection token of the clock (`() => Date`); specs provide a fixed one instead of the wall clock. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
