/** Fire times shown in the schedule's own zone (interval schedules: UTC), with the UTC instant on hover. */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatFire(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // A fixed locale keeps the server render and the browser's identical.
    f = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      dateStyle: undefined,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

export function FireTimes({ fires, timeZone, testId }: { fires: string[]; timeZone: string; testId: string }) {
  if (fires.length === 0) return <p className="text-sm text-zinc-500">No further fires: the schedule has ended.</p>;
  return (
    <ol className="space-y-0.5 text-sm tabular-nums text-zinc-700" data-testid={testId}>
      {fires.map((fire) => (
        <li key={fire} title={fire}>
          {formatFire(fire, timeZone)}
        </li>
      ))}
    </ol>
  );
}
