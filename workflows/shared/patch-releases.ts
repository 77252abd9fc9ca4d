/**
 * The patches every journey run a release starts takes the new path of, by release. A run whose start says
 * `patchRelease: n` treats every patch of releases 1..n as on (`isPatched`) without calling `patched()`, so it records
 * no marker and no TemporalChangeVersion upsert for them: the SDK writes both for each patch a new run passes, ten
 * history events and five visibility updates on a first order. Append a release when patches are added; never edit
 * one that has shipped — runs started with its number rely on it on every replay.
 */
export const JOURNEY_PATCH_RELEASES: readonly (readonly string[])[] = [
  [],
  [
    'reads-as-local-activities',
    'journal-with-its-write',
    'journey-permanent-failure-path',
    'flow-enrolled-entry',
    'flow-forget-open-occurrence',
    'flow-segment-test-timeout',
    'flow-reentry',
    'flow-email-frequency-cap',
    'points-campaign-budget',
    'points-multipliers',
    'points-partial-expiry',
    'expiry-window-paged',
    'expire-until-short-batch',
    'trial-credit-anti-fraud',
    'referral-pay-both-or-neither',
  ],
  ['flow-spin-guard', 'points-refund-per-campaign'],
];

/** The release new starts carry (JourneyClient): every patch this code knows is on for them. */
export const CURRENT_PATCH_RELEASE = JOURNEY_PATCH_RELEASES.length - 1;

/** The patches on from the start for a run started with `release` (nothing for a start without one). */
export function patchesOnThrough(release: unknown): ReadonlySet<string> {
  if (typeof release !== 'number' || !Number.isInteger(release) || release < 1) return new Set();
  return new Set(JOURNEY_PATCH_RELEASES.slice(1, release + 1).flat());
}
