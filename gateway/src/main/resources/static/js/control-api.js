// The admin API as the control room calls it: the token rides in the Authorization header of
// every call (never in a URL), lives in sessionStorage (gone with the tab), and a 401 signs out.

import { call, describeProblem } from './http.js';

const TOKEN_KEY = 'oddshop.adminToken';

let token = null;
let refused = () => {};

export function savedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage refused (a privacy mode): the token lives for this page only
  }
}

export function keepToken(value) {
  token = value;
  try {
    sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    // see savedToken
  }
}

export function forgetToken() {
  token = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // see savedToken
  }
}

/** What to do when the server refuses the kept token (it changed, the lab restarted). */
export function onRefused(handler) {
  refused = handler;
}

function bearer(value) {
  return { Authorization: `Bearer ${value}` };
}

/** A candidate token tried before it is kept: the scenarios answer opens the room. */
export function checkToken(candidate) {
  return call('GET', '/admin/scenarios', { headers: bearer(candidate) });
}

/** An admin call with the kept token; answers as http.js's call does. */
export async function admin(method, path, body) {
  const sentWith = token;
  const answer = await call(method, path, { body, headers: bearer(sentWith ?? '') });
  // a 401 for a token already forgotten (signed out meanwhile) must not sign out again
  if (answer.status === 401 && sentWith !== null && sentWith === token) {
    refused();
  }
  return answer;
}

/** describeProblem's sentence, with the problem's detail when the sentence leaves it out. */
export function problemText(problem) {
  const sentence = describeProblem(problem);
  const detail = problem?.detail;
  return detail && !sentence.includes(detail) ? `${sentence}: ${detail}` : sentence;
}

/**
 * The fan-out answers of /admin/faults and /admin/faults/points, { service: list } or
 * { service: { error } } for a service that did not answer, split into the two.
 */
export function splitByService(byService) {
  const answered = [];
  const silent = [];
  for (const [service, answer] of Object.entries(byService ?? {})) {
    if (Array.isArray(answer)) {
      answered.push([service, answer]);
    } else {
      silent.push([service, answer?.error ?? 'no answer']);
    }
  }
  return { answered, silent };
}

/** Polls and actions overlap: a wrapped request answers null when a later one was already shown. */
export function latestOnly(request) {
  let asked = 0;
  let shown = 0;
  return async (...args) => {
    const mine = ++asked;
    const answer = await request(...args);
    if (mine < shown) {
      return null;
    }
    shown = mine;
    return answer;
  };
}

export function segment(value) {
  return encodeURIComponent(value);
}
