/** Today's date in Santiago as 'YYYY-MM-DD' (deadlines are Chilean calendar days). */
export function todayInSantiago(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Santiago", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
