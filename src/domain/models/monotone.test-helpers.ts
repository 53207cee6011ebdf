/**
 * `a ≥ b` up to floating-point noise (relative 1e-12): monotonicity properties compare risks computed through
 * exp/log chains, where a step that clamps at a range edge (319.9999999999999 → 320) can differ by 1e-16.
 */
export const atLeast = (a: number, b: number): boolean => a >= b - Math.abs(b) * 1e-12;
