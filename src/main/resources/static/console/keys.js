// API keys: the tenant's keys (name, prefix, scopes, last use, expiry), a new key with chosen scopes (its secret shown once), revoke.
import { api, h, field, attempt, formatDateTime, showInfo, fill, allPages } from './core.js';

const SURFACES = [
  ['calendar', 'Calendar: schedules, events, participations'],
  ['resources', 'Resources, services and availability'],
  ['appointments', 'Appointments'],
  ['external-calendars', 'External calendars'],
  ['webhooks', 'Webhooks and the change feed'],
  ['keys', 'API keys'],
  ['notifications', 'Notifications: the log, sender and templates'],
];

export async function keysPage(main) {
  const list = h('section');
  const secret = h('section', { 'aria-live': 'polite' });
  const name = h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'booking widget' });
  const expires = h('input', { type: 'date', name: 'expires' });
  const access = SURFACES.map(([surface, label]) => h('select', { name: surface },
    h('option', { value: '' }, 'No access'), h('option', { value: 'read' }, 'Read'), h('option', { value: 'write' }, 'Read and write')));
  main.append(h('form', { class: 'panel', onsubmit: async e => {
    e.preventDefault();
    const scopes = access.filter(s => s.value).map(s => `${s.name}:${s.value}`);
    if (!scopes.length) {
      showInfo('Choose at least one surface the key may use.');
      return;
    }
    const body = { apiKey: { name: name.value, scopes, ...(expires.value ? { expiresDate: new Date(`${expires.value}T00:00:00`).toISOString() } : {}) } };
    const created = await attempt(() => api('POST', '/v1/api-keys', body));
    if (created) {
      fill(secret, h('div', { class: 'panel' }, h('h2', {}, `Key “${created.apiKey.name}” created`),
        h('p', {}, 'Copy its secret now: it is shown only this once.'),
        h('p', {}, h('code', { class: 'secret', 'aria-label': 'The new key’s secret' }, created.apiKey.secret))));
      name.value = '';
      refresh();
    }
  } },
  h('h2', {}, 'New key'),
  h('div', { class: 'row' }, field('Name', name), field('Expires (optional)', expires, 'The key stops working at the start of that day.')),
  h('fieldset', {}, h('legend', {}, 'What it may do'), SURFACES.map(([, label], i) => field(label, access[i]))),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create key'))), secret, list);
  await refresh();

  async function refresh() {
    const current = (await api('GET', '/v1/api-keys/current')).apiKey;
    const pages = await allPages(cursor => api('GET', `/v1/api-keys?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 20);
    const keys = pages.flatMap(p => p.apiKeys || []);
    fill(list, h('h2', {}, `Keys (${keys.length})`), h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'API keys' },
      h('thead', {}, h('tr', {}, ['Name', 'Key', 'Scopes', 'Created', 'Last used', 'Expires', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, keys.map(k => row(k, k.id === current.id, refresh))))));
  }
}

function row(k, isCurrent, refresh) {
  return h('tr', {},
    h('td', {}, k.name, isCurrent ? h('span', { class: 'badge ok' }, ' this session') : null),
    h('td', {}, h('code', {}, k.prefix)),
    h('td', {}, k.allScopes ? 'All' : k.scopes.join(', ')),
    h('td', {}, formatDateTime(k.createdDate)),
    h('td', {}, k.lastUsedDate ? formatDateTime(k.lastUsedDate) : 'Never'),
    h('td', {}, k.revokesDate ? `Revoked from ${formatDateTime(k.revokesDate)}` : k.expiresDate ? formatDateTime(k.expiresDate) : 'Never'),
    h('td', {}, isCurrent ? null : h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${k.name}`, onclick: async () => {
      if (!confirm(`Revoke the key “${k.name}” (${k.prefix})? Calls with it fail from now on.`)) return;
      const done = await attempt(() => api('DELETE', `/v1/api-keys/${k.id}`));
      if (done) {
        showInfo(`Revoked “${k.name}”.`);
        refresh();
      }
    } }, 'Revoke')));
}
