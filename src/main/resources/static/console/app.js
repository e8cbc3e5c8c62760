// The console's shell: sign-in, navigation between sections, and the return from an OAuth consent.
import { h, field, session, attempt, clearAlert, showInfo, showError, fill } from './core.js';
import { calendarPage } from './calendar.js';
import { participantsPage } from './participants.js';
import { connectionsPage } from './connections.js';
import { availabilityPage } from './availability.js';
import { webhooksPage } from './webhooks.js';
import { keysPage } from './keys.js';
import { notificationsPage } from './notifications.js';

const pages = {
  calendar: { title: 'Calendar', render: calendarPage },
  participants: { title: 'Participants', render: participantsPage },
  connections: { title: 'Connections', render: connectionsPage },
  availability: { title: 'Availability', render: availabilityPage },
  webhooks: { title: 'Webhooks', render: webhooksPage },
  notifications: { title: 'Notifications', render: notificationsPage },
  keys: { title: 'API keys', render: keysPage },
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let signedIn = false;

function signInPage() {
  nav.hidden = true;
  document.title = 'Sign in · Horae console';
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'panel signin', onsubmit: async e => {
    e.preventDefault();
    const done = await attempt(() => session('POST', { apiKey: key.value }));
    key.value = '';
    if (done) {
      signedIn = true;
      route();
    }
  } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'hint' }, 'Use an API key of your tenant (the service printed one at its first start). The console keeps it on the server for this session only.'),
  field('API key', key),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  fill(main, form);
  key.focus();
}

async function route() {
  if (!signedIn) return signInPage();
  nav.hidden = false;
  const name = (location.hash.slice(1).split('?')[0]) || 'calendar';
  const page = pages[name] || pages.calendar;
  for (const a of nav.querySelectorAll('a')) {
    if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.title = `${page.title} · Horae console`;
  fill(main, h('h1', {}, page.title));
  try {
    await page.render(main, new URLSearchParams(location.hash.split('?')[1] || ''));
  } catch (e) {
    showError(e);
  }
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await attempt(() => session('DELETE'));
  signedIn = false;
  clearAlert();
  history.replaceState(null, '', '/console/');
  route();
});

window.addEventListener('horae:signed-out', () => {
  if (signedIn) {
    signedIn = false;
    route().then(() => showInfo('Your session ended; sign in again.'));
  }
});

window.addEventListener('hashchange', () => { clearAlert(); route(); });

async function start() {
  // back from a provider's consent screen: ?connectionId=… or ?error=… (the OAuth redirect URL)
  const params = new URLSearchParams(location.search);
  if (params.has('connectionId') || params.has('error')) {
    const connected = params.get('connectionId');
    const error = params.get('error');
    history.replaceState(null, '', `/console/#connections${connected ? `?connected=${encodeURIComponent(connected)}` : ''}`);
    if (error) {
      showError(error === 'reject' ? 'The connection was not made: consent was refused at the provider.'
        : 'The connection was not made: the provider or Horae could not complete the sign-in. Try again.');
    }
  }
  try {
    signedIn = (await session('GET')).signedIn;
  } catch (e) {
    showError(e);
  }
  await route();
}

start();
