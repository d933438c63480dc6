// The catalogue: search, filter by category, page through. The search lives in the URL
// (?q=&category=&page=, page counted from 1 for people) so back, forward and reload show the same results.

import { call, formatMoney } from './http.js';
import { el } from './dom.js';
import { say, showProblem, productHref, keepCartCountFresh } from './layout.js';

const PAGE_SIZE = 12;
const MAX_QUERY = 100;
const CATEGORY = /^[a-z-]{0,40}$/;

const form = document.getElementById('search-form');
const searchInput = document.getElementById('search');
const categorySelect = document.getElementById('category');
const list = document.getElementById('products');
const resultsStatus = document.getElementById('results-status');
const resultsError = document.getElementById('results-error');
const prevButton = document.getElementById('prev');
const nextButton = document.getElementById('next');
const pageInfo = document.getElementById('page-info');

let current = stateFromUrl();
// answers can arrive out of order while someone types: only the latest search may draw
let latestSearch = 0;

/** The search the URL holds, cleaned so that a hand-edited URL never makes a request the API refuses. */
function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const category = params.get('category') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY),
    category: CATEGORY.test(category) ? category : '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function urlOf(state) {
  const params = new URLSearchParams();
  if (state.q) {
    params.set('q', state.q);
  }
  if (state.category) {
    params.set('category', state.category);
  }
  params.set('page', String(state.page));
  return `${window.location.pathname}?${params}`;
}

function apiPathOf(state) {
  const params = new URLSearchParams({ page: String(state.page - 1), size: String(PAGE_SIZE) });
  if (state.q) {
    params.set('q', state.q);
  }
  if (state.category) {
    params.set('category', state.category);
  }
  return `/api/catalog/products?${params}`;
}

/** "home-garden" → "Home garden": the option reads as words, its value stays the API's. */
function categoryLabel(category) {
  const words = category.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function addCategoryOption(category) {
  const exists = [...categorySelect.options].some((option) => option.value === category);
  if (category && !exists) {
    categorySelect.append(el('option', { value: category }, categoryLabel(category)));
  }
}

async function loadCategories() {
  const result = await call('GET', '/api/catalog/categories');
  // without the list the filter still works for a category the URL names
  const categories = result.ok && Array.isArray(result.data?.categories) ? result.data.categories : [];
  categories.filter((category) => CATEGORY.test(category)).forEach(addCategoryOption);
  showStateInForm(current);
}

function showStateInForm(state) {
  searchInput.value = state.q;
  addCategoryOption(state.category);
  categorySelect.value = state.category;
}

function productItem(product) {
  return el('li', { class: 'product card', 'data-product-id': product.id },
    el('h2', { class: 'product-name' }, el('a', { href: productHref(product.id) }, product.name)),
    el('p', { class: 'category' }, product.category),
    product.description ? el('p', { class: 'description' }, product.description) : null,
    el('p', { class: 'price' }, formatMoney(product.priceCents, product.currency)));
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function showResults(state, { items, total }) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  list.replaceChildren(...items.map(productItem));
  say(resultsStatus, items.length === 0 ? 'No products match' : `${items.length} of ${plural(total, 'product')}`);
  pageInfo.textContent = `Page ${state.page} of ${pages}, ${plural(total, 'product')}`;
  setPagerEnabled(state.page > 1, state.page < pages);
}

/** Enables the pager's buttons; the focus moves to the other button rather than get lost on a disabled one. */
function setPagerEnabled(previous, next) {
  const focused = document.activeElement;
  prevButton.disabled = !previous;
  nextButton.disabled = !next;
  if (focused === nextButton && !next && previous) {
    prevButton.focus();
  } else if (focused === prevButton && !previous && next) {
    nextButton.focus();
  }
}

function showFailure(problem) {
  list.replaceChildren();
  say(resultsStatus);
  showProblem(resultsError, problem);
  pageInfo.textContent = '';
  setPagerEnabled(false, false);
}

async function show(state) {
  const search = ++latestSearch;
  list.setAttribute('aria-busy', 'true');
  const result = await call('GET', apiPathOf(state));
  if (search !== latestSearch) {
    return;
  }
  list.removeAttribute('aria-busy');
  say(resultsError);
  if (!result.ok) {
    showFailure(result.problem);
    return;
  }
  const pages = Math.ceil(result.data.total / PAGE_SIZE);
  if (result.data.items.length === 0 && state.page > pages && pages > 0) {
    // a page past the end (an old link, fewer products now): the last page instead
    navigate({ ...state, page: pages }, { replace: true });
    return;
  }
  showResults(state, result.data);
}

function navigate(state, { replace = false } = {}) {
  current = state;
  if (replace) {
    window.history.replaceState(null, '', urlOf(state));
  } else {
    window.history.pushState(null, '', urlOf(state));
  }
  show(state);
}

function turnPage(step) {
  navigate({ ...current, page: current.page + step });
  // the new page's products start at the top of the list
  list.scrollIntoView({ block: 'start' });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  navigate({ q: searchInput.value.trim().slice(0, MAX_QUERY), category: categorySelect.value, page: 1 });
});
// a new category filters at once: the results change in place, the focus stays on the select
categorySelect.addEventListener('change', () => form.requestSubmit());
prevButton.addEventListener('click', () => turnPage(-1));
nextButton.addEventListener('click', () => turnPage(1));
window.addEventListener('popstate', () => {
  current = stateFromUrl();
  showStateInForm(current);
  show(current);
});

showStateInForm(current);
loadCategories();
show(current);
keepCartCountFresh();
