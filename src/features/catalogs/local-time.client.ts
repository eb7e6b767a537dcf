// Times in the person's own time zone, where the browser can say which it is. Without this
// script the forms take and the pages show UTC, as they say; with it, a schedule field takes the
// browser's wall-clock time (its zone goes along in `tz`; the server stores UTC) and the times
// on the page are shown in that zone too.

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const wallClock = (date: Date) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(date).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};

export function localizeTimes(root: ParentNode = document): void {
  if (!zone) return;
  for (const field of root.querySelectorAll<HTMLInputElement>('input[type=datetime-local][data-zone-field]')) {
    const tz = field.form?.querySelector<HTMLInputElement>('input[name=tz]');
    if (!tz) continue;
    tz.value = zone;
    if (field.min) field.min = wallClock(new Date(`${field.min}Z`));
    for (const label of root.querySelectorAll<HTMLElement>(`[data-zone-of="${field.id}"]`)) label.textContent = zone;
    const now = root.querySelector<HTMLElement>(`[data-now-of="${field.id}"]`);
    if (now) now.textContent = `${wallClock(new Date()).replace('T', ' ')} (${zone})`;
  }
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    time.textContent = `${wallClock(new Date(time.dateTime)).replace('T', ' ')} (${zone})`;
    time.title = `${time.dateTime.slice(0, 16).replace('T', ' ')} UTC`;
  }
}
