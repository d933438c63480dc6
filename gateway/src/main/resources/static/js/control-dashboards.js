// Links to the deployment's Grafana dashboards, as /web-config.json names them.

import { $, el, setText } from './dom.js';

export function renderDashboards(config) {
  const list = $('#dashboard-list');
  const note = $('#dashboards-note');
  if (!config?.grafanaUrl) {
    list.replaceChildren();
    setText(note, 'Set shop.web.grafana-url (SHOP_GRAFANA_URL) to link Grafana');
    return;
  }
  const base = config.grafanaUrl.replace(/\/+$/, '');
  const dashboards = config.dashboards ?? [];
  list.replaceChildren(...(dashboards.length
    ? dashboards.map(({ uid, title }) => el('li', {}, el('a', { href: `${base}/d/${encodeURIComponent(uid)}` }, title || uid)))
    : [el('li', {}, el('a', { href: base }, 'Grafana'))]));
  setText(note, 'The dashboards the learners diagnose with:');
}
