// The cart and its checkout. A checkout attempt has one Idempotency-Key, kept in sessionStorage before
// the request leaves: a double click, a retry after a timeout or a reload re-sends the same key, and the
// API answers the order it made the first time instead of charging again.

import { customerCall, formatMoney, isRetriable } from './http.js';
import { el } from './dom.js';
import {
  addItem,
  cartPath,
  describeFailure,
  fetchCart,
  forgetCart,
  productHref,
  productName,
  productsById,
  removeItem,
  say,
  showCartCount,
  showProblem,
  storedCartId,
} from './layout.js';

const MAX_QUANTITY = 100;
const CART_GONE = 'Your cart is no longer available (your session may have expired): add the products again.';

const cartStatus = document.getElementById('cart-status');
const cartError = document.getElementById('cart-error');
const emptyNote = document.getElementById('cart-empty');
const contents = document.getElementById('cart-contents');
const rows = document.querySelector('#cart-items tbody');
const total = document.getElementById('cart-total');
const form = document.getElementById('checkout-form');
const payButton = document.getElementById('pay');
const retryButton = document.getElementById('retry');
const checkoutStatus = document.getElementById('checkout-status');
const checkoutError = document.getElementById('checkout-error');

let cart = null;
let names = new Map();
let editing = false;
let paying = false;
// a slower rendering of an older cart must not overwrite a newer one
let latestRender = 0;

/* ---------- the checkout attempt, in sessionStorage ---------- */

const attemptKey = (cartId) => `oddshop.checkout.${cartId}`;
// storage refused (a privacy mode): the attempt lives as long as the page
const attemptsInMemory = new Map();

function readAttempt(cartId) {
  try {
    const stored = sessionStorage.getItem(attemptKey(cartId));
    return stored ? { cartId, ...JSON.parse(stored) } : null;
  } catch {
    return attemptsInMemory.get(cartId) ?? null;
  }
}

function openAttempt(cartId, card) {
  const attempt = { cartId, key: crypto.randomUUID(), card };
  attemptsInMemory.set(cartId, attempt);
  try {
    sessionStorage.setItem(attemptKey(cartId), JSON.stringify({ key: attempt.key, card }));
  } catch {
    // kept in memory only
  }
  return attempt;
}

function closeAttempt(cartId) {
  attemptsInMemory.delete(cartId);
  try {
    sessionStorage.removeItem(attemptKey(cartId));
  } catch {
    // nothing stored
  }
}

/** What the order page shows learners: the trace id this browser sent and how long the checkout took. */
function rememberCheckout(orderId, { traceId, durationMs }) {
  try {
    sessionStorage.setItem(`oddshop.order.${orderId}`, JSON.stringify({ traceId, durationMs }));
  } catch {
    // the order page then says the trace is unknown
  }
}

/* ---------- showing the cart ---------- */

function updateControls() {
  const locked = editing || paying || cart?.status !== 'OPEN';
  rows.querySelectorAll('input, button').forEach((control) => {
    control.disabled = locked;
  });
  payButton.disabled = locked;
  // a retry re-sends an attempt whatever the cart's state: its answer is the order the attempt made
  retryButton.disabled = editing || paying;
  form.querySelectorAll('input[name="card"]').forEach((radio) => {
    radio.disabled = paying;
  });
}

function itemRow(item, name, currency) {
  return el('tr', { 'data-product-id': item.productId },
    el('th', { scope: 'row' }, el('a', { href: productHref(item.productId) }, name)),
    el('td', { class: 'number' }, formatMoney(item.unitPriceCents, currency)),
    el('td', {},
      el('input', {
        type: 'number',
        class: 'quantity',
        min: 1,
        max: MAX_QUANTITY,
        step: 1,
        value: item.quantity,
        'aria-label': `Quantity of ${name}`,
      })),
    el('td', { class: 'number' }, formatMoney(item.unitPriceCents * item.quantity, currency)),
    el('td', {}, el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${name}` }, 'Remove')));
}

async function showCart(shown) {
  const render = ++latestRender;
  cart = shown;
  showCartCount(shown);
  const empty = !shown || shown.items.length === 0;
  if (!empty) {
    const products = await productsById(shown.items.map((item) => item.productId));
    if (render !== latestRender) {
      return;
    }
    names = new Map(shown.items.map((item) =>
      [String(item.productId), productName(products.get(String(item.productId)), item.productId)]));
    rows.replaceChildren(...shown.items.map((item) =>
      itemRow(item, names.get(String(item.productId)), shown.currency)));
    total.textContent = formatMoney(shown.totalCents, shown.currency);
  } else {
    rows.replaceChildren();
  }
  emptyNote.hidden = !empty;
  contents.hidden = empty;
  form.hidden = empty;
  updateControls();
}

/** Starts over with no cart: the next add in the catalogue creates a new one. */
async function dropCart(cartId, reason) {
  forgetCart(cartId);
  closeAttempt(cartId);
  await showCart(null);
  if (reason) {
    say(cartError, reason);
  }
}

/**
 * Reads the stored cart and shows it; a cart that is gone (a new session is a new customer) or checked out
 * is dropped. keepCheckedOut keeps a checked-out one, for an open attempt to find its order. Answers the cart.
 */
async function reloadCart({ keepCheckedOut = false } = {}) {
  const cartId = cart?.cartId ?? storedCartId();
  if (!cartId) {
    await showCart(null);
    return null;
  }
  const result = await fetchCart(cartId);
  if (result.status === 404) {
    await dropCart(cartId, CART_GONE);
    return null;
  }
  if (!result.ok) {
    showProblem(cartError, result.problem);
    return null;
  }
  if (result.data.status === 'CHECKED_OUT' && !keepCheckedOut) {
    await dropCart(cartId);
    return null;
  }
  await showCart(result.data);
  return result.data;
}

/* ---------- changing the cart ---------- */

/**
 * Sets a line's quantity. The API adds a POSTed quantity to what the cart holds (Cart.add): more is one
 * add of the difference; fewer is a remove, then an add of the new quantity.
 */
async function setQuantity(productId, had, wanted) {
  if (wanted > had) {
    return addItem(cart.cartId, productId, wanted - had);
  }
  const removed = await removeItem(cart.cartId, productId);
  return removed.ok ? addItem(cart.cartId, productId, wanted) : removed;
}

/** Puts the focus back where it was after the rows were drawn again, or on a neighbour when the row went. */
function restoreFocus(productId, selector, index) {
  const row = [...rows.rows].find((candidate) => candidate.dataset.productId === productId)
    ?? rows.rows[Math.min(index, rows.rows.length - 1)];
  const target = row?.querySelector(selector) ?? emptyNote.querySelector('a');
  if (target && !target.closest('[hidden]')) {
    target.focus();
  }
}

async function edit(productId, selector, change, done) {
  const index = [...rows.rows].findIndex((row) => row.dataset.productId === productId);
  editing = true;
  updateControls();
  say(cartError);
  const result = await change();
  editing = false;
  if (result.ok) {
    await showCart(result.data);
    say(cartStatus, done);
  } else {
    showProblem(cartError, result.problem);
    // a remove may have gone through before its add failed, or the cart is gone: show what is true now
    await reloadCart();
  }
  restoreFocus(productId, selector, index);
}

function changeQuantity(input) {
  const productId = input.closest('tr').dataset.productId;
  const line = cart.items.find((item) => String(item.productId) === productId);
  const wanted = Number(input.value);
  const name = names.get(productId);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > MAX_QUANTITY) {
    input.value = String(line.quantity);
    say(cartError, `Choose a quantity of ${name} from 1 to ${MAX_QUANTITY}.`);
    return;
  }
  if (wanted === line.quantity) {
    return;
  }
  if (wanted === 0) {
    removeLine(productId);
    return;
  }
  edit(productId, '.quantity', () => setQuantity(productId, line.quantity, wanted),
    `Quantity of ${name} changed to ${wanted}`);
}

function removeLine(productId) {
  const name = names.get(productId);
  edit(productId, '.quantity', () => removeItem(cart.cartId, productId), `${name} removed from your cart`);
}

/* ---------- paying ---------- */

function selectedCard() {
  return form.querySelector('input[name="card"]:checked')?.value ?? 'tok_visa';
}

function selectCard(card) {
  const radio = [...form.querySelectorAll('input[name="card"]')].find((input) => input.value === card);
  if (radio) {
    radio.checked = true;
  }
}

/** CONFIRMED and PENDING orders are made: on to the order. FAILED reopened the cart for another card. */
async function settle(attempt, result) {
  const order = result.data;
  closeAttempt(attempt.cartId);
  if (order.status === 'FAILED') {
    paying = false;
    say(checkoutStatus);
    say(checkoutError, describeFailure(order.failureReason));
    await reloadCart();
    return;
  }
  rememberCheckout(order.orderId, result);
  forgetCart(attempt.cartId);
  say(checkoutStatus, 'Paid. Opening your order…');
  // paying stays true: nothing may be sent while the next page loads
  window.location.assign(`order.html?id=${encodeURIComponent(order.orderId)}&new=1`);
}

async function refuse(attempt, problem) {
  paying = false;
  say(checkoutStatus);
  showProblem(checkoutError, problem);
  if (isRetriable(problem)) {
    // the attempt stays open: Try again sends the same request with the same key
    retryButton.hidden = false;
    return;
  }
  // a 404 among them: a new session is a new customer, and the old cart does not exist for them
  closeAttempt(attempt.cartId);
  await reloadCart();
}

async function send(attempt) {
  if (paying) {
    return;
  }
  paying = true;
  updateControls();
  retryButton.hidden = true;
  say(checkoutError);
  say(checkoutStatus, 'Paying…');
  const result = await customerCall('POST', cartPath(attempt.cartId, '/checkout'), {
    headers: { 'Idempotency-Key': attempt.key },
    body: { paymentMethod: { type: 'card', token: attempt.card } },
  });
  if (result.ok) {
    await settle(attempt, result);
  } else {
    await refuse(attempt, result.problem);
  }
  updateControls();
}

function pay(event) {
  event.preventDefault();
  if (paying || editing || cart?.status !== 'OPEN') {
    return;
  }
  const card = selectedCard();
  let attempt = readAttempt(cart.cartId);
  if (attempt && attempt.card !== card) {
    // a key belongs to one request body: another card is another attempt
    closeAttempt(cart.cartId);
    attempt = null;
  }
  send(attempt ?? openAttempt(cart.cartId, card));
}

function retry() {
  const attempt = cart && readAttempt(cart.cartId);
  if (attempt) {
    send(attempt);
  } else {
    form.requestSubmit();
  }
}

function cardChanged() {
  const attempt = cart && readAttempt(cart.cartId);
  if (attempt && attempt.card !== selectedCard()) {
    closeAttempt(cart.cartId);
    retryButton.hidden = true;
    say(checkoutError);
  }
}

/* ---------- starting ---------- */

/**
 * An attempt left open by a reload: when the cart is no longer open its request got through, so sending it
 * again answers that order; otherwise it waits for the customer's Try again (or Pay, same key).
 */
function resumeAttempt(attempt) {
  selectCard(attempt.card);
  if (cart.status !== 'OPEN') {
    send(attempt);
    return;
  }
  retryButton.hidden = false;
  say(checkoutStatus, 'Your last payment did not finish. Try again sends it again: it is never charged twice.');
}

async function start() {
  // also after a return from the back-forward cache: what this page showed may be stale
  cart = null;
  paying = false;
  retryButton.hidden = true;
  [cartError, checkoutStatus, checkoutError].forEach((region) => say(region));
  const cartId = storedCartId();
  const attempt = cartId && readAttempt(cartId);
  const shown = await reloadCart({ keepCheckedOut: Boolean(attempt) });
  say(cartStatus);
  if (shown && attempt) {
    resumeAttempt(attempt);
  } else if (shown?.status === 'CHECKING_OUT') {
    say(cartStatus, 'This cart is being paid for in another window or tab.');
  }
}

rows.addEventListener('change', (event) => {
  if (event.target.matches('input.quantity')) {
    changeQuantity(event.target);
  }
});
rows.addEventListener('click', (event) => {
  const button = event.target.closest('button.remove');
  if (button) {
    removeLine(button.closest('tr').dataset.productId);
  }
});
form.addEventListener('submit', pay);
form.addEventListener('change', (event) => {
  if (event.target.name === 'card') {
    cardChanged();
  }
});
retryButton.addEventListener('click', retry);
// back from the order page, the cached page would show a cart that is checked out
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    start();
  }
});

start();
