// The shop's API client, shared by the storefront and the control room.
// Every call starts its own W3C trace in the browser, so a learner can follow one click
// from this page through the gateway to the services; HTTP errors are answers, never exceptions.

import { traced } from './telemetry.js';

const ACCEPT = 'application/json, application/problem+json';
const PROBLEM_BASE = 'https://odd-shop.dev/problems/';
const RETRIABLE = new Set([0, 429, 503, 504]);

/** Lower-case hex of random bytes; all zeros is invalid in W3C trace context, so draw again. */
function randomHex(byteCount) {
  const bytes = new Uint8Array(byteCount);
  do {
    crypto.getRandomValues(bytes);
  } while (bytes.every((b) => b === 0));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh, sampled W3C traceparent: the backend's trace of the call is rooted here. */
export function newTraceparent() {
  const traceId = randomHex(16);
  const spanId = randomHex(8);
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** The body as JSON, or null when there is none or it is not JSON (e.g. a 431 from the server itself). */
async function readJson(response) {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The problem details of an error answer; a stand-in when the body has none, so callers need no checks. */
function problemOf(response, body) {
  const problem = body && typeof body === 'object'
    ? { ...body }
    : { type: 'about:blank', title: response.statusText || `HTTP ${response.status}` };
  problem.status ??= response.status;
  // the limiters send Retry-After as a header only; describeProblem needs it
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  if (problem.retryAfter === undefined && Number.isFinite(retryAfter)) {
    problem.retryAfter = retryAfter;
  }
  return problem;
}

function networkProblem(error) {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
  };
}

/** Sends the request; its answer, or a network problem when it never got one. */
async function send(method, path, { body, headers }, traceHeaders) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: ACCEPT, ...headers, ...traceHeaders },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  try {
    const response = await fetch(path, init);
    return { response, json: await readJson(response) };
  } catch (error) {
    return { response: null, error };
  }
}

/**
 * One HTTP call: resolves to {status, ok, data, problem, traceId, durationMs}. data is the JSON of a 2xx,
 * problem the problem details of anything else (status 0 when the request never got an answer). Its trace
 * starts in the browser (telemetry.js: a span of the page's own when Faro is on).
 */
export async function call(method, path, options = {}) {
  const started = performance.now();
  const { traceId, answer } = await traced(
    method,
    path,
    (traceHeaders) => send(method, path, options, traceHeaders),
    newTraceparent,
  );
  const durationMs = performance.now() - started;
  const { response, json, error } = answer;
  if (!response) {
    return { status: 0, ok: false, data: null, problem: networkProblem(error), traceId, durationMs };
  }
  return response.ok
    ? { status: response.status, ok: true, data: json, problem: null, traceId, durationMs }
    : { status: response.status, ok: false, data: null, problem: problemOf(response, json), traceId, durationMs };
}

// Requests that meet a 401 together must open one session between them, not one each:
// every session is a new customer, and the cart belongs to exactly one of them.
let sessionOpening = null;
let sessionEpoch = 0;

function openSession() {
  sessionOpening ??= call('POST', '/api/session').then((result) => {
    if (result.ok) {
      sessionEpoch += 1;
    }
    sessionOpening = null;
    return result;
  });
  return sessionOpening;
}

/**
 * A call to a customer route. The session lives in an HttpOnly cookie that scripts cannot read, so
 * the only sign of a missing or expired one is a 401: then open a session and repeat the call once.
 */
export async function customerCall(method, path, options) {
  const epoch = sessionEpoch;
  const first = await call(method, path, options);
  if (first.status !== 401) {
    return first;
  }
  // a session opened by another call since this one left is already in the cookie
  if (epoch === sessionEpoch) {
    const session = await openSession();
    if (!session.ok) {
      return session;
    }
  }
  return call(method, path, options);
}

/** The last path segment of a problem type, e.g. "cart-full"; "" for about:blank or none. */
function kindOf(problem) {
  const type = problem?.type ?? '';
  return type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length).split(/[/?#]/)[0] : '';
}

const BUSY = 'The shop is busy or a service is unavailable; nothing was ordered or charged. Try again.';
const TIMEOUT = 'The shop took too long to answer. Try again: a repeated payment is never charged twice.';

function rateLimited(problem) {
  const seconds = Number(problem.retryAfter);
  return Number.isFinite(seconds) && seconds > 0
    ? `Too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
    : 'Too many requests; try again in a moment.';
}

function withDetail(sentence, detail) {
  return detail ? `${sentence}: ${detail}` : `${sentence}.`;
}

// Kinds of problem in words for a person; a function when the words depend on the problem.
const SENTENCES = {
  // order-service's detail starts with its own "insufficient stock: "; the sentence says it already
  'insufficient-stock': (p) => withDetail('Sorry, one of the products sold out', p.detail?.replace(/^insufficient stock:\s*/i, '')),
  'cart-empty': () => 'Your cart is empty: add a product before paying.',
  'cart-full': () => 'Your cart is full: it holds at most 50 different products.',
  'cart-checked-out': () => 'This cart has been checked out already and cannot change.',
  'product-unavailable': () => 'One of the products is no longer sold: remove it from your cart and try again.',
  'idempotency-key-reused': () => 'This payment attempt belongs to another cart; press Pay to start a new one.',
  'concurrent-update': () => 'Something changed at the same time; reload the page and try again.',
  'rate-limited': rateLimited,
  'service-unavailable': () => BUSY,
  'service-busy': () => BUSY,
  'dependency-unavailable': () => BUSY,
  'gateway-timeout': () => TIMEOUT,
  unauthorized: () => 'The admin token was refused.',
  validation: (p) => withDetail('The request was not valid', p.detail),
  'bad-request': (p) => withDetail('The request was not valid', p.detail),
  'quantity-limit': (p) => withDetail('Too many of one product', p.detail),
  'not-found': (p) => withDetail('Not found', p.detail),
};

// When the answer has no known kind (a proxy's own error page, say), its status still tells a lot.
function byStatus(problem) {
  switch (problem.status) {
    case 0: return 'The shop could not be reached; check your connection and try again.';
    case 401: return SENTENCES.unauthorized();
    case 404: return withDetail('Not found', problem.detail);
    case 429: return rateLimited(problem);
    case 502:
    case 503: return BUSY;
    case 504: return TIMEOUT;
    default: return null;
  }
}

/** A sentence a person understands for a problem answer. */
export function describeProblem(problem) {
  if (!problem) {
    return 'Something went wrong.';
  }
  const sentence = SENTENCES[kindOf(problem)];
  if (sentence) {
    return sentence(problem);
  }
  return byStatus(problem) ?? problem.title ?? `Something went wrong (HTTP ${problem.status}).`;
}

/** True when repeating the same request (with the same Idempotency-Key) is safe and may succeed. */
export function isRetriable(problem) {
  return RETRIABLE.has(problem?.status);
}

const moneyFormats = new Map();

/** Minor units as money, e.g. formatMoney(1999, 'EUR') → "€19.99". */
export function formatMoney(cents, currency) {
  const amount = Number(cents) / 100;
  try {
    if (!moneyFormats.has(currency)) {
      moneyFormats.set(currency, new Intl.NumberFormat('en', { style: 'currency', currency }));
    }
    return moneyFormats.get(currency).format(amount);
  } catch {
    // an unknown currency code must not break the page
    return `${amount.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

/** A Grafana Explore URL that opens the trace in the Tempo datasource; null without Grafana. */
export function traceLink(grafanaUrl, traceId) {
  if (!grafanaUrl) {
    return null;
  }
  const pane = {
    t: {
      datasource: 'tempo',
      queries: [{
        refId: 'A',
        datasource: { type: 'tempo', uid: 'tempo' },
        queryType: 'traceql',
        query: traceId,
      }],
      range: { from: 'now-1h', to: 'now' },
    },
  };
  const base = grafanaUrl.replace(/\/+$/, '');
  return `${base}/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify(pane))}`;
}
