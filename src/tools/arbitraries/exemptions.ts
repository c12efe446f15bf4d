/**
 * Ops without an arbitrary, each with the reason. An op missing from both this list and
 * ARBITRARIES fails the conformance suite's completeness check.
 */
export const EXEMPTIONS: Readonly<Record<string, string>> = {
};
