// The deployment's settings for the pages (/web-config.json): Grafana, runbooks, browser telemetry.

const NO_CONFIG = Object.freeze({
  grafanaUrl: null,
  runbooksUrl: null,
  dashboards: [],
  browserTelemetry: { enabled: false, reason: 'the settings could not be read' },
});

let config = null;

/** The settings, fetched once per page; without them, no links to tools and no browser telemetry. */
export function webConfig() {
  // a plain fetch: the settings decide whether the API calls are traced, so they are read before
  config ??= fetch('/web-config.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : NO_CONFIG))
    .then((read) => (read && typeof read === 'object' ? { ...NO_CONFIG, ...read } : NO_CONFIG))
    .catch(() => NO_CONFIG);
  return config;
}
