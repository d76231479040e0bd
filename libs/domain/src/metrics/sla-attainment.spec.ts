import { slaAttainmentOf, slaBreachesOf } from './sla-attainment.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes));
const DUE = { firstResponseDueAt: at(30), resolutionDueAt: at(240) };

describe('slaBreachesOf', () => {
  it('meets a target at its due instant and misses it one millisecond later', () => {
    expect(slaBreachesOf(at(30), at(240), DUE)).toEqual({ firstResponse: false, resolution: false });
    expect(slaBreachesOf(new Date(at(30).getTime() + 1), new Date(at(240).getTime() + 1), DUE)).toEqual({ firstResponse: true, resolution: true });
  });

  it('judges each target on its own', () => {
    expect(slaBreachesOf(at(45), at(100), DUE)).toEqual({ firstResponse: true, resolution: false });
    expect(slaBreachesOf(at(5), at(300), DUE)).toEqual({ firstResponse: false, resolution: true });
  });

  it('takes the resolution as the first response when nobody answered before it', () => {
    expect(slaBreachesOf(null, at(20), DUE)).toEqual({ firstResponse: false, resolution: false });
    expect(slaBreachesOf(null, at(60), DUE)).toEqual({ firstResponse: true, resolution: false });
  });

  it('cannot miss a target the ticket does not have, nor any without due times', () => {
    expect(slaBreachesOf(at(500), at(600), { firstResponseDueAt: null, resolutionDueAt: null })).toEqual({ firstResponse: false, resolution: false });
    expect(slaBreachesOf(at(500), at(600), undefined)).toEqual({ firstResponse: false, resolution: false });
  });
});

describe('slaAttainmentOf', () => {
  it('gives the share of resolved tickets that met each target and all of them', () => {
    expect(slaAttainmentOf({ resolved: 4, firstResponseBreaches: 1, resolutionBreaches: 2, slaBreached: 2 })).toEqual({
      firstResponse: 0.75,
      resolution: 0.5,
      overall: 0.5,
    });
  });

  it('has no attainment when nothing was resolved', () => {
    expect(slaAttainmentOf({ resolved: 0, firstResponseBreaches: 0, resolutionBreaches: 0, slaBreached: 0 })).toEqual({
      firstResponse: null,
      resolution: null,
      overall: null,
    });
  });
});
