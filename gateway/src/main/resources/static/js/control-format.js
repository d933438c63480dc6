// Times as the API sends them (ISO-8601 instants and durations) and as a person reads them.

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO-8601 duration ("PT5M", "PT1.5S"); a bare number counts as seconds; else null. */
export function durationMs(value) {
  if (typeof value === 'number') {
    return value * 1000;
  }
  const match = ISO_DURATION.exec(String(value ?? '').trim());
  if (!match) {
    return null;
  }
  const [, minus, days = 0, hours = 0, minutes = 0, seconds = 0] = match;
  const ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
  return minus ? -ms : ms;
}

/** Epoch milliseconds of an ISO-8601 instant; a bare number counts as epoch seconds; else null. */
export function instantMs(value) {
  if (typeof value === 'number') {
    return value * 1000;
  }
  const ms = Date.parse(value ?? '');
  return Number.isNaN(ms) ? null : ms;
}

/** "4 min 12 s", "1 h 5 min", "1.5 s"; "" for no duration. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return '';
  }
  const seconds = Math.max(0, ms) / 1000;
  // a fault's per-call latency is often a fraction of a second: keep it
  if (seconds < 60 && !Number.isInteger(seconds)) {
    return `${Number(seconds.toFixed(2))} s`;
  }
  const whole = Math.round(seconds);
  const parts = [];
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (whole % 60 || parts.length === 0) parts.push(`${whole % 60} s`);
  return parts.join(' ');
}

/** An ISO duration for a person, or "?" when it cannot be read. */
export function formatIso(value) {
  return formatDuration(durationMs(value)) || '?';
}

/** "starts in 30 s" before the start, "4 min 12 s left" until the end; whole seconds, rounded up. */
export function timeLeft(startMs, endMs, now = Date.now()) {
  const countdown = (ms) => formatDuration(Math.ceil(ms / 1000) * 1000);
  if (startMs !== null && startMs > now) {
    return `starts in ${countdown(startMs - now)}`;
  }
  return endMs === null ? '' : `${countdown(Math.max(0, endMs - now))} left`;
}

export function localTime(ms) {
  return ms === null ? '?' : new Date(ms).toLocaleTimeString();
}
