// The active faults table, refreshed by the poll: rows are kept and updated in place (keyed by
// service and fault id) so a focused "Switch off" button survives the refresh every 3 s.

import { $, el, setText, show, slug, tell } from './dom.js';
import { admin, latestOnly, problemText, segment, splitByService } from './control-api.js';
import { instantMs, timeLeft } from './control-format.js';
import { isSurpriseFault, surpriseRevealed } from './control-surprise.js';

const table = $('#fault-table');
const tableWrap = $('#fault-table-wrap');
const empty = $('#faults-empty');
const hidden = $('#faults-hidden');
const silentList = $('#faults-errors');
const heading = $('#faults-heading');
const sure = $('#all-faults-sure');
const allOff = $('#all-faults-off');
const messages = { status: $('#faults-status'), alert: $('#faults-alert') };

const rows = new Map(); // "service/id" → { row, fault }
const listFaults = latestOnly(() => admin('GET', '/admin/faults'));

/* ---------- listing ---------- */

function normalized(service, fault) {
  return {
    ...fault,
    service,
    startMs: instantMs(fault.startedAt),
    endMs: instantMs(fault.expiresAt),
  };
}

function byServiceThenId(a, b) {
  return a.service.localeCompare(b.service) || String(a.id).localeCompare(String(b.id));
}

/** Lists the faults and shows them; answers the list (for the scenarios), or null when it failed or was stale. */
export async function loadFaults() {
  const answer = await listFaults();
  if (!answer) {
    return null;
  }
  if (!answer.ok) {
    showSilent([['the gateway', problemText(answer.problem)]]);
    return null;
  }
  const { answered, silent } = splitByService(answer.data);
  const faults = answered
    .flatMap(([service, list]) => list.map((fault) => normalized(service, fault)))
    .sort(byServiceThenId);
  showSilent(silent);
  // a surprise's faults would give it away (service, kind, point): shown once it is revealed
  const secret = surpriseRevealed() ? [] : faults.filter(isSurpriseFault);
  showFaults(faults.filter((fault) => !secret.includes(fault)));
  setText(hidden, secret.length > 0 ? `${secret.length} fault(s) of the armed surprise hidden until it is revealed` : '');
  show(hidden, secret.length > 0);
  return faults;
}

function showSilent(silent) {
  silentList.replaceChildren(...silent.map(([service, error]) => el('li', {}, `${service} did not answer: ${error}`)));
  show(silentList, silent.length > 0);
}

function showFaults(faults) {
  const wanted = faults.map(rowFor);
  const keys = new Set(faults.map(keyOf));
  for (const key of rows.keys()) {
    if (!keys.has(key)) {
      rows.delete(key);
    }
  }
  place(wanted);
  show(tableWrap, faults.length > 0);
  show(empty, faults.length === 0);
  tickFaults();
}

function keyOf(fault) {
  return `${fault.service}/${fault.id}`;
}

/* ---------- rows ---------- */

function percent(probability) {
  return Number(probability).toLocaleString(undefined, { style: 'percent', maximumFractionDigits: 1 });
}

// the cells after the id heading, in the columns' order, with what each shows
const CELLS = [
  ['service', (fault) => fault.service],
  ['instances', (fault) => (fault.instances ?? []).join(', ') || '—'],
  ['id', (fault) => fault.id],
  ['kind', (fault) => fault.kind],
  ['point', (fault) => fault.point],
  ['probability', (fault) => percent(fault.probability)],
  ['note', (fault) => fault.note ?? ''],
];

function newRow(fault) {
  const labelId = `fault-${slug(fault.service)}-${slug(fault.id)}`;
  const cells = CELLS.map(([name]) => name === 'id'
    ? el('th', { scope: 'row', class: name, id: labelId })
    : el('td', { class: name }));
  return el('tr', { 'data-service': fault.service, 'data-fault-id': fault.id },
    ...cells,
    el('td', { class: 'ttl' }),
    el('td', { class: 'action' },
      el('button', { type: 'button', class: 'disable', 'aria-describedby': labelId }, 'Switch off')));
}

function rowFor(fault) {
  const key = keyOf(fault);
  const row = rows.get(key)?.row ?? newRow(fault);
  CELLS.forEach(([name, text]) => setText($(`.${name}`, row), text(fault)));
  rows.set(key, { row, fault });
  return row;
}

/** Puts the rows in order, moving only what moved; rows no longer listed go, and focus with them goes to the heading. */
function place(wanted) {
  const body = table.tBodies[0];
  let next = body.firstElementChild;
  for (const row of wanted) {
    if (row === next) {
      next = next.nextElementSibling;
    } else {
      body.insertBefore(row, next);
    }
  }
  while (next) {
    const gone = next;
    next = next.nextElementSibling;
    const hadFocus = gone.contains(document.activeElement);
    gone.remove();
    if (hadFocus) {
      heading.focus();
    }
  }
}

/** Every row's time left; the ticker calls it every second. */
export function tickFaults(now = Date.now()) {
  for (const { row, fault } of rows.values()) {
    setText($('.ttl', row), timeLeft(fault.startMs, fault.endMs, now));
  }
}

/* ---------- switching off ---------- */

function report(answer, success) {
  tell(messages, answer.ok ? success : problemText(answer.problem), { error: !answer.ok });
}

async function switchOff(button, onChange) {
  const { service, faultId } = button.closest('tr').dataset;
  button.disabled = true;
  const answer = await admin('DELETE', `/admin/faults/${segment(service)}/${segment(faultId)}`);
  report(answer, `Switched off ${faultId} in ${service}`);
  button.disabled = false;
  await onChange();
}

function countIds(byService) {
  return Object.values(byService ?? {}).reduce((sum, ids) => sum + (Array.isArray(ids) ? ids.length : 0), 0);
}

async function switchAllOff(onChange) {
  allOff.disabled = true;
  const answer = await admin('DELETE', '/admin/faults');
  sure.checked = false;
  const count = answer.ok ? countIds(answer.data) : 0;
  report(answer, `Every fault is off: ${count} switched off`);
  await onChange();
}

export function initFaults({ onChange }) {
  table.tBodies[0].addEventListener('click', (event) => {
    const button = event.target.closest('button.disable');
    if (button && !button.disabled) {
      switchOff(button, onChange);
    }
  });
  // the confirm step: the big button only works once the box is ticked
  sure.addEventListener('change', () => {
    allOff.disabled = !sure.checked;
  });
  allOff.addEventListener('click', () => switchAllOff(onChange));
}

/** Back to the signed-out look: no rows of the last session, the confirm box unticked. */
export function resetFaults() {
  rows.clear();
  table.tBodies[0].replaceChildren();
  sure.checked = false;
  allOff.disabled = true;
  tell(messages, '');
}
