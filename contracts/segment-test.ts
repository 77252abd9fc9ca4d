/**
 * The failure type of a segment test (a flow's segment condition) that outlived its statement timeout: non-retryable
 * (the filter, not the database, is the problem); the journey fails with it as its reason.
 */
export const SEGMENT_TEST_TIMEOUT = 'SEGMENT_TEST_TIMEOUT';
