// Webhooks: the subscriptions, each one's delivery log (attempts, answers, latency) and replay.
import { api, h, field, attempt, formatDateTime, showInfo, fill } from './core.js';

export async function webhooksPage(main) {
  const list = h('section');
  const url = h('input', { type: 'url', name: 'url', required: true, placeholder: 'https://example.com/hooks/horae' });
  const types = h('input', { name: 'eventTypes', required: true, value: '*' });
  main.append(h('form', { class: 'panel', onsubmit: async e => {
    e.preventDefault();
    const eventTypes = types.value.split(',').map(s => s.trim()).filter(Boolean);
    const created = await attempt(() => api('POST', '/v1/webhooks', { url: url.value, eventTypes }));
    if (created) {
      showInfo(`Subscribed. Its signing secret, shown once: ${created.webhook.secret}`);
      url.value = '';
      refresh();
    }
  } },
  h('h2', {}, 'New subscription'),
  h('div', { class: 'row' }, field('Endpoint URL', url), field('Event types', types, 'Comma-separated; * for all, or e.g. wix.calendar.v3.event.*')),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Subscribe'))), list);
  await refresh();

  async function refresh() {
    const { webhooks } = await api('GET', '/v1/webhooks');
    fill(list, h('h2', {}, `Subscriptions (${webhooks.length})`),
      webhooks.length ? webhooks.map(w => subscription(w, refresh)) : h('p', { class: 'hint' }, 'No subscriptions yet.'));
  }
}

function subscription(w, refresh) {
  const log = h('div');
  return h('article', { class: 'panel', 'aria-label': `Webhook ${w.url}` },
    h('h3', {}, w.url),
    h('p', {}, h('span', { class: `badge ${w.enabled ? 'ok' : 'bad'}` }, w.enabled ? 'Enabled' : `Disabled${w.disabledReason ? `: ${w.disabledReason}` : ''}`)),
    h('dl', { class: 'facts' }, h('dt', {}, 'Event types'), h('dd', {}, w.eventTypes.join(', ')),
      h('dt', {}, 'Created'), h('dd', {}, formatDateTime(w.createdDate))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'quiet', onclick: () => attempt(() => deliveries(w, log)) }, 'Delivery log'),
      h('button', { type: 'button', class: 'quiet', onclick: async () => {
        const done = await attempt(() => api('PATCH', `/v1/webhooks/${w.id}`, { webhook: { enabled: !w.enabled } }));
        if (done) refresh();
      } }, w.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Delete the subscription to ${w.url}?`)) return;
        const done = await attempt(() => api('DELETE', `/v1/webhooks/${w.id}`));
        if (done !== undefined) refresh();
      } }, 'Delete')),
    log);
}

/** The last attempt in words: its status or error and latency, or that it is in flight or was abandoned. */
function lastAttempt(a) {
  if (a.outcome === 'IN_FLIGHT') return 'sending…';
  if (a.outcome === 'ABANDONED') return `abandoned (node ${a.node ?? '?'} stopped)`;
  return `${a.statusCode ?? a.error ?? '—'} in ${a.latencyMs} ms`;
}

async function deliveries(w, host, cursor) {
  const q = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) });
  const page = await api('GET', `/v1/webhooks/${w.id}/deliveries?${q}`);
  const rows = page.deliveries.map(d => {
    const last = (d.attemptLog || [])[d.attemptLog?.length - 1];
    return h('tr', {},
      h('td', {}, formatDateTime(d.createdDate)), h('td', {}, d.sequence), h('td', {}, h('span', { class: `badge ${d.status}` }, d.status)),
      h('td', {}, d.attempts), h('td', {}, last ? lastAttempt(last) : '—'),
      h('td', {}, d.replayOf ? 'replay' : ''),
      h('td', {}, h('button', { type: 'button', class: 'quiet', 'aria-label': `Replay delivery ${d.sequence}`, onclick: async () => {
        const done = await attempt(() => api('POST', `/v1/webhooks/${w.id}/deliveries/${d.id}/replay`, {}));
        if (done) {
          showInfo('Queued again; it appears at the top of the log.');
          deliveries(w, host);
        }
      } }, 'Replay')));
  });
  fill(host, h('h3', {}, 'Delivery log (newest first)'),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { 'aria-label': `Deliveries to ${w.url}` },
      h('thead', {}, h('tr', {}, ['Created', 'Change', 'Status', 'Attempts', 'Last answer', '', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))) : h('p', { class: 'hint' }, 'Nothing delivered yet.'),
    page.nextCursor ? h('button', { type: 'button', class: 'quiet', onclick: () => attempt(() => deliveries(w, host, page.nextCursor)) }, 'Older') : null);
}
