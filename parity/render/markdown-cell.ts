/** Text made safe for one markdown table cell: backslashes and pipes escaped, one line. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}
