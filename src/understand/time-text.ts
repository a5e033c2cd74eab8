/**
 * Times as loggers print them before a row or on a line of their own: the forms the sniffer and
 * the row readers (docker stats frames, kubectl top, /proc tables) recognise. A leaf module: it
 * imports nothing of the readers that use it.
 */

/**
 * A date text as shell loggers print it before a frame or a row: `date`
 * (`Thu Nov  5 06:44:04 UTC 2026`, `... 06:44:04 AM UTC 2026`, en_GB
 * `Thu  5 Nov ...`), `date -R` (`Thu, 05 Nov 2026 06:44:04 +0000`), JS
 * `toString()` / `toUTCString()`. The time parser decides if it is usable.
 */
const DATE_TEXT =
  '(?:[A-Z][a-z]{2},? +)?(?:[A-Z][a-z]{2} +\\d{1,2}|\\d{1,2} +[A-Z][a-z]{2})(?: +\\d{4})? +\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?: +[AP]M)?(?: +(?:[A-Z]{1,5}(?:[+-]\\d{2}:?\\d{2})?|[+-]\\d{2}:?\\d{2}))?(?: +\\d{4})?(?: +\\([^)]*\\))?'
const TIME_FORMS = `\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?|\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?|\\d{10,19}(?:\\.\\d+)?|${DATE_TEXT}`
/**
 * Other `date +FORMAT` outputs, on a line of their own: the date's parts
 * joined by `_ - . /` or blanks, day or year first, the month as a number or
 * a name (`19_Feb_2024_16_22_56`, `2024-02-19_16-22-56`, `02/19/2024 16:22:56`,
 * `%Y%m%d_%H%M%S`), optionally with AM/PM and a zone.
 */
const DATE_STAMP =
  '\\d{1,4}[-_./ ](?:\\d{1,2}|[A-Za-z]{3,9})[-_./ ]\\d{2,4}(?:[-_T ,]+\\d{1,2}[-_:.h]\\d{2}(?:[-_:.m]\\d{2}(?:[.,]\\d{1,9})?)?)?(?: ?[AaPp][Mm])?(?: ?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?|\\d{8}[-_T]\\d{4,6}'
const TIME_TOKEN = `\\[?(${TIME_FORMS})\\]?`
/**
 * A line that is only a time, as a logger prints one before each frame of
 * `docker stats --no-stream`: any form above, maybe in brackets, with a
 * trailing `:`, a label (`Time: `, `DATE=`) or rules around it
 * (`=== ... ===`, `--- ... ---`). Group 1 is the time.
 */
export const TIME_LINE_RE = new RegExp(
  `^(?:[=#*~>-]+ *)?(?:(?:[Tt]ime(?:stamp)?|TIME(?:STAMP)?|[Dd]ate|DATE|[Nn]ow|NOW) *[:=] *)?\\[?(${TIME_FORMS}|${DATE_STAMP})\\]? *:?(?: *[=#*~<-]+)?$`
)
/** A time before a row (`date -Iseconds`, `$(date)`, `date -R` ...); group 2 is the rest. */
export const TIME_PREFIX_RE = new RegExp(`^${TIME_TOKEN}(?: *[,|] *| +)(\\S.*)$`)
const TIME_CELL_RE = new RegExp(`^(?:${TIME_FORMS})$`)
/** True when a table cell is a time: ISO, a clock, epoch seconds to ns, or a `date` text. */
export function isTimeCell(cell: string): boolean {
  return cell.length <= 80 && TIME_CELL_RE.test(cell)
}
