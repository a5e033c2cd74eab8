/** Result of {@link stepFit}. */
export interface StepFitResult {
  /** Index of the first point after the step (1 … n−1). */
  splitIndex: number
  /** Mean of the points before the step. */
  before: number
  /** Mean of the points from the step on. */
  after: number
  /** after − before: the size of the level shift. */
  size: number
  /** Residual sum of squares of the two-level (piecewise-constant) fit. */
  stepSse: number
  /** Residual sum of squares of the least-squares line through the same points. */
  lineSse: number
}

/**
 * Best single level shift (a piecewise-constant fit with one change point)
 * against the least-squares line: which describes the points better, one
 * step between two flat levels or steady growth?
 *
 * Every split k = 1 … n−1 is tried; the two-level fit is the mean of each
 * side and its residual sum of squares is Σ(y − mean)² over both sides. The
 * split with the smallest residual is kept (the least-squares change point,
 * Hinkley 1970). The line is ordinary least squares on x. A lazily built
 * table loaded once fits the step far better than the line; memory that
 * grows with time fits the line (a linear ramp leaves a residual of
 * range²·n/48 under the best step).
 *
 * Reference: Hinkley (1970) "Inference about the change-point in a sequence
 * of random variables", Biometrika 57. Equal to taking, for each k,
 * `sum((y[:k]-y[:k].mean())**2) + sum((y[k:]-y[k:].mean())**2)` with numpy and
 * the minimum over k; the line's residual equals `numpy.polyfit(x, y, 1, full=True)[1]`.
 *
 * O(n) with running sums.
 *
 * @example stepFit([0, 1, 2, 3, 4, 5], [1, 1, 1, 5, 5, 5]) // => { splitIndex: 3, before: 1, after: 5, size: 4, stepSse: 0, lineSse: 5.485714285714286 }
 */
export function stepFit(x: readonly number[], y: readonly number[]): StepFitResult {
  const n = y.length
  if (n < 2 || x.length !== n)
    throw new Error('stepFit requires at least two points, x and y alike')
  let total = 0
  let totalSquares = 0
  for (const v of y) {
    total += v
    totalSquares += v * v
  }
  let best = { splitIndex: 1, sse: Number.POSITIVE_INFINITY }
  let left = 0
  let leftSquares = 0
  for (let k = 1; k < n; k++) {
    left += y[k - 1]
    leftSquares += y[k - 1] * y[k - 1]
    const right = total - left
    const rightSquares = totalSquares - leftSquares
    const sse = leftSquares - (left * left) / k + (rightSquares - (right * right) / (n - k))
    if (sse < best.sse - 1e-12 * Math.abs(totalSquares)) best = { splitIndex: k, sse }
  }
  let before = 0
  for (let i = 0; i < best.splitIndex; i++) before += y[i]
  before /= best.splitIndex
  const after = (total - before * best.splitIndex) / (n - best.splitIndex)
  // Exact residuals (the running-sum form loses digits on large, nearly equal values).
  let stepSse = 0
  for (let i = 0; i < n; i++) stepSse += (y[i] - (i < best.splitIndex ? before : after)) ** 2

  let meanX = 0
  for (const v of x) meanX += v
  meanX /= n
  const meanY = total / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - meanX) ** 2
    sxy += (x[i] - meanX) * (y[i] - meanY)
  }
  const slope = sxx > 0 ? sxy / sxx : 0
  let lineSse = 0
  for (let i = 0; i < n; i++) lineSse += (y[i] - meanY - slope * (x[i] - meanX)) ** 2
  return { splitIndex: best.splitIndex, before, after, size: after - before, stepSse, lineSse }
}
