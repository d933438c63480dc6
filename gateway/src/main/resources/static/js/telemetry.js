// The pages' own telemetry, when the deployment has it on (/web-config.json): Grafana Faro records
// page loads, Web Vitals, JavaScript errors and the browser's spans, and sends them to the gateway's
// /faro/collect. Faro's two browser bundles come from the gateway too (never a CDN), as classic
// scripts: they define the globals GrafanaFaroWebSdk and GrafanaFaroWebTracing, the SDK first.

import { webConfig } from './config.js';

const APP = { name: 'odd-shop-web', version: '0.1.0' };
const OPT_OUT = 'oddshop.telemetry';

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** Whether this browser's person has turned the recording off (the footer's switch). */
export function optedOut() {
  try {
    return localStorage.getItem(OPT_OUT) === 'off';
  } catch {
    return false;
  }
}

export function setOptedOut(off) {
  try {
    if (off) {
      localStorage.setItem(OPT_OUT, 'off');
    } else {
      localStorage.removeItem(OPT_OUT);
    }
  } catch {
    // storage refused: the choice lasts for this page
  }
}

async function start() {
  const config = await webConfig();
  const telemetry = config.browserTelemetry ?? {};
  if (!telemetry.enabled || optedOut()) {
    return null;
  }
  try {
    await loadScript('/vendor/faro/faro-web-sdk.iife.js');
    await loadScript('/vendor/faro/faro-web-tracing.iife.js');
    const { initializeFaro, getWebInstrumentations } = window.GrafanaFaroWebSdk;
    const { TracingInstrumentation } = window.GrafanaFaroWebTracing;
    return initializeFaro({
      // absolute, so Faro's own requests to it are never traced themselves
      url: new URL(telemetry.collectorPath, window.location.origin).href,
      app: { ...APP, environment: window.location.hostname },
      // every item leaves at once, with keepalive: a checkout's spans, flushed as the page goes to
      // the order page, would otherwise wait in a batch that the navigation throws away
      batching: { enabled: false },
      // the API calls get a span of their own (traced): the fetch instrumentation's would end after
      // the page has moved on and be lost, leaving the backend's trace without its parent
      ignoreUrls: [/\/api\//, /\/admin\//],
      // the pages report their problems to the person; console.error is no crash
      instrumentations: [...getWebInstrumentations({ captureConsole: false }), new TracingInstrumentation()],
    });
  } catch {
    // the shop works without its telemetry
    return null;
  }
}

const started = start();

/** The state of the browser's telemetry, for the pages that say it: {on, reason}. */
export async function telemetryState() {
  const faro = await started;
  if (faro) {
    return { on: true, reason: null };
  }
  const config = await webConfig();
  if (optedOut()) {
    return { on: false, reason: 'you turned it off in this browser' };
  }
  return { on: false, reason: config.browserTelemetry?.reason ?? 'it is off in this deployment' };
}

const CLIENT = 2; // OpenTelemetry's SpanKind.CLIENT
const ERROR = 2; // OpenTelemetry's SpanStatusCode.ERROR

/**
 * Runs send(traceHeaders) in a trace that starts in the browser; answers {traceId, answer}. With
 * Faro, the call is a client span of the page's, exported with the page's other telemetry, and the
 * traceparent names it; without, traceHeaders is a traceparent made here (no span to export).
 * send answers {response} or {error}.
 */
export async function traced(method, path, send, ownTraceparent) {
  const faro = await started;
  const otel = faro?.api?.getOTEL();
  if (!otel) {
    const { traceparent, traceId } = ownTraceparent();
    return { traceId, answer: await send({ traceparent }) };
  }
  const span = otel.trace.getTracer('odd-shop-web').startSpan(`${method} ${path.split('?')[0]}`, {
    kind: CLIENT,
    attributes: { 'http.request.method': method, 'url.path': path.split('?')[0] },
  });
  const { traceId, spanId } = span.spanContext();
  const answer = await send({ traceparent: `00-${traceId}-${spanId}-01` });
  if (answer.response) {
    span.setAttribute('http.response.status_code', answer.response.status);
  } else {
    span.setStatus({ code: ERROR, message: String(answer.error) });
  }
  span.end();
  return { traceId, answer };
}
