// "Switch a fault on": the selects offer only what the services declare (a point of the chosen
// service, a kind that acts at that point), so the server's 400s are the exception.

import { $, fillSelect, setText, show, slug, tell } from './dom.js';
import { admin, problemText, segment, splitByService } from './control-api.js';
import { instantMs, localTime } from './control-format.js';

const form = $('#fault-form');
const submit = $('#fault-submit');
const fields = {
  service: $('#fault-service'),
  point: $('#fault-point'),
  kind: $('#fault-kind'),
  id: $('#fault-id'),
  probability: $('#fault-probability'),
  duration: $('#fault-duration'),
  jitter: $('#fault-jitter'),
  delay: $('#fault-delay'),
  ttl: $('#fault-ttl'),
};
const pointHint = $('#fault-point-hint');
const missing = $('#fault-services-missing');
const messages = { status: $('#fault-form-status'), alert: $('#fault-form-error') };

let points = new Map(); // service → [{ point, description, kinds, callee }]
let shownPoints = '';
let complete = false;
let suggestedId = '';

/* ---------- the choices ---------- */

/** Lists every service's fault points; a service that did not answer is named, and asked again by the poll. */
export async function loadPoints() {
  const answer = await admin('GET', '/admin/faults/points');
  if (!answer.ok) {
    complete = false;
    setText(missing, `The fault points could not be listed: ${problemText(answer.problem)}`);
    show(missing, true);
    return;
  }
  const { answered, silent } = splitByService(answer.data);
  complete = silent.length === 0;
  setText(missing, complete ? '' : `Not offered, they did not answer: ${silent.map(([service]) => service).join(', ')}`);
  show(missing, !complete);
  // refilling an unchanged select would close it under the user's finger
  const listed = JSON.stringify(answered);
  if (listed !== shownPoints) {
    shownPoints = listed;
    points = new Map(answered);
    fillServices();
  }
}

export function pointsComplete() {
  return complete;
}

function chosenPoint() {
  return (points.get(fields.service.value) ?? []).find((point) => point.point === fields.point.value);
}

function fillServices() {
  fillSelect(fields.service, [...points.keys()].map((service) => ({ value: service, text: service })));
  fillPoints();
}

function fillPoints() {
  const list = points.get(fields.service.value) ?? [];
  fillSelect(fields.point, list.map(({ point, description }) => ({ value: point, text: description || point })));
  fillKinds();
}

function fillKinds() {
  const point = chosenPoint();
  fillSelect(fields.kind, (point?.kinds ?? []).map((kind) => ({ value: kind, text: kind })));
  setText(pointHint, point ? `Point ${point.point}${point.callee ? `, on the call to ${point.callee}` : ''}` : '');
  suggestId();
}

/** "manual-<kind>-<point>", unless the user typed an id of their own. */
function suggestId() {
  const suggestion = slug(`manual-${fields.kind.value}-${fields.point.value}`).slice(0, 63).replace(/-+$/, '');
  if (fields.id.value === '' || fields.id.value === suggestedId) {
    fields.id.value = suggestion;
  }
  suggestedId = suggestion;
}

/* ---------- switching on ---------- */

function optional(input) {
  return input.value.trim() || undefined;
}

function request() {
  return {
    id: fields.id.value.trim(),
    kind: fields.kind.value,
    point: fields.point.value,
    probability: Number(fields.probability.value),
    duration: optional(fields.duration),
    jitter: optional(fields.jitter),
    delay: optional(fields.delay),
    ttl: optional(fields.ttl),
    note: 'control room',
  };
}

function switchedOn(service, fault) {
  const startMs = instantMs(fault?.startedAt);
  const from = startMs !== null && startMs > Date.now() ? ` from ${localTime(startMs)}` : '';
  return `Switched on ${fault?.id} in ${service}${from} until ${localTime(instantMs(fault?.expiresAt))}`;
}

async function switchOn(onChange) {
  const service = fields.service.value;
  if (!service) {
    tell(messages, 'No service has listed its fault points yet: try again in a moment.', { error: true });
    return;
  }
  submit.disabled = true;
  tell(messages, '');
  const answer = await admin('POST', `/admin/faults/${segment(service)}`, request());
  submit.disabled = false;
  tell(messages, answer.ok ? switchedOn(service, answer.data) : problemText(answer.problem), { error: !answer.ok });
  if (answer.ok) {
    await onChange();
  }
}

export function initFaultForm({ onChange }) {
  fields.service.addEventListener('change', fillPoints);
  fields.point.addEventListener('change', fillKinds);
  fields.kind.addEventListener('change', suggestId);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    switchOn(onChange);
  });
}
