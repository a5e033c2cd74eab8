/**
 * The renderers' view of {@link countProblems}: the counting itself lives in
 * `analyze/problem-count.ts`, since the headline (an analysis decision) needs it too.
 */
export { countProblems, describeErrorCount, problemsIn } from '../analyze/problem-count.js'
