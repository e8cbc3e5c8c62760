// The participants dashboard (the seed's flow): pick an event in a date range, see its participants,
// capacity and remaining places; add, edit and remove participants.
import { api, h, field, attempt, allSchedules, scheduleSelect, remembered, viewerZone, wallTime, toLocalDateInput, formatDateTime, fill } from './core.js';

export async function participantsPage(main, params) {
  const schedules = await allSchedules();
  let scheduleId = remembered.schedule;
  if (!schedules.some(s => s.id === scheduleId)) scheduleId = schedules[0]?.id;
  const today = new Date();
  const from = h('input', { type: 'date', name: 'from', required: true, value: toLocalDateInput(today) });
  const to = h('input', { type: 'date', name: 'to', required: true, value: toLocalDateInput(new Date(today.getTime() + 14 * 86400e3)) });
  const select = scheduleSelect(schedules, scheduleId, () => { remembered.schedule = select.value; });
  const list = h('section');
  const detail = h('section', { id: 'event-participants', 'aria-live': 'polite' });
  const form = h('form', { class: 'panel row', onsubmit: e => { e.preventDefault(); showEvents(); } },
    field('Schedule', select), field('From', from), field('To', to), h('button', { type: 'submit' }, 'Show events'));
  main.append(form, list, detail);

  async function showEvents() {
    const start = new Date(`${from.value}T00:00`);
    const end = new Date(`${to.value}T00:00`);
    end.setDate(end.getDate() + 1);
    const page = await attempt(() => api('POST', '/calendar/v3/events/query', {
      fromLocalDate: wallTime(start, viewerZone), toLocalDate: wallTime(end, viewerZone), timeZone: viewerZone,
      query: { filter: { scheduleId: select.value }, cursorPaging: { limit: 100 } },
    }));
    if (!page) return;
    const events = page.events.filter(e => e.status !== 'CANCELLED');
    fill(list, h('h2', { id: 'events-heading' }, `Events (${events.length}${page.pagingMetadata?.hasNext ? ', first 100' : ''})`),
      events.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Event'), h('th', { scope: 'col' }, 'Starts'), h('th', { scope: 'col' }, 'Capacity'),
          h('th', { scope: 'col' }, 'Remaining'), h('th', { scope: 'col' }, h('span', { class: 'hint' }, 'Action')))),
        h('tbody', {}, events.map(e => h('tr', {},
          h('td', {}, e.title || 'Untitled'), h('td', {}, formatDateTime(e.start.utcDate)),
          h('td', {}, e.totalCapacity ?? '—'), h('td', {}, e.remainingCapacity ?? '—'),
          h('td', {}, h('button', { type: 'button', class: 'quiet', onclick: () => showEvent(e.id),
            'aria-label': `Participants of ${e.title || 'Untitled'} at ${formatDateTime(e.start.utcDate)}` }, 'Participants')))))))
        : h('p', { class: 'hint' }, 'No events in these dates.'));
  }

  async function showEvent(eventId) {
    const loaded = await attempt(async () => {
      const { event } = await api('GET', `/calendar/v3/events/${eventId}`);
      const { participations } = await api('POST', '/calendar/v3/participations/query', { query: { filter: { eventId }, cursorPaging: { limit: 100 } } });
      return { event, participations };
    });
    if (!loaded) return;
    const { event, participations } = loaded;
    const taken = participations.reduce((sum, p) => sum + (p.partySize || 1), 0);
    const name = h('input', { name: 'name', required: true, autocomplete: 'off' });
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'off' });
    const size = h('input', { type: 'number', name: 'partySize', min: 1, max: 1000, value: 1, required: true });
    fill(detail, h('div', { class: 'panel' },
      h('h2', {}, `${event.title || 'Untitled'} · ${formatDateTime(event.start.utcDate)}`),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Capacity'), h('dd', { id: 'capacity' }, event.totalCapacity ?? 'unlimited'),
        h('dt', {}, 'Places taken'), h('dd', { id: 'taken' }, taken),
        h('dt', {}, 'Remaining places'), h('dd', { id: 'remaining' }, event.remainingCapacity ?? '—')),
      participations.length ? h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Participants' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Party size'),
          h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, h('span', { class: 'hint' }, 'Actions')))),
        h('tbody', {}, participations.map(p => participantRow(p, () => showEvent(eventId))))))
        : h('p', { class: 'hint' }, 'No participants yet.'),
      h('form', { class: 'row', onsubmit: async e => {
        e.preventDefault();
        const participant = { name: name.value };
        if (email.value) participant.email = email.value;
        const done = await attempt(() => api('POST', '/calendar/v3/participations', {
          participation: { eventId, participant, partySize: Number(size.value) }, idempotencyKey: crypto.randomUUID() }));
        if (done) showEvent(eventId);
      } },
      h('h3', { style: 'width:100%' }, 'Add a participant'),
      field('Name', name), field('Email', email), field('Party size', size), h('button', { type: 'submit' }, 'Add participant'))));
  }

  if (schedules.length) await showEvents();
  if (params.get('event')) await showEvent(params.get('event'));
}

function participantRow(p, refresh) {
  const who = p.participant?.name || p.participant?.email || 'Unnamed';
  const size = h('input', { type: 'number', min: 1, max: 1000, value: p.partySize || 1, 'aria-label': `Party size of ${who}`, style: 'width:6em' });
  return h('tr', {},
    h('td', {}, who), h('td', {}, p.participant?.email || '—'),
    h('td', {}, size), h('td', {}, p.status || '—'),
    h('td', {}, h('div', { class: 'actions', style: 'margin:0' },
      h('button', { type: 'button', class: 'quiet', 'aria-label': `Save party size of ${who}`, onclick: async () => {
        const done = await attempt(() => api('PATCH', `/calendar/v3/participations/${p.id}`,
          { participation: { id: p.id, revision: p.revision, partySize: Number(size.value) } }));
        if (done) refresh();
      } }, 'Save'),
      h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${who}`, onclick: async () => {
        if (!confirm(`Remove ${who} from this event?`)) return;
        const done = await attempt(() => api('DELETE', `/calendar/v3/participations/${p.id}`));
        if (done) refresh();
      } }, 'Remove'))));
}
