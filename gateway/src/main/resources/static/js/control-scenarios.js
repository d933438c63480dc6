// The scenario cards: what each incident does, its runbook, Start and Stop, and its time left.
// A scenario runs while one of its faults is listed (their note is "scenario NAME"), so the
// fault poll drives the cards; a scenario that only crashes instances has no fault to show it,
// so the Start answer's endsAt stands in for it (on this page only).

import { $, el, setText, show, slug, tell } from './dom.js';
import { admin, problemText, segment } from './control-api.js';
import { durationMs, formatIso, instantMs, localTime, timeLeft } from './control-format.js';

const list = $('#scenario-list');
const empty = $('#scenarios-empty');
const messages = { status: $('#scenarios-status'), alert: $('#scenarios-error') };

let scenarios = [];
let running = new Map(); // name → { startMs, endMs }, from the listed faults
const crashOnly = new Map(); // name → { startMs, endMs }, from the Start answer
const busy = new Set(); // names with a Start or Stop on its way

export function scenarioTitle(name) {
  return scenarios.find((scenario) => scenario.name === name)?.title ?? name;
}

function scenarioNamed(name) {
  return scenarios.find((scenario) => scenario.name === name);
}

/* ---------- the cards ---------- */

export function renderScenarios(all, config) {
  scenarios = Array.isArray(all) ? all : [];
  list.replaceChildren(...scenarios.map((scenario) => card(scenario, config)));
  show(empty, scenarios.length === 0);
  updateCards();
}

function card(scenario, config) {
  const key = slug(scenario.name);
  const titleId = `scenario-${key}-title`;
  const hintId = `scenario-${key}-hint`;
  const startable = scenario.startable !== false;
  return el('article', { class: 'scenario', 'data-scenario': scenario.name, 'aria-labelledby': titleId },
    el('h3', { id: titleId }, scenario.title ?? scenario.name),
    el('p', { class: 'story' }, scenario.story ?? ''),
    el('p', { class: 'symptom' }, el('strong', {}, 'Users will see: '), scenario.symptom ?? ''),
    facts(scenario),
    effects(scenario),
    runbook(scenario.runbook, config),
    startable ? null : el('p', { class: 'start-hint', id: hintId }, scenario.startHint ?? 'It cannot start here.'),
    el('div', { class: 'scenario-actions' },
      el('button', {
        type: 'button',
        class: 'start',
        'aria-describedby': startable ? titleId : `${titleId} ${hintId}`,
      }, 'Start'),
      el('button', { type: 'button', class: 'stop', disabled: true, 'aria-describedby': titleId }, 'Stop'),
      el('span', { class: 'time-left' }, '')));
}

function facts(scenario) {
  const parts = [
    scenario.load ? `Load: ${scenario.load}` : null,
    scenario.length ? `lasts ${formatIso(scenario.length)}` : null,
  ].filter(Boolean);
  return parts.length ? el('p', { class: 'scenario-facts' }, parts.join(', ')) : null;
}

/** The faults it switches on and the instances it kills, as a list. */
function effects(scenario) {
  const items = [
    ...(scenario.faults ?? []).map((fault) => el('li', {},
      el('strong', {}, fault.service), ` ${fault.kind} at `, el('code', {}, fault.point),
      `, after ${formatIso(fault.after)} for ${formatIso(fault.lifetime)}`)),
    ...(scenario.crashes ?? []).map((crash) => el('li', {},
      el('strong', {}, crash.service), ` instance ${crash.instance} killed, down for ${formatIso(crash.lifetime)}`)),
  ];
  return items.length
    ? el('div', { class: 'effects' }, el('p', {}, 'It switches on:'), el('ul', {}, ...items))
    : null;
}

/** A link when the deployment says where the runbooks are published; else the path in the checkout. */
function runbook(path, config) {
  if (!path) {
    return null;
  }
  if (config?.runbooksUrl) {
    return el('p', {}, el('a', { class: 'runbook', href: `${config.runbooksUrl}${path}` }, 'Runbook: ', el('code', {}, path)));
  }
  return el('p', { class: 'runbook' }, 'Runbook: ', el('code', {}, path), ' (in your checkout)');
}

/* ---------- running or not ---------- */

function scenarioOf(note) {
  const match = /^scenario (\S+)$/.exec(note ?? '');
  return match ? match[1] : null;
}

/** Takes the listed faults (with startMs and endMs) and shows which scenarios run. */
export function showScenarioActivity(faults) {
  running = new Map();
  for (const fault of faults) {
    const name = scenarioOf(fault.note);
    if (name) {
      const span = running.get(name) ?? { startMs: Infinity, endMs: -Infinity };
      span.startMs = Math.min(span.startMs, fault.startMs ?? Infinity);
      span.endMs = Math.max(span.endMs, fault.endMs ?? -Infinity);
      running.set(name, span);
    }
  }
  updateCards();
}

function spanOf(name, now) {
  const crash = crashOnly.get(name);
  if (crash && crash.endMs <= now) {
    crashOnly.delete(name);
  }
  const span = running.get(name) ?? crashOnly.get(name);
  return span && {
    startMs: Number.isFinite(span.startMs) ? span.startMs : null,
    endMs: Number.isFinite(span.endMs) ? span.endMs : null,
  };
}

/** Buttons and time left of every card; the ticker calls it every second. */
export function updateCards(now = Date.now()) {
  for (const article of list.querySelectorAll('article.scenario')) {
    const name = article.dataset.scenario;
    const span = spanOf(name, now);
    const startable = scenarioNamed(name)?.startable !== false;
    article.classList.toggle('active', Boolean(span));
    $('button.start', article).disabled = !startable || Boolean(span) || busy.has(name);
    $('button.stop', article).disabled = !span || busy.has(name);
    setText($('.time-left', article), span ? timeLeft(span.startMs, span.endMs, now) : '');
  }
}

/* ---------- Start and Stop ---------- */

const ACTIONS = {
  start: {
    method: 'POST',
    done(name, answer) {
      const endMs = instantMs(answer?.endsAt);
      if (!scenarioNamed(name)?.faults?.length) {
        const length = durationMs(scenarioNamed(name)?.length) ?? 0;
        crashOnly.set(name, { startMs: instantMs(answer?.startedAt), endMs: endMs ?? Date.now() + length });
      }
      return `Started ${scenarioTitle(name)}: it ends at ${localTime(endMs)}`;
    },
    then: 'stop',
  },
  stop: {
    method: 'DELETE',
    done(name, answer) {
      crashOnly.delete(name);
      const stopped = answer?.stopped ?? [];
      return `Stopped ${scenarioTitle(name)}${stopped.length ? `: switched off ${stopped.join(', ')}` : ''}`;
    },
    then: 'start',
  },
};

async function act(pressed, which, onChange) {
  const article = pressed.closest('article.scenario');
  const name = article.dataset.scenario;
  const action = ACTIONS[which];
  busy.add(name);
  updateCards();
  const answer = await admin(action.method, `/admin/scenarios/${segment(name)}`);
  busy.delete(name);
  if (answer.ok) {
    tell(messages, action.done(name, answer.data));
  } else {
    tell(messages, problemText(answer.problem), { error: true });
  }
  await onChange();
  // the pressed button is disabled now: keep the keyboard user on the card
  const next = $(`button.${action.then}`, article);
  const lost = document.activeElement === pressed || document.activeElement === document.body;
  if (lost && pressed.disabled && !next.disabled) {
    next.focus();
  }
}

export function initScenarios({ onChange }) {
  list.addEventListener('click', (event) => {
    const button = event.target.closest('button.start, button.stop');
    if (button && !button.disabled) {
      act(button, button.classList.contains('start') ? 'start' : 'stop', onChange);
    }
  });
}

export function clearScenarioMessages() {
  tell(messages, '');
}
