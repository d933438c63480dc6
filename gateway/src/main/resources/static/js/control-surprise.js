// Surprise mode (Wheel of Misfortune): arm a seeded draw, reveal the answer when the debrief
// starts, disarm to end it. The services keep the surprise's faults; the poll shows its state.

import { $, setText } from './dom.js';
import { admin, latestOnly, problemText } from './control-api.js';
import { durationMs, formatDuration, instantMs, localTime } from './control-format.js';
import { scenarioTitle } from './control-scenarios.js';

const form = $('#surprise-form');
const windowInput = $('#surprise-window');
const seedInput = $('#surprise-seed');
const arm = $('#surprise-arm');
const reveal = $('#surprise-reveal');
const disarm = $('#surprise-disarm');
const status = $('#surprise-status');
const answerText = $('#surprise-answer');
const alert = $('#surprise-error');

const readSurprise = latestOnly(() => admin('GET', '/admin/surprise'));

// The reveal's answer, kept while the same surprise is armed: the server names the scenario only
// in the answer to a reveal, never in the state every poll reads.
let revealed = null;

/** Whether the trainer has revealed the armed surprise (its faults may then be shown). */
export function surpriseRevealed() {
  return revealed !== null;
}

/** A fault of an armed surprise: its note names the seed, never the scenario. */
export function isSurpriseFault(fault) {
  return String(fault.note ?? '').startsWith('surprise ');
}

function stateText(surprise) {
  switch (surprise?.state) {
    case 'ARMED':
      return `Armed with seed ${surprise.seed}: a scenario starts within ${formatDuration(durationMs(surprise.window))}`;
    case 'STARTED':
      return `Started (seed ${surprise.seed})`;
    default:
      return 'Nothing armed';
  }
}

/** "It is <title> (name), started at <time>"; "" while the scenario is still secret. */
function revealedText(surprise) {
  if (!surprise?.scenario) {
    return '';
  }
  const startMs = instantMs(surprise.startsAt);
  const when = startMs === null ? '' : `, ${startMs > Date.now() ? 'starting' : 'started'} at ${localTime(startMs)}`;
  return `It is ${scenarioTitle(surprise.scenario)} (${surprise.scenario})${when}`;
}

function showSurprise(surprise) {
  const armed = Boolean(surprise?.state) && surprise.state !== 'NONE';
  if (surprise?.scenario) {
    revealed = surprise;
  } else if (!armed || revealed?.seed !== surprise.seed) {
    revealed = null;
  }
  setText(status, stateText(surprise));
  setText(answerText, revealedText(revealed));
  reveal.disabled = !armed;
  disarm.disabled = !armed;
}

export async function loadSurprise() {
  const answer = await readSurprise();
  if (!answer) {
    return;
  }
  if (answer.ok) {
    showSurprise(answer.data);
  } else {
    setText(status, `Surprise mode did not answer: ${problemText(answer.problem)}`);
  }
}

async function act(button, method, path, body, onChange) {
  button.disabled = true;
  setText(alert, '');
  const answer = await admin(method, path, body);
  button.disabled = false;
  if (!answer.ok) {
    setText(alert, problemText(answer.problem));
  } else if (answer.data?.state) {
    showSurprise(answer.data);
  }
  // a disarm stops a started scenario, an arm may start one soon: refresh everything
  await onChange();
}

function armRequest() {
  const seed = seedInput.value.trim();
  return { window: `PT${Number(windowInput.value)}M`, ...(seed ? { seed } : {}) };
}

export function initSurprise({ onChange }) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(arm, 'POST', '/admin/surprise', armRequest(), onChange);
  });
  reveal.addEventListener('click', () => act(reveal, 'POST', '/admin/surprise/reveal', undefined, onChange));
  disarm.addEventListener('click', () => act(disarm, 'DELETE', '/admin/surprise', undefined, onChange));
}
