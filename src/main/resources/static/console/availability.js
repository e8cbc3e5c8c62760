// Availability: pick resources, a service and dates → the free slots; every slot that is not offered
// is listed too, and choosing it tells why (closed, busy with what, buffer, notice, fully booked…).
import { api, h, field, attempt, toLocalDateInput, viewerZone, showInfo, fill } from './core.js';

const REASON_WORDS = {
  CLOSED: 'Closed', PAST: 'In the past', MINIMUM_NOTICE: 'Too short notice', BOOKING_HORIZON: 'Too far ahead',
  BUSY: 'Busy', BUFFER: 'Buffer around something busy', FULLY_BOOKED: 'Fully booked',
};

async function all(path) {
  const out = [];
  for (let offset = 0; offset < 10000; offset += 100) {
    const page = await api('GET', `${path}?limit=100&offset=${offset}`);
    out.push(...(page.data || []));
    if (!page.hasMore) break;
  }
  return out;
}

export async function availabilityPage(main) {
  const [services, resources] = await Promise.all([all('/setup/v1/services'), all('/setup/v1/resources')]);
  const live = resources.filter(r => !r.deletedStatus);
  if (!services.length || !live.length) {
    main.append(h('div', { class: 'panel' }, h('p', {}, 'Availability needs at least one service and one resource.'),
      h('p', { class: 'hint' }, 'Create them with POST /setup/v1/services and POST /setup/v1/resources (see docs/availability.md), or below.'),
      quickSetup(() => window.dispatchEvent(new HashChangeEvent('hashchange')))));
    return;
  }
  const service = h('select', { name: 'service' }, services.map(s => h('option', { value: s.id }, `${s.name} (${s.duration} min)`)));
  const boxes = live.map((r, i) => h('label', { class: 'inline' },
    h('input', { type: 'checkbox', name: 'resource', value: r.id, checked: i === 0 }), `${r.name} (${r.timezoneIana || r.timezoneName})`));
  const today = new Date();
  const from = h('input', { type: 'date', name: 'from', required: true, value: toLocalDateInput(today) });
  const to = h('input', { type: 'date', name: 'to', required: true, value: toLocalDateInput(new Date(today.getTime() + 2 * 86400e3)) });
  const require = h('select', { name: 'require' }, h('option', { value: '1' }, 'any one of them'), h('option', { value: 'all' }, 'all of them together'));
  const results = h('section', { 'aria-live': 'polite' });
  main.append(h('form', { class: 'panel', onsubmit: async e => {
    e.preventDefault();
    const ids = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    if (!ids.length) return showInfo('Choose at least one resource.');
    const q = new URLSearchParams({ resourceIds: ids.join(','), require: require.value, explain: 'true', timezoneName: viewerZone });
    const answer = await attempt(() => api('GET', `/consumer/v1/availability/${service.value}/${from.value}/${to.value}?${q}`));
    if (answer) show(answer, results, live);
  } },
  h('div', { class: 'row' }, field('Service', service), field('From', from), field('To', to), field('Needs', require)),
  h('fieldset', { style: 'margin-top:10px' }, h('legend', {}, 'Resources'), boxes),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show free slots'))), results);
}

function show(answer, host, resources) {
  const name = id => resources.find(r => r.id === id)?.name || id;
  const days = new Map();
  const day = d => { if (!days.has(d)) days.set(d, { free: [], missing: new Map() }); return days.get(d); };
  for (const t of answer.availableTimes || []) day(t.date).free.push(t);
  for (const u of answer.unavailableTimes || []) {
    const key = u.startDateTime;
    const d = day(u.date);
    if (!d.missing.has(key)) d.missing.set(key, []);
    d.missing.get(key).push(u);
  }
  const why = h('div', { class: 'panel why', id: 'why', tabindex: -1, hidden: true });
  const time = iso => iso.slice(11, 16);
  const sources = (answer.externalSources || []).map(s => h('li', {},
    `${name(s.resourceId)}: ${s.providerName || s.calendarType || 'calendar'} — ${s.counted ? 'counted' : 'not counted'} (${s.status}), last sync ${s.lastSuccessfulSyncDate ? new Date(s.lastSuccessfulSyncDate).toLocaleString() : 'never'}`));
  fill(host, 
    h('h2', {}, `${answer.serviceName}: ${answer.availableTimes.length} free slot${answer.availableTimes.length === 1 ? '' : 's'} (times in ${answer.timezoneName})`),
    sources.length ? h('div', { class: 'panel' }, h('h3', {}, 'External calendars'), h('ul', {}, sources)) : null,
    [...days.keys()].sort().map(d => {
      const { free, missing } = days.get(d);
      const slots = [
        ...free.map(t => ({ at: t.startDateTime, el: h('span', { class: 'slot free', 'data-start': t.startDateTime },
          `${time(t.startDateTime)} free${t.availableBookings > 1 ? ` (${t.availableBookings} places)` : ''}`) })),
        ...[...missing.entries()].map(([at, reasons]) => ({ at, el: h('button', { type: 'button', class: 'slot missing', 'data-start': at,
          'aria-controls': 'why', onclick: () => explain(at, reasons) }, `${time(at)} not offered`) })),
      ].sort((a, b) => a.at.localeCompare(b.at));
      return h('div', { class: 'panel' }, h('h3', {}, new Date(`${d}T12:00`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' })),
        slots.length ? h('div', { class: 'slots' }, slots.map(s => s.el)) : h('p', { class: 'hint' }, 'Nothing to offer.'));
    }),
    why);

  function explain(at, reasons) {
    why.hidden = false;
    fill(why, h('h3', {}, `Why ${time(at)} on ${at.slice(0, 10)} is not offered`),
      h('ul', {}, reasons.map(r => h('li', {}, h('strong', {}, `${REASON_WORDS[r.reasonCode] || r.reasonCode}`), ` — ${name(r.resourceId)}: ${r.reason}`,
        r.entityType === 'EVENT' && r.entityId ? h('span', {}, ' (', h('a', { href: `#participants?event=${encodeURIComponent(r.entityId)}` }, 'the event'), ')') : null))));
    why.focus();
  }
}

function quickSetup(done) {
  const serviceName = h('input', { name: 'serviceName', required: true, value: 'Consultation' });
  const duration = h('input', { type: 'number', name: 'duration', min: 5, value: 30, required: true });
  const resourceName = h('input', { name: 'resourceName', required: true, value: 'Room 1' });
  const zone = h('input', { name: 'timezone', required: true, value: viewerZone });
  return h('form', { onsubmit: async e => {
    e.preventDefault();
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map(d => [d, { startTime: 900, endTime: 1700 }]));
    const ok = await attempt(async () => {
      await api('POST', '/setup/v1/services', { name: serviceName.value, duration: Number(duration.value), interval: Number(duration.value) });
      await api('POST', '/setup/v1/resources', { name: resourceName.value, timezoneIana: zone.value, availability: week });
      return true;
    });
    if (ok) done();
  } },
  h('h2', {}, 'Quick start'),
  h('div', { class: 'row' }, field('Service', serviceName), field('Minutes', duration), field('Resource', resourceName), field('Its time zone', zone)),
  h('p', { class: 'hint' }, 'The resource is open Monday to Friday, 9:00 to 17:00; change it with PUT /setup/v1/resources/{id}.'),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create both')));
}
