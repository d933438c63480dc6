// The control room: the admin token opens it, then the faults, the running scenarios and the
// surprise are polled every 3 s while the page is visible, and the countdowns tick every second.

import { webConfig } from './config.js';
import { $, setText, show } from './dom.js';
import { checkToken, forgetToken, keepToken, onRefused, problemText, savedToken } from './control-api.js';
import { clearScenarioMessages, initScenarios, renderScenarios, showScenarioActivity, updateCards } from './control-scenarios.js';
import { initFaults, loadFaults, resetFaults, tickFaults } from './control-faults.js';
import { initFaultForm, loadPoints, pointsComplete } from './control-fault-form.js';
import { initSurprise, loadSurprise } from './control-surprise.js';
import { renderDashboards } from './control-dashboards.js';

const POLL_MS = 3000;
const TICK_MS = 1000;
const REFUSED = 'The admin token was refused';

const gate = {
  form: $('#token-form'),
  input: $('#token'),
  submit: $('#token-submit'),
  status: $('#token-status'),
  error: $('#token-error'),
};
const room = $('#control-room');
const signOut = $('#sign-out');

let roomOpen = false;
let pollGeneration = 0;
let pollTimer = null;
let ticker = null;

/* ---------- polling ---------- */

async function refresh() {
  const [faults] = await Promise.all([loadFaults(), loadSurprise()]);
  if (faults) {
    showScenarioActivity(faults);
  }
  // a service that was down when the room opened gets its points offered once it answers
  if (!pointsComplete()) {
    await loadPoints();
  }
}

function tick() {
  const now = Date.now();
  updateCards(now);
  tickFaults(now);
}

function stopPolling() {
  pollGeneration += 1; // a refresh still on its way then schedules no further one
  clearTimeout(pollTimer);
  clearInterval(ticker);
}

function startPolling() {
  stopPolling();
  const generation = pollGeneration;
  const loop = async () => {
    await refresh();
    if (generation === pollGeneration) {
      pollTimer = setTimeout(loop, POLL_MS);
    }
  };
  ticker = setInterval(tick, TICK_MS);
  loop();
}

// a hidden tab asks nothing: a forgotten control room must not load the lab it observes
document.addEventListener('visibilitychange', () => {
  if (!roomOpen) {
    return;
  }
  if (document.hidden) {
    stopPolling();
  } else {
    startPolling();
  }
});

/* ---------- the token gate ---------- */

function showGate(message) {
  const wasOpen = roomOpen;
  roomOpen = false;
  stopPolling();
  resetFaults();
  clearScenarioMessages();
  show(room, false);
  show(signOut, false);
  show(gate.form, true);
  setText(gate.error, message);
  if (wasOpen || message) {
    gate.input.focus();
  }
}

async function openRoom(scenarios) {
  gate.input.value = ''; // the token is in sessionStorage now, not in the page
  show(gate.form, false);
  show(room, true);
  show(signOut, true);
  setText(gate.error, '');
  roomOpen = true;
  $('#scenarios-heading').focus();
  const config = await webConfig();
  renderDashboards(config);
  renderScenarios(scenarios, config);
  await loadPoints();
  if (roomOpen && !document.hidden) {
    startPolling();
  }
}

async function tryToken(token) {
  gate.submit.disabled = true;
  setText(gate.error, '');
  setText(gate.status, 'Checking the token…');
  const answer = await checkToken(token);
  gate.submit.disabled = false;
  setText(gate.status, '');
  if (answer.ok) {
    keepToken(token);
    await openRoom(answer.data);
  } else if (answer.status === 401) {
    forgetToken();
    showGate(REFUSED);
  } else {
    // the lab may be starting: keep a saved token for the next try
    showGate(problemText(answer.problem));
  }
}

gate.form.addEventListener('submit', (event) => {
  event.preventDefault();
  tryToken(gate.input.value.trim());
});

signOut.addEventListener('click', () => {
  forgetToken();
  showGate('');
  setText(gate.status, 'Signed out: this tab has forgotten the token');
});

onRefused(() => {
  forgetToken();
  showGate(REFUSED);
});

initScenarios({ onChange: refresh });
initFaults({ onChange: refresh });
initFaultForm({ onChange: refresh });
initSurprise({ onChange: refresh });

// the form works only through this script: the token field has no name and the button starts disabled,
// so a submit before the script ran can never put the token into a URL (and an access log)
gate.submit.disabled = false;

const saved = savedToken();
if (saved) {
  tryToken(saved);
}
