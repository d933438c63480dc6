// The pages' small DOM toolkit: elements built from text only (a product's name, a scenario's story
// or a service's error can never inject markup) and message regions that speak only when they change.

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** An element with attributes and children; a false, null or undefined attribute is left out. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Sets the text only when it differs: a live region re-announces every write, polls write every 3 s. */
export function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

export function show(element, visible) {
  element.hidden = !visible;
}

/** An outcome in a section's status region, or its alert region when it is an error; the other is cleared. */
export function tell({ status, alert }, text, { error = false } = {}) {
  setText(alert, error ? text : '');
  setText(status, error ? '' : text);
}

/** Lower case letters, digits and dashes: safe in an element id and in a fault id. */
export function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Fills a select, keeping the chosen value when it is still offered. */
export function fillSelect(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(({ value, text }) => el('option', { value }, text)));
  if (options.some((option) => option.value === chosen)) {
    select.value = chosen;
  }
}
