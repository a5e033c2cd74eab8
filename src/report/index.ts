/**
 * The renderers of a {@link Report}: Markdown (PR comment, job summary),
 * HTML (report artifact), text (terminal) and JSON. All pure string functions.
 */
export { renderMarkdown, DEFAULT_MAX_LENGTH } from './markdown.js'
export { renderHtml } from './html.js'
export { renderText } from './text.js'
export { renderJson } from './json.js'
export { markerComment, readHiddenData, hiddenDataComment, sanitizeKey } from './escape.js'
export type { MarkdownContext, TextOptions, HtmlOptions } from './types.js'
