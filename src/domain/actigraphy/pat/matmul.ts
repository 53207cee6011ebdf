/**
 * The one kernel the PAT forward pass spends its time in: C = A · Bᵀ (+ bias per column), all row-major Float32Array
 * views given as (array, offset, leading dimension). B is taken transposed so that every output is a dot product of
 * two contiguous rows; a 2 × 4 register block reuses each loaded value 2–4 times and keeps the 8 sums in locals
 * (no stores in the inner loop, no allocation anywhere).
 */
export interface MatrixView {
  readonly data: Float32Array;
  readonly offset: number;
  /** distance between rows */
  readonly stride: number;
}

export const view = (data: Float32Array, offset = 0, stride = 0): MatrixView => ({ data, offset, stride });

/** c[i][j] = Σ_k a[i][k] · b[j][k] + (bias?.[j] ?? 0), for i < m, j < n, k < depth. */
export function matmulTransposed(
  a: MatrixView,
  b: MatrixView,
  c: MatrixView,
  m: number,
  n: number,
  depth: number,
  bias: Float32Array | null = null,
): void {
  const A = a.data;
  const B = b.data;
  const C = c.data;
  const lda = a.stride;
  const ldb = b.stride;
  const ldc = c.stride;
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = a.offset + i * lda;
    const a1 = a0 + lda;
    const c0 = c.offset + i * ldc;
    const c1 = c0 + ldc;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = b.offset + j * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let k = 0; k < depth; k++) {
        const x0 = A[a0 + k]!;
        const x1 = A[a1 + k]!;
        const y0 = B[b0 + k]!;
        const y1 = B[b1 + k]!;
        const y2 = B[b2 + k]!;
        const y3 = B[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const q0 = bias ? bias[j]! : 0;
      const q1 = bias ? bias[j + 1]! : 0;
      const q2 = bias ? bias[j + 2]! : 0;
      const q3 = bias ? bias[j + 3]! : 0;
      C[c0 + j] = s00 + q0;
      C[c0 + j + 1] = s01 + q1;
      C[c0 + j + 2] = s02 + q2;
      C[c0 + j + 3] = s03 + q3;
      C[c1 + j] = s10 + q0;
      C[c1 + j + 1] = s11 + q1;
      C[c1 + j + 2] = s12 + q2;
      C[c1 + j + 3] = s13 + q3;
    }
    for (; j < n; j++) {
      const b0 = b.offset + j * ldb;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < depth; k++) {
        const y = B[b0 + k]!;
        s0 += A[a0 + k]! * y;
        s1 += A[a1 + k]! * y;
      }
      const q = bias ? bias[j]! : 0;
      C[c0 + j] = s0 + q;
      C[c1 + j] = s1 + q;
    }
  }
  for (; i < m; i++) {
    const a0 = a.offset + i * lda;
    const c0 = c.offset + i * ldc;
    for (let j = 0; j < n; j++) {
      const b0 = b.offset + j * ldb;
      let s = 0;
      for (let k = 0; k < depth; k++) s += A[a0 + k]! * B[b0 + k]!;
      C[c0 + j] = s + (bias ? bias[j]! : 0);
    }
  }
}

/** The transpose of a rows × cols row-major matrix (done once per weight at load time). */
export function transpose(source: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = source[r * cols + c]!;
  return out;
}
