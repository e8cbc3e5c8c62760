// Calendar apps: a schedule's secret ICS feed URLs (subscribe from Google, Apple, Outlook,
// Thunderbird), made, copied, rotated and revoked here; and the schedule's CalDAV address, with app
// passwords (API keys for calendar apps) made here.
import { api, h, field, attempt, showInfo, fill, formatDateTime } from './core.js';

const PRIVACY_WORDS = { BUSY: 'Busy time only', FULL: 'Full details' };

/** The feeds panel of the schedule scheduleId() names; call the returned refresh() when the schedule changes. */
export function feedsPanel(scheduleId) {
  const list = h('div', { id: 'feeds' });
  const privacy = h('select', { name: 'privacy' },
    h('option', { value: 'BUSY' }, PRIVACY_WORDS.BUSY), h('option', { value: 'FULL' }, PRIVACY_WORDS.FULL));
  const name = h('input', { name: 'feedName', maxlength: 200, placeholder: 'The schedule\'s name' });
  const past = h('input', { type: 'number', name: 'pastDays', min: 0, max: 365, value: 30 });
  const future = h('input', { type: 'number', name: 'futureDays', min: 1, max: 730, value: 365 });
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'feeds-heading' },
    h('h2', { id: 'feeds-heading' }, 'Subscribe from a calendar app'),
    h('p', { class: 'hint' }, 'A secret address of this schedule in iCalendar format. Paste it into Google Calendar ("From URL"), '
      + 'Apple Calendar ("New Calendar Subscription"), Outlook ("Subscribe from web") or Thunderbird. Anyone with the address sees what it shows.'),
    list,
    h('form', { onsubmit: async e => {
      e.preventDefault();
      const body = { feed: { scheduleId: scheduleId(), privacy: privacy.value, pastDays: Number(past.value), futureDays: Number(future.value) } };
      if (name.value.trim()) body.feed.name = name.value.trim();
      const done = await attempt(() => api('POST', '/v1/calendar-feeds', body));
      if (done) {
        showInfo('The feed address is ready: copy it into the calendar app.');
        refresh();
      }
    } },
    h('div', { class: 'row' }, field('Shows', privacy), field('Name in the app', name),
      field('Days back', past), field('Days ahead', future)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Make a feed address'))));

  async function refresh() {
    const id = scheduleId();
    if (!id) return fill(list, h('p', { class: 'hint' }, 'Make a schedule first.'));
    const { feeds } = await api('GET', `/v1/calendar-feeds?scheduleId=${encodeURIComponent(id)}`);
    fill(list, feeds.length ? h('ul', { class: 'feeds' }, feeds.map(feedItem)) : h('p', { class: 'hint' }, 'This schedule has no feed address yet.'));
  }

  function feedItem(f) {
    const url = h('input', { readonly: true, value: f.url, name: 'feedUrl', 'aria-label': `Address of ${f.name || 'the feed'}`, size: 60 });
    return h('li', { 'data-feed-id': f.id },
      h('strong', {}, f.name || 'Feed'), ` · ${PRIVACY_WORDS[f.privacy]} · ${f.pastDays} days back, ${f.futureDays} ahead · made ${formatDateTime(f.createdDate)}`,
      h('div', { class: 'row' }, url,
        h('button', { type: 'button', onclick: async () => {
          url.select();
          try { await navigator.clipboard.writeText(f.url); showInfo('Copied.'); } catch { document.execCommand('copy'); }
        } }, 'Copy'),
        h('a', { href: f.webcalUrl }, 'Open in calendar app'),
        h('button', { type: 'button', onclick: () => attempt(async () => {
          if (!confirm('Make a new address? Apps subscribed to the old one stop receiving updates.')) return;
          await api('POST', `/v1/calendar-feeds/${f.id}/rotate-token`);
          showInfo('The feed has a new address; the old one no longer works.');
          refresh();
        }) }, 'New address'),
        h('button', { type: 'button', class: 'danger', onclick: () => attempt(async () => {
          if (!confirm('Delete this feed? Its address stops working at once.')) return;
          await api('DELETE', `/v1/calendar-feeds/${f.id}`);
          refresh();
        }) }, 'Delete')));
  }

  return { panel, refresh };
}

/**
 * The CalDAV panel of the schedule scheduleId() names: the server's address and this calendar's, and
 * a form that makes an app password (an API key with calendar scopes, shown once), for this calendar
 * only (the default: a lost phone then exposes one calendar) or for every schedule of the tenant.
 */
export function caldavPanel(scheduleId) {
  const server = `${location.origin}/dav/`;
  const calendarUrl = h('input', { readonly: true, name: 'caldavCalendarUrl', 'aria-label': 'This calendar\'s CalDAV address', size: 60, style: 'max-width:100%' });
  const serverUrl = h('input', { readonly: true, name: 'caldavServerUrl', value: server, 'aria-label': 'CalDAV server address', size: 40, style: 'max-width:100%' });
  const name = h('input', { name: 'appPasswordName', maxlength: 100, required: true, placeholder: 'Alice\'s iPhone' });
  const access = h('select', { name: 'appPasswordAccess' },
    h('option', { value: 'read' }, 'Read only'), h('option', { value: 'write' }, 'Read and write'));
  const reach = h('select', { name: 'appPasswordReach' },
    h('option', { value: 'one' }, 'This calendar only'), h('option', { value: 'all' }, 'Every schedule'));
  const secret = h('div', { id: 'app-password', 'aria-live': 'polite' });
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'caldav-heading' },
    h('h2', { id: 'caldav-heading' }, 'Edit from a calendar app (CalDAV)'),
    h('p', { class: 'hint' }, 'Add a CalDAV account in Apple Calendar, Thunderbird or DAVx\u2075 with the server address, any user name, '
      + 'and an app password made here. The app then shows this calendar (or every schedule of this tenant), and changes made there are '
      + 'ordinary changes here. An app password works only for calendar apps, not for the API.'),
    h('div', { class: 'row' }, field('Server', serverUrl), field('This calendar', calendarUrl)),
    h('form', { onsubmit: async e => {
      e.preventDefault();
      const scopes = access.value === 'write' ? ['calendar:read', 'calendar:write'] : ['calendar:read'];
      const apiKey = { name: name.value.trim(), scopes };
      if (reach.value === 'one') apiKey.scheduleIds = [scheduleId()];
      const made = await attempt(() => api('POST', '/v1/api-keys', { apiKey }));
      if (made) {
        const value = h('input', { readonly: true, name: 'appPassword', value: made.apiKey.secret, 'aria-label': 'The new app password', size: 60, style: 'max-width:100%' });
        fill(secret, h('p', {}, 'The app password, shown only now: ', value,
          h('button', { type: 'button', onclick: async () => {
            value.select();
            try { await navigator.clipboard.writeText(made.apiKey.secret); showInfo('Copied.'); } catch { document.execCommand('copy'); }
          } }, 'Copy')));
        name.value = '';
      }
    } },
    h('div', { class: 'row' }, field('App password for', name), field('Access', access), field('Calendars', reach)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Make an app password'))),
    secret);

  function refresh() {
    const id = scheduleId();
    calendarUrl.value = id ? `${server}calendars/${id}/` : '';
  }

  return { panel, refresh };
}
