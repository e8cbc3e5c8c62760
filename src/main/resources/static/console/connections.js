// Connections: the providers and how each connects; connect by credentials (CalDAV, iCloud) or by
// OAuth (Google, Microsoft); per connection its status in plain words, freshness, calendars,
// import and export settings, sync now and disconnect.
import { api, h, field, attempt, allSchedules, scheduleSelect, remembered, formatDateTime, ago, showInfo, fill } from './core.js';
import { caldavPanel, feedsPanel } from './feeds.js';

const BASE = '/bookings/v2/external-calendars';

const REASONS = {
  TOKEN_REVOKED: 'The account no longer accepts Horae\'s sign-in (password changed or access revoked). Disconnect and connect again.',
  EXTERNAL_CALENDAR_DELETED: 'A calendar this connection uses was deleted in the account. Choose other calendars below.',
  EXTERNAL_CALENDAR_CREATION_FAILED: 'Horae could not create its own calendar in the account to write bookings to.',
};

const STATUS_WORDS = {
  CONNECTED: 'Connected, waiting for its first sync',
  SYNC_IN_PROGRESS: 'Syncing',
  SYNCED: 'In sync',
  ERROR: 'Needs attention',
  DISCONNECTED: 'Disconnected',
};

export async function connectionsPage(main, params) {
  const [schedules, { providers }] = await Promise.all([allSchedules(), api('GET', `${BASE}/providers`)]);
  let scheduleId = remembered.schedule;
  if (!schedules.some(s => s.id === scheduleId)) scheduleId = schedules[0]?.id;
  const target = scheduleSelect(schedules, scheduleId, () => { remembered.schedule = target.value; feeds.refresh(); caldav.refresh(); });
  const feeds = feedsPanel(() => target.value);
  const caldav = caldavPanel(() => target.value);
  const list = h('section', { 'aria-labelledby': 'connections-heading' });
  main.append(
    h('div', { class: 'panel' },
      h('h2', {}, 'Connect a calendar'),
      h('div', { class: 'row' }, field('To schedule', target, 'Busy time of the calendar blocks this schedule; its bookings are written there.')),
      h('div', { class: 'cards', style: 'margin-top:12px' }, providers.map(p => providerCard(p, () => target.value, refresh)))),
    feeds.panel,
    caldav.panel,
    list);
  const connected = params.get('connected');
  if (connected) showInfo('The calendar is connected. Its first sync runs now; the status below changes to "In sync" when it is done.');
  caldav.refresh();
  await Promise.all([refresh(), feeds.refresh()]);

  async function refresh() {
    const { connections } = await api('GET', `${BASE}/connections`);
    const live = connections.filter(c => c.status !== 'DISCONNECTED');
    fill(list, h('h2', { id: 'connections-heading' }, `Connections (${live.length})`),
      live.length ? health(live) : null,
      live.length ? h('div', { class: 'cards' }, live.map(c => connectionCard(c, providers, schedules, refresh, c.id === connected)))
        : h('p', { class: 'hint' }, 'No calendar is connected yet.'));
  }
}

/** Sync health at a glance: how many connections are in each state, and the stalest busy time. */
function health(connections) {
  const count = status => connections.filter(c => c.status === status).length;
  const synced = connections.filter(c => c.lastSuccessfulSyncDate).map(c => new Date(c.lastSuccessfulSyncDate).getTime());
  const stalest = synced.length ? Math.min(...synced) : null;
  const never = connections.filter(c => !c.lastSuccessfulSyncDate).length;
  return h('p', { class: 'panel', id: 'sync-health', role: 'status' },
    h('span', { class: 'badge SYNCED' }, `${count('SYNCED')} in sync`), ' ',
    h('span', { class: 'badge ERROR' }, `${count('ERROR')} need attention`), ' ',
    h('span', { class: 'badge SYNC_IN_PROGRESS' }, `${count('SYNC_IN_PROGRESS') + count('CONNECTED')} syncing or waiting`), ' ',
    stalest ? `Stalest busy time: ${ago(new Date(stalest).toISOString())}` : '',
    never ? ` · ${never} never synced` : '');
}

function providerCard(provider, scheduleId, refresh) {
  const methods = provider.features?.connectMethods || [];
  const card = h('article', { class: 'panel', 'aria-label': provider.name }, h('h3', {}, provider.name));
  if (methods.includes('OAUTH')) {
    card.append(h('p', { class: 'hint' }, `Sign in at ${provider.name} and allow Horae to read busy time and write bookings (OAuth).`),
      h('button', { type: 'button', onclick: () => attempt(async () => {
        const { oauthUrl } = await api('POST', `${BASE}/connections:connectByOAuth`,
          { scheduleId: scheduleId(), providerId: provider.id, redirectUrl: `${location.origin}/console/` });
        location.assign(oauthUrl);
      }) }, `Connect ${provider.name}`));
  }
  if (methods.includes('CREDENTIALS')) {
    const icloud = provider.calendarType === 'I_CAL';
    const email = h('input', { name: 'email', required: true, autocomplete: 'off', spellcheck: 'false' });
    const password = h('input', { type: 'password', name: 'password', required: true, autocomplete: 'new-password' });
    const server = icloud ? null : h('input', { type: 'url', name: 'serverUrl', required: true, placeholder: 'https://caldav.example.com/' });
    card.append(
      h('p', { class: 'hint' }, icloud ? 'Your Apple ID email and an app-specific password.' : 'The CalDAV server\'s address, your user name and password.'),
      h('form', { onsubmit: async e => {
        e.preventDefault();
        const body = { scheduleId: scheduleId(), providerId: provider.id, email: email.value, password: password.value };
        if (server) body.serverUrl = server.value;
        const done = await attempt(() => api('POST', `${BASE}/connections:connectByCredentials`, body));
        password.value = '';
        if (done) {
          showInfo(`Connected ${done.connection.externalAccountEmail || email.value}. Choose below which of its calendars count as busy time.`);
          refresh();
        }
      } },
      server ? field('Server URL', server) : null,
      field(icloud ? 'Apple ID email' : 'User name', email),
      field(icloud ? 'App-specific password' : 'Password', password, icloud
        ? 'Not your Apple ID password: make one at appleid.apple.com → Sign-In and Security → App-Specific Passwords.'
        : 'For servers with two-step sign-in (Fastmail, iCloud, Nextcloud), use an app password.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Connect ${provider.name}`))));
  }
  return card;
}

function connectionCard(c, providers, schedules, refresh, highlight) {
  const provider = providers.find(p => p.id === c.providerId) || { name: c.calendarType, features: {} };
  const schedule = schedules.find(s => s.id === c.scheduleId);
  const settings = h('div');
  const account = c.externalAccountEmail || c.serverUrl || '';
  const lag = c.lastSuccessfulSyncDate ? ago(c.lastSuccessfulSyncDate).replace(' ago', '') : 'no sync yet';
  const card = h('article', { class: 'panel', 'aria-label': `${provider.name} connection ${account}`, 'data-connection-id': c.id, tabindex: highlight ? -1 : null },
    h('h3', {}, account ? `${provider.name} · ${account}` : provider.name),
    h('p', {}, h('span', { class: `badge ${c.status}`, 'data-status': c.status }, STATUS_WORDS[c.status] || c.status)),
    c.status === 'ERROR' ? h('p', { class: 'alert', role: 'note' }, REASONS[c.errorReason] || `The last sync failed (${c.errorReason}).`) : null,
    c.syncState?.errorCount && c.status !== 'ERROR' ? h('p', { class: 'hint' }, `The last ${c.syncState.errorCount} sync attempt(s) failed (the server may be down); Horae keeps retrying with growing pauses.`) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Schedule'), h('dd', {}, schedule ? schedule.name : c.scheduleId),
      h('dt', {}, 'Last successful sync'), h('dd', {}, c.lastSuccessfulSyncDate ? formatDateTime(c.lastSuccessfulSyncDate) : 'never'),
      h('dt', {}, 'Lag'), h('dd', { 'data-lag': '' }, lag),
      h('dt', {}, 'Next sync'), h('dd', {}, formatDateTime(c.syncState?.nextSyncDate)),
      h('dt', {}, 'Imports busy time'), h('dd', {}, describeImport(c.syncConfig)),
      h('dt', {}, 'Writes bookings'), h('dd', {}, c.syncConfig?.syncToCalendar?.enabled ? 'yes' : 'no')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'quiet', 'aria-expanded': 'false', onclick: async e => {
        const open = e.currentTarget.getAttribute('aria-expanded') === 'true';
        e.currentTarget.setAttribute('aria-expanded', String(!open));
        if (open) fill(settings);
        else await showSettings(c, provider, settings, refresh);
      } }, 'Calendars and settings'),
      h('button', { type: 'button', onclick: async () => {
        await attempt(() => api('POST', `${BASE}/connections/${c.id}/sync`, {}));
        await attempt(refresh); // a failed sync changes the status too
      } }, 'Sync now'),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Disconnect ${provider.name} ${account}? Its busy time stops counting and the bookings Horae wrote there are removed.`)) return;
        const done = await attempt(() => api('POST', `${BASE}/connections/${c.id}/disconnect`, {}));
        if (done) {
          showInfo(`Disconnected ${provider.name} ${account}.`);
          refresh();
        }
      } }, 'Disconnect')),
    settings);
  if (highlight) setTimeout(() => card.focus(), 0);
  return card;
}

function describeImport(config) {
  const from = config?.listEventFromCalendars;
  if (!from?.enabled) return 'no';
  if (from.primaryCalendar) return 'from the primary calendar';
  const n = from.calendars?.calendars?.length || 0;
  return `from ${n} calendar${n === 1 ? '' : 's'}`;
}

async function showSettings(c, provider, host, refresh) {
  const { calendars } = await api('GET', `${BASE}/connections/${c.id}/calendars`);
  const features = provider.features || {};
  const current = c.syncConfig || {};
  const chosen = new Set((current.listEventFromCalendars?.calendars?.calendars || []).map(x => x.id));
  const importOn = h('input', { type: 'checkbox', name: 'import', checked: !!current.listEventFromCalendars?.enabled });
  const exportOn = h('input', { type: 'checkbox', name: 'export', checked: !!current.syncToCalendar?.enabled });
  const primaryOnly = features.listEventFromCalendars === 'PRIMARY_CALENDAR_ONLY';
  const boxes = primaryOnly ? [] : calendars.map(cal => h('label', { class: 'inline' },
    h('input', { type: 'checkbox', name: 'calendar', value: cal.id, checked: chosen.has(cal.id) }), cal.name || cal.id));
  fill(host, h('form', { class: 'panel', style: 'margin-top:10px', onsubmit: async e => {
    e.preventDefault();
    const listEventFromCalendars = { enabled: importOn.checked };
    if (primaryOnly) listEventFromCalendars.primaryCalendar = {};
    else listEventFromCalendars.calendars = { calendars: boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => ({ id: i.value })) };
    const syncToCalendar = { enabled: exportOn.checked };
    if (exportOn.checked) syncToCalendar[features.syncToCalendar === 'DEDICATED_CALENDAR' ? 'dedicatedCalendar' : 'primaryCalendar'] = {};
    const done = await attempt(() => api('PATCH', `${BASE}/connections/${c.id}/sync-config`, { syncConfig: { listEventFromCalendars, syncToCalendar } }));
    if (done) {
      showInfo('Settings saved. The next sync applies them.');
      await attempt(() => api('POST', `${BASE}/connections/${c.id}/sync`, {}));
      refresh();
    }
  } },
  h('fieldset', {}, h('legend', {}, 'Busy time'),
    h('label', { class: 'inline' }, importOn, 'Import busy time (it blocks availability)'),
    primaryOnly ? h('p', { class: 'hint' }, 'From the account\'s primary calendar.')
      : (boxes.length ? h('div', { role: 'group', 'aria-label': 'Calendars to import from' }, boxes) : h('p', { class: 'hint' }, 'The account has no calendars.'))),
  h('fieldset', {}, h('legend', {}, 'Bookings'),
    h('label', { class: 'inline' }, exportOn, features.syncToCalendar === 'DEDICATED_CALENDAR'
      ? 'Write bookings to a calendar Horae creates in the account' : 'Write bookings to the primary calendar')),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save settings'))));
}
