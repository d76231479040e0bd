/** Time as the rules see it; one injectable source so that a process agrees with itself and tests can hold it still. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
