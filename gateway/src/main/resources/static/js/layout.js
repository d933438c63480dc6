// What the storefront's pages share: messages, addresses, the customer's cart (its id is
// kept in localStorage) with the header's count, product names and the words for a failed order.

import { call, customerCall, describeProblem } from './http.js';

/* ---------- messages and addresses ---------- */

/** Replaces a message region's content; new nodes make screen readers announce it even when repeated. */
export function say(element, ...content) {
  element.replaceChildren(...content);
}

/** A problem in words in an alert region. */
export function showProblem(element, problem) {
  say(element, describeProblem(problem));
}

/** The page's query parameters. */
export function queryParameter(name) {
  return new URLSearchParams(window.location.search).get(name);
}

/** A positive whole number id from the query, or null: anything else is no id at all. */
export function idParameter(name = 'id') {
  const value = queryParameter(name) ?? '';
  return /^[1-9][0-9]{0,17}$/.test(value) ? value : null;
}

export function productHref(productId) {
  return `product.html?id=${encodeURIComponent(productId)}`;
}

/* ---------- the customer's cart ---------- */

const CART_KEY = 'oddshop.cartId';

// Storage can be refused (a privacy mode); the shop then works for the page's lifetime only.
let cartIdFallback = null;

export function storedCartId() {
  try {
    return localStorage.getItem(CART_KEY);
  } catch {
    return cartIdFallback;
  }
}

function rememberCart(cartId) {
  cartIdFallback = cartId;
  try {
    localStorage.setItem(CART_KEY, cartId);
  } catch {
    // kept in memory only
  }
}

/** Forgets the stored cart, but only if it is still the one meant: another tab may have started a new one. */
export function forgetCart(cartId = storedCartId()) {
  if (cartId && storedCartId() === cartId) {
    cartIdFallback = null;
    try {
      localStorage.removeItem(CART_KEY);
    } catch {
      // nothing stored
    }
  }
}

export function cartPath(cartId, suffix = '') {
  return `/api/orders/carts/${encodeURIComponent(cartId)}${suffix}`;
}

export function fetchCart(cartId) {
  return customerCall('GET', cartPath(cartId));
}

/**
 * The customer's open cart, or null when there is none or it cannot be read now. A 404 means a new session
 * (a new customer) or an old cart; a checked-out cart is done: both are forgotten, the next add starts anew.
 */
async function loadCart() {
  const cartId = storedCartId();
  if (!cartId) {
    return null;
  }
  const result = await fetchCart(cartId);
  if (result.status === 404 || (result.ok && result.data.status === 'CHECKED_OUT')) {
    forgetCart(cartId);
    return null;
  }
  return result.ok ? result.data : null;
}

async function createCart() {
  const result = await customerCall('POST', '/api/orders/carts');
  if (result.ok) {
    rememberCart(result.data.cartId);
  }
  return result;
}

/** Adds a quantity of a product to a cart: the API adds it to what the cart holds already. */
export function addItem(cartId, productId, quantity) {
  return customerCall('POST', cartPath(cartId, '/items'), {
    body: { productId: Number(productId), quantity },
  });
}

export function removeItem(cartId, productId) {
  return customerCall('DELETE', cartPath(cartId, `/items/${encodeURIComponent(productId)}`));
}

/** True when an add failed because of the cart itself (gone or no longer open), not the product. */
async function cartIsStale(cartId, result) {
  if (result.problem?.type?.endsWith('/cart-checked-out')) {
    return true;
  }
  // a 404 names either the cart or the product: only the cart's own look-up tells which
  return result.status === 404 && (await fetchCart(cartId)).status === 404;
}

/**
 * Adds a quantity of a product (the API adds it to what the cart holds) and answers the cart. The cart
 * is created on the first add; a stale one is replaced by a new cart once.
 */
export async function addToCart(productId, quantity) {
  const cartId = storedCartId();
  if (cartId) {
    const result = await addItem(cartId, productId, quantity);
    if (result.ok || !(await cartIsStale(cartId, result))) {
      return result;
    }
    forgetCart(cartId);
  }
  const created = await createCart();
  return created.ok ? addItem(created.data.cartId, productId, quantity) : created;
}

/* ---------- the header's cart count ---------- */

/** How many items the cart holds: the quantities added up (two of a book are two items). */
function itemCount(cart) {
  return (cart?.items ?? []).reduce((sum, item) => sum + item.quantity, 0);
}

export function showCartCount(cart) {
  const count = document.getElementById('cart-count');
  if (count) {
    count.textContent = String(itemCount(cart));
  }
}

/** Reads the stored cart for the header; no stored cart means 0, without opening a session for it. */
async function refreshCartCount() {
  showCartCount(await loadCart());
}

/** The header's count now, and again when the page comes back from the back-forward cache, stale. */
export function keepCartCountFresh() {
  refreshCartCount();
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      refreshCartCount();
    }
  });
}

/* ---------- products ---------- */

const products = new Map();
const PARALLEL_LOOKUPS = 4;

async function lookUpProduct(productId) {
  const result = await call('GET', `/api/catalog/products/${encodeURIComponent(productId)}`);
  products.set(String(productId), result.ok ? result.data : null);
}

/**
 * The products of these ids (null for one that cannot be read), looked up a few at a time: a session
 * may make only so many requests a second, and a cart holds up to 50 products.
 */
export async function productsById(ids) {
  const missing = [...new Set(ids.map(String))].filter((id) => !products.has(id));
  const workers = Array.from({ length: Math.min(PARALLEL_LOOKUPS, missing.length) }, async () => {
    while (missing.length > 0) {
      await lookUpProduct(missing.shift());
    }
  });
  await Promise.all(workers);
  return new Map(ids.map((id) => [String(id), products.get(String(id)) ?? null]));
}

export function productName(product, productId) {
  return product?.name ?? `Product ${productId}`;
}

/* ---------- orders ---------- */

const DECLINES = {
  card_declined: 'Your card was declined: the bank refused the payment, choose another card.',
  insufficient_funds: 'Your card was declined: insufficient funds, choose another card.',
  expired_card: 'Your card was declined: it has expired, choose another card.',
};

/** An order's failureReason (order-service's CheckoutSaga) in words for the customer. */
export function describeFailure(reason) {
  const text = reason ?? '';
  if (text.startsWith('payment declined')) {
    const code = text.split(':')[1]?.trim() ?? '';
    return DECLINES[code] ?? `Your card was declined${code ? ` (${code})` : ''}, choose another card.`;
  }
  if (text.startsWith('the payment could not be completed')) {
    return 'The payment provider failed; nothing was charged. Try again or choose another card.';
  }
  if (text.startsWith('stock could not be reserved')) {
    return 'The shop could not reserve your products; nothing was charged. Try again.';
  }
  if (text.startsWith('insufficient stock')) {
    return `Sorry, one of the products sold out; nothing was charged (${text}).`;
  }
  if (text.startsWith('the items sold out')) {
    return 'The products sold out before your order completed; your payment was refunded in full.';
  }
  return text ? `The order failed: ${text}.` : 'The order failed.';
}
