// One product: its details, its live stock, and adding it to the customer's cart.

import { call, formatMoney } from './http.js';
import { el } from './dom.js';
import {
  addToCart,
  idParameter,
  keepCartCountFresh,
  say,
  showCartCount,
  showProblem,
} from './layout.js';

const STOCK_EVERY_MS = 5000;
const MAX_QUANTITY = 100;

const productId = idParameter();
const heading = document.getElementById('product-name');
const details = document.getElementById('product-details');
const stock = document.getElementById('stock');
const form = document.getElementById('add-form');
const quantityInput = document.getElementById('quantity');
const addButton = document.getElementById('add-to-cart');
const message = document.getElementById('message');
const error = document.getElementById('error');

let product = null;
let soldOut = false;
let adding = false;
let stockTimer = null;
let stockInFlight = false;

function updateAddButton() {
  addButton.disabled = !product || soldOut || adding;
}

function showNotFound() {
  heading.textContent = 'No such product';
  document.title = 'No such product · ODD Shop';
  details.hidden = true;
  say(error, 'No such product. ', el('a', { href: '/' }, 'Back to the catalogue'));
}

function showProduct(found) {
  product = found;
  heading.textContent = found.name;
  document.title = `${found.name} · ODD Shop`;
  document.getElementById('product-category').textContent = found.category;
  document.getElementById('product-description').textContent = found.description ?? '';
  document.getElementById('price').textContent = formatMoney(found.priceCents, found.currency);
}

async function loadProduct() {
  if (!productId) {
    showNotFound();
    return;
  }
  const result = await call('GET', `/api/catalog/products/${productId}`);
  if (result.status === 404) {
    showNotFound();
  } else if (result.ok) {
    showProduct(result.data);
  } else {
    heading.textContent = 'This product cannot be shown right now';
    details.hidden = true;
    showProblem(error, result.problem);
  }
}

/** The stock in words; written only when it changes, so that the live region speaks only of changes. */
function showStock(result) {
  let text;
  if (result.ok) {
    soldOut = result.data.available <= 0;
    text = soldOut ? 'Sold out' : `${result.data.available} in stock`;
  } else if (result.status === 404) {
    // inventory keeps no stock of this product: it cannot be reserved
    soldOut = true;
    text = 'Sold out';
  } else {
    // the checkout checks the stock anyway: an unknown level does not stop anyone adding
    text = 'Stock unknown right now';
  }
  if (stock.textContent !== text) {
    stock.textContent = text;
  }
  updateAddButton();
}

function scheduleStock() {
  clearTimeout(stockTimer);
  if (document.visibilityState === 'visible') {
    stockTimer = setTimeout(refreshStock, STOCK_EVERY_MS);
  }
}

// polled only while someone can see it: a hidden tab costs the shop nothing
async function refreshStock() {
  if (stockInFlight) {
    return;
  }
  stockInFlight = true;
  const result = await call('GET', `/api/inventory/stock/${productId}`);
  stockInFlight = false;
  showStock(result);
  scheduleStock();
}

function quantityChosen() {
  const quantity = Number(quantityInput.value);
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY ? quantity : null;
}

async function add(event) {
  event.preventDefault();
  if (adding || !product) {
    return;
  }
  say(message);
  say(error);
  const quantity = quantityChosen();
  if (quantity === null) {
    say(error, `Choose a quantity from 1 to ${MAX_QUANTITY}.`);
    quantityInput.focus();
    return;
  }
  adding = true;
  updateAddButton();
  const result = await addToCart(product.id, quantity);
  adding = false;
  updateAddButton();
  if (result.ok) {
    showCartCount(result.data);
    say(message, 'Added to your cart. ', el('a', { href: '/cart.html' }, 'Go to your cart'));
  } else {
    showProblem(error, result.problem);
  }
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && product) {
    refreshStock();
  } else {
    clearTimeout(stockTimer);
  }
});
form.addEventListener('submit', add);

async function start() {
  keepCartCountFresh();
  await loadProduct();
  if (product) {
    await refreshStock();
  }
}

start();
