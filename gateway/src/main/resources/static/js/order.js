// One order: its status (polled while the payment is being confirmed), items and history, and for
// learners the trace this browser started for the checkout, to open in Grafana.

import { webConfig } from './config.js';
import { optedOut, setOptedOut, telemetryState } from './telemetry.js';
import { customerCall, formatMoney, isRetriable, traceLink } from './http.js';
import { el } from './dom.js';
import {
  describeFailure,
  keepCartCountFresh,
  productHref,
  productName,
  productsById,
  queryParameter,
  say,
  showProblem,
} from './layout.js';

const POLL_MS = 3000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_ID = /^[0-9a-f]{32}$/;

const orderId = UUID.test(queryParameter('id') ?? '') ? queryParameter('id').toLowerCase() : null;
const title = document.getElementById('order-title');
const banner = document.getElementById('order-banner');
const error = document.getElementById('order-error');
const details = document.getElementById('order-details');
const statusLine = document.getElementById('order-status');
const itemRows = document.querySelector('#order-items tbody');
const history = document.getElementById('status-history');

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
let shownStatus = null;
let itemsShown = false;

const SENTENCES = {
  CONFIRMED: () => 'Thank you, your order is confirmed',
  PENDING: () => 'Your payment is being confirmed; this page updates by itself',
  FAILED: (order) => describeFailure(order.failureReason),
};

function badge(status) {
  return el('span', { class: `badge badge-${String(status).toLowerCase()}` }, status);
}

function time(instant) {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? el('span', {}, String(instant ?? ''))
    : el('time', { datetime: date.toISOString() }, dateTime.format(date));
}

function showNotFound() {
  title.textContent = 'No such order';
  document.title = 'No such order · ODD Shop';
  say(error, 'No such order: it may belong to another browser or an expired session. ',
    el('a', { href: '/' }, 'Back to the catalogue'));
}

/** The status line is a live region: rewritten only when the status changes, so it speaks of changes only. */
function showStatus(order) {
  if (order.status === shownStatus) {
    return;
  }
  shownStatus = order.status;
  const sentence = SENTENCES[order.status]?.(order) ?? '';
  say(statusLine, badge(order.status), ' ', sentence);
  if (order.status === 'FAILED') {
    // the banner said the order was placed; it did not go through after all
    say(banner);
  }
}

async function showItems(order) {
  const products = await productsById(order.items.map((item) => item.productId));
  itemRows.replaceChildren(...order.items.map((item) => {
    const name = productName(products.get(String(item.productId)), item.productId);
    return el('tr', { 'data-product-id': item.productId },
      el('th', { scope: 'row' }, el('a', { href: productHref(item.productId) }, name)),
      el('td', { class: 'number' }, String(item.quantity)),
      el('td', { class: 'number' }, formatMoney(item.unitPriceCents, order.currency)),
      el('td', { class: 'number' }, formatMoney(item.unitPriceCents * item.quantity, order.currency)));
  }));
}

function showHistory(order) {
  history.replaceChildren(...(order.history ?? []).map((change) =>
    el('li', {},
      time(change.at), ' ', badge(change.status),
      change.step ? el('span', { class: 'step' }, ' step ', el('code', {}, change.step)) : null,
      change.reason ? el('span', { class: 'reason' }, `: ${change.reason}`) : null)));
}

async function showOrder(order) {
  details.hidden = false;
  document.getElementById('order-id').textContent = order.orderId;
  document.getElementById('order-created').replaceChildren(time(order.createdAt));
  document.getElementById('order-total').textContent = formatMoney(order.totalCents, order.currency);
  showStatus(order);
  showHistory(order);
  if (!itemsShown) {
    // an order's items never change: looked up once, not on every poll
    itemsShown = true;
    await showItems(order);
  }
}

function readCheckout() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(`oddshop.order.${orderId}`) ?? 'null');
    return stored && TRACE_ID.test(stored.traceId ?? '') ? stored : null;
  } catch {
    return null;
  }
}

async function showLearners() {
  const checkout = readCheckout();
  document.getElementById('trace-known').hidden = !checkout;
  document.getElementById('trace-unknown').hidden = Boolean(checkout);
  if (!checkout) {
    return;
  }
  const seconds = Number(checkout.durationMs) / 1000;
  document.getElementById('checkout-duration').textContent =
    Number.isFinite(seconds) ? `The checkout took ${seconds.toFixed(2)} s` : '';
  document.getElementById('trace-id').textContent = checkout.traceId;
  const config = await webConfig();
  const href = traceLink(config.grafanaUrl, checkout.traceId);
  const link = document.getElementById('trace-link');
  if (href) {
    link.href = href;
  }
  link.hidden = !href;
  document.getElementById('grafana-missing').hidden = Boolean(href);
}

/** Whether this page records its own telemetry (Faro), why not, and the person's switch for it. */
async function showBrowserTelemetry() {
  const state = await telemetryState();
  document.getElementById('browser-telemetry').textContent = state.on
    ? 'Browser telemetry is on: this page\'s loads, Web Vitals, errors and spans go to Grafana (Faro), and the'
      + ' checkout\'s trace starts with the browser\'s own span.'
    : `Browser telemetry is off: ${state.reason}.`;
  const button = document.getElementById('telemetry-switch');
  // the person's choice is offered only where there is something to choose
  button.hidden = !state.on && !optedOut();
  button.textContent = optedOut() ? 'Turn browser telemetry on' : 'Turn browser telemetry off';
}

function initTelemetrySwitch() {
  document.getElementById('telemetry-switch').addEventListener('click', () => {
    setOptedOut(!optedOut());
    // Faro, once started, records until the page goes: the choice applies from the next page
    window.location.reload();
  });
}

/** Reads the order; a PENDING one (or an answer that may come right next time) is read again. */
async function load() {
  const result = await customerCall('GET', `/api/orders/${orderId}`);
  if (result.status === 404) {
    details.hidden = true;
    showNotFound();
    return;
  }
  if (result.ok) {
    say(error);
    await showOrder(result.data);
  } else {
    showProblem(error, result.problem);
  }
  const pending = result.ok ? result.data.status === 'PENDING' : shownStatus === 'PENDING' || isRetriable(result.problem);
  if (pending) {
    setTimeout(load, POLL_MS);
  }
}

function start() {
  keepCartCountFresh();
  initTelemetrySwitch();
  showBrowserTelemetry();
  if (!orderId) {
    showNotFound();
    return;
  }
  const shortId = orderId.slice(0, 8);
  title.textContent = `Order ${shortId}`;
  document.title = `Order ${shortId} · ODD Shop`;
  if (queryParameter('new') === '1') {
    say(banner, 'Thank you, your order was placed.');
  }
  showLearners();
  load();
}

start();
