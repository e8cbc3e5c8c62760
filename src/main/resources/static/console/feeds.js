// Calendar apps: a schedule's secret ICS feed URLs (subscribe from Google, Apple, Outlook,
// Thunderbird), made, copied, rotated and revoked here.
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
