// Calendar: a schedule's events in day, week, month and list views (FullCalendar), in the viewer's
// time zone, with the schedule's external busy time; create, edit, move and cancel events, and for
// a recurring one choose "this event", "this and following" or "all events".
import { api, h, field, attempt, allPages, allSchedules, scheduleSelect, remembered, viewerZone, wallTime, toLocalInput, status, showInfo, ApiError } from './core.js';

const SCOPE_LABELS = { this: 'This event', following: 'This and following events', all: 'All events' };

export async function calendarPage(main, params) {
  const schedules = await allSchedules();
  if (!schedules.length) {
    main.append(firstSchedule());
    return;
  }
  let scheduleId = params.get('schedule') || remembered.schedule;
  if (!schedules.some(s => s.id === scheduleId)) scheduleId = schedules[0].id;
  remembered.schedule = scheduleId;
  const schedule = () => schedules.find(s => s.id === scheduleId);

  const host = h('div', { id: 'calendar-host' });
  const stale = h('p', { class: 'alert', id: 'stale-busy', role: 'status', hidden: true });
  const select = scheduleSelect(schedules, scheduleId, () => {
    scheduleId = select.value;
    remembered.schedule = scheduleId;
    calendar.refetchEvents();
  });
  main.append(
    h('div', { class: 'row panel' },
      field('Schedule', select),
      h('button', { type: 'button', onclick: () => openEvent({ create: true, start: roundedNow(), end: new Date(roundedNow().getTime() + 3600e3) }) }, 'New event'),
      h('span', { class: 'hint' }, `Times are shown in ${viewerZone}.`)),
    h('div', { class: 'legend', 'aria-label': 'Legend' },
      h('span', {}, h('span', { class: 'swatch event' }), 'Event (↻ part of a repeating series)'),
      h('span', {}, h('span', { class: 'swatch exception' }), '✱ Changed occurrence of a series'),
      h('span', {}, h('span', { class: 'swatch cancelled' }), 'Cancelled'),
      h('span', {}, h('span', { class: 'swatch busy' }), 'Busy in a connected calendar')),
    stale,
    host);

  const narrow = window.matchMedia('(max-width: 600px)').matches;
  const calendar = new window.FullCalendar.Calendar(host, {
    initialView: params.get('view') || (narrow ? 'timeGridDay' : 'timeGridWeek'),
    initialDate: params.get('date') || undefined,
    timeZone: 'local',
    firstDay: firstDayOfWeek(),
    contentHeight: narrow ? 520 : 640, // the whole day scrolls inside; it opens at 08:00
    headerToolbar: { left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth,listWeek' },
    buttonText: { today: 'Today', day: 'Day', week: 'Week', month: 'Month', list: 'List' },
    scrollTime: '08:00:00',
    nowIndicator: true,
    editable: true,
    selectable: true,
    eventInteractive: true,
    eventSources: [
      { id: 'events', events: (info, ok, fail) => loadEvents(scheduleId, info).then(ok, e => { fail(e); attempt(() => { throw e; }); }) },
      { id: 'busy', events: (info, ok, fail) => loadBusy(scheduleId, info, text => { stale.textContent = text; stale.hidden = !text; }).then(ok, e => { fail(e); attempt(() => { throw e; }); }) },
    ],
    eventClick: info => {
      info.jsEvent.preventDefault();
      if (info.event.extendedProps.horae) openEvent({ ev: info.event.extendedProps.horae });
      else showInfo(`Busy in ${info.event.extendedProps.calendarName || 'a connected calendar'}: ${info.event.title}. Busy time is read from the external calendar and can only be changed there.`);
    },
    select: info => openEvent({ create: true, start: info.start, end: info.end }),
    eventDrop: info => move(info),
    eventResize: info => move(info),
    eventDidMount: info => info.el.setAttribute('aria-label', describe(info.event)),
    loading: busy => status(busy ? 'Loading…' : ''),
    datesSet: () => nameIconButtons(host),
  });
  calendar.render();
  nameIconButtons(host);

  async function move(info) {
    const ev = info.event.extendedProps.horae;
    if (!ev) return info.revert();
    const done = await attempt(() => updateThis(ev, { start: info.event.start, end: info.event.end }));
    if (!done) info.revert();
    calendar.refetchEvents();
  }

  function openEvent({ ev, create, start, end }) {
    const zone = schedule().timeZone;
    const recurring = ev && ev.recurringEventId;
    const title = h('input', { name: 'title', required: true, value: ev ? ev.title || '' : '' });
    const startInput = h('input', { type: 'datetime-local', name: 'start', required: true, value: toLocalInput(ev ? new Date(ev.start.utcDate) : start) });
    const endInput = h('input', { type: 'datetime-local', name: 'end', required: true, value: toLocalInput(ev ? new Date(ev.end.utcDate) : end) });
    const capacity = h('input', { type: 'number', name: 'capacity', min: 1, max: 10000, value: ev?.totalCapacity ?? '' });
    const repeats = h('select', { name: 'repeats' },
      h('option', { value: '' }, 'Does not repeat'), h('option', { value: 'DAILY' }, 'Daily'),
      h('option', { value: 'WEEKLY' }, 'Weekly'), h('option', { value: 'MONTHLY' }, 'Monthly'));
    const count = h('input', { type: 'number', name: 'count', min: 1, max: 5000, placeholder: 'no end' });
    const scope = recurring ? h('fieldset', {}, h('legend', {}, 'Apply to'),
      Object.entries(SCOPE_LABELS).map(([value, text]) =>
        h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'scope', value, checked: value === 'this' }), text))) : null;
    const problem = h('p', { class: 'alert', role: 'alert', hidden: true });
    const dialog = h('dialog', { 'aria-labelledby': 'event-dialog-title' });
    const close = () => { dialog.close(); dialog.remove(); };
    const kind = !ev ? '' : ev.status === 'CANCELLED' ? 'This event is cancelled.'
      : ev.recurrenceType === 'EXCEPTION' ? 'A changed occurrence of a repeating series.'
        : ev.recurrenceType === 'INSTANCE' ? 'An occurrence of a repeating series.' : '';
    const chosenScope = () => (dialog.querySelector('input[name="scope"]:checked') || {}).value || 'this';
    const run = async action => {
      problem.hidden = true;
      try {
        await action();
        close();
        calendar.refetchEvents();
      } catch (e) {
        problem.textContent = e.message;
        problem.hidden = false;
        if (!(e instanceof ApiError)) console.error(e);
      }
    };
    const form = h('form', { method: 'dialog', onsubmit: e => {
      e.preventDefault();
      const changes = { title: title.value, start: new Date(startInput.value), end: new Date(endInput.value),
        capacity: capacity.value === '' ? null : Number(capacity.value) };
      if (!(changes.end > changes.start)) {
        problem.textContent = 'The end must be after the start.';
        problem.hidden = false;
        endInput.focus();
        return;
      }
      run(() => create ? createEvent(scheduleId, zone, changes, repeats.value, count.value)
        : update(ev, changes, chosenScope()));
    } },
    h('h2', { id: 'event-dialog-title' }, create ? 'New event' : 'Event'),
    kind ? h('p', { class: 'hint' }, kind) : null,
    field('Title', title),
    h('div', { class: 'row' }, field('Starts', startInput), field('Ends', endInput)),
    field('Capacity', capacity, ev ? `${ev.remainingCapacity ?? '—'} places remaining` : 'Empty: the schedule\'s default'),
    create ? h('div', { class: 'row' }, field('Repeats', repeats), field('Occurrences', count)) : null,
    scope,
    problem,
    h('div', { class: 'actions' },
      ev?.status === 'CANCELLED' ? null : h('button', { type: 'submit' }, create ? 'Create' : 'Save'),
      ev && ev.status !== 'CANCELLED' ? h('button', { type: 'button', class: 'danger', onclick: () => run(() => cancel(ev, chosenScope())) }, 'Cancel event') : null,
      ev ? h('a', { href: `#participants?event=${encodeURIComponent(ev.id)}`, onclick: close }, 'Participants') : null,
      h('button', { type: 'button', class: 'quiet', onclick: close }, 'Close')));
    dialog.addEventListener('close', () => dialog.remove());
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    title.focus();
  }
}

/** FullCalendar's arrow buttons hold an icon with role="img" and no name: the button gets its title as name, the icon is hidden. */
function nameIconButtons(host) {
  for (const icon of host.querySelectorAll('.fc-icon')) {
    icon.setAttribute('aria-hidden', 'true');
    icon.removeAttribute('role');
    const button = icon.closest('button');
    if (button && !button.getAttribute('aria-label') && button.title) button.setAttribute('aria-label', button.title);
  }
}

/** The viewer's locale decides whether weeks start on Sunday or Monday (Monday where it can't tell). */
function firstDayOfWeek() {
  try {
    const info = new Intl.Locale(navigator.language).weekInfo;
    if (info && info.firstDay) return info.firstDay % 7;
  } catch { /* older browsers: Monday */ }
  return 1;
}

function roundedNow() {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}

function describe(event) {
  const ev = event.extendedProps.horae;
  const when = `${event.start?.toLocaleString()} to ${event.end?.toLocaleTimeString()}`;
  if (!ev) return `Busy (external calendar): ${event.title}, ${when}`;
  const parts = [ev.title || 'Untitled', when];
  if (ev.status === 'CANCELLED') parts.push('cancelled');
  if (ev.recurrenceType === 'INSTANCE') parts.push('repeating');
  if (ev.recurrenceType === 'EXCEPTION') parts.push('changed occurrence of a repeating series');
  return parts.join(', ');
}

// ---- reading ----

async function loadEvents(scheduleId, info) {
  const pages = await allPages(cursor => api('POST', '/calendar/v3/events/query', {
    fromLocalDate: wallTime(info.start, viewerZone), toLocalDate: wallTime(info.end, viewerZone), timeZone: viewerZone,
    query: cursor ? { cursorPaging: { limit: 500, cursor } } : { filter: { scheduleId }, cursorPaging: { limit: 500 } },
  }), 20);
  return pages.flatMap(p => p.events).map(toCalendarEvent);
}

function toCalendarEvent(ev) {
  const classNames = ['ev-horae'];
  let text = ev.title || 'Untitled';
  if (ev.status === 'CANCELLED') {
    classNames.push('ev-cancelled');
    text = `Cancelled: ${text}`;
  } else if (ev.recurrenceType === 'EXCEPTION') {
    classNames.push('ev-exception');
    text = `✱ ${text}`;
  } else if (ev.recurrenceType === 'INSTANCE') {
    text = `↻ ${text}`;
  }
  return {
    id: ev.id, title: text, allDay: ev.allDay,
    start: ev.allDay ? ev.start.localDate.slice(0, 10) : ev.start.utcDate,
    end: ev.allDay ? ev.end.localDate.slice(0, 10) : ev.end.utcDate,
    classNames, editable: ev.status !== 'CANCELLED', extendedProps: { horae: ev },
  };
}

async function loadBusy(scheduleId, info, warn) {
  const pages = await allPages(cursor => {
    // OWN_PI: the business owner sees the titles of their own connected calendars' entries
    const q = new URLSearchParams(cursor ? { 'cursorPaging.cursor': cursor } : { from: info.start.toISOString(), to: info.end.toISOString(), scheduleIds: scheduleId });
    q.set('fieldsets', 'OWN_PI');
    q.set('cursorPaging.limit', '100');
    q.set('partialFailure', 'true'); // a connection in error must not hide the others' busy time
    return api('GET', `/bookings/v2/external-calendars/events?${q}`);
  }, 20);
  const out = pages.flatMap(p => p.events || []);
  const failed = pages.flatMap(p => p.failedProviderIds || []);
  warn(failed.length ? 'A connected calendar needs attention, so its busy time may be out of date: see Connections.' : '');
  return out.map((e, i) => ({
    id: `busy-${i}-${e.start}`, title: `Busy${e.title ? `: ${e.title}` : ''}`, start: e.start, end: e.end, allDay: !!e.allDay,
    classNames: ['ev-busy'], editable: false, extendedProps: { calendarName: e.calendarName },
  }));
}

// ---- writing ----

function createEvent(scheduleId, zone, changes, frequency, count) {
  const event = {
    scheduleId, title: changes.title,
    start: { localDate: wallTime(changes.start, zone) }, end: { localDate: wallTime(changes.end, zone) },
  };
  if (changes.capacity !== null) event.totalCapacity = changes.capacity;
  if (frequency) event.recurrenceRule = { rrule: `FREQ=${frequency}${count ? `;COUNT=${Number(count)}` : ''}` };
  return api('POST', '/calendar/v3/events', { event, idempotencyKey: crypto.randomUUID() });
}

/** The fields of one event that the form changed, in that event's own time zone. */
function patchOf(ev, changes) {
  const patch = { id: ev.id, revision: ev.revision };
  if (changes.title !== undefined && changes.title !== ev.title) patch.title = changes.title;
  if (changes.capacity !== undefined && changes.capacity !== null && changes.capacity !== ev.totalCapacity) patch.totalCapacity = changes.capacity;
  if (changes.start && changes.start.getTime() !== new Date(ev.start.utcDate).getTime()) patch.start = { localDate: wallTime(changes.start, ev.timeZone) };
  if (changes.end && changes.end.getTime() !== new Date(ev.end.utcDate).getTime()) patch.end = { localDate: wallTime(changes.end, ev.timeZone) };
  return patch;
}

function updateThis(ev, changes) {
  return api('PATCH', `/calendar/v3/events/${ev.id}`, { event: patchOf(ev, changes) });
}

async function update(ev, changes, scope) {
  if (!ev.recurringEventId || scope === 'this') return updateThis(ev, changes);
  const master = await seriesFrom(ev, scope);
  // the series moves by the same wall-clock shift as this occurrence, in the series' zone
  const shift = wallShift(ev.start.utcDate, changes.start, master.timeZone);
  const duration = changes.end - changes.start;
  const start = shiftWall(master.start.localDate, shift);
  const patch = { id: master.id, revision: master.revision };
  if (changes.title !== ev.title) patch.title = changes.title;
  if (changes.capacity !== null && changes.capacity !== ev.totalCapacity) patch.totalCapacity = changes.capacity;
  const oldDuration = new Date(ev.end.utcDate) - new Date(ev.start.utcDate);
  if (shift !== 0 || duration !== oldDuration) {
    patch.start = { localDate: start };
    patch.end = { localDate: shiftWall(start, duration) };
  }
  const updated = await api('PATCH', `/calendar/v3/events/${master.id}`, { event: patch });
  if (ev.recurrenceType === 'EXCEPTION') {
    // the occurrence chosen has changes of its own, which the series' new values don't reach: it gets them too
    const { event: current } = await api('GET', `/calendar/v3/events/${ev.id}`);
    const own = patchOf(current, changes);
    if (Object.keys(own).length > 2 && current.status !== 'CANCELLED') await api('PATCH', `/calendar/v3/events/${ev.id}`, { event: own });
  }
  return updated;
}

async function cancel(ev, scope) {
  if (!ev.recurringEventId || scope === 'this') {
    return api('POST', `/calendar/v3/events/${ev.id}/cancel`, { revision: ev.revision });
  }
  const master = await seriesFrom(ev, scope);
  return api('POST', `/calendar/v3/events/${master.id}/cancel`, { revision: master.revision });
}

/** The series a change applies to: the whole series, or (split first) the part from this occurrence on. */
async function seriesFrom(ev, scope) {
  const { event: master } = await api('GET', `/calendar/v3/events/${ev.recurringEventId}`);
  if (scope !== 'following') return master;
  const splitLocalDate = wallTime(new Date(ev.start.utcDate), master.timeZone);
  try {
    const split = await api('POST', `/calendar/v3/events/${master.id}/split`, { splitLocalDate, timeZone: master.timeZone });
    return split.newRecurringEventStartingFromSplit;
  } catch (e) {
    // the first occurrence: "this and following" is the whole series
    if (e instanceof ApiError && /first occurrence/.test(e.message)) return master;
    throw e;
  }
}

/** Milliseconds of wall-clock shift between an instant and a new instant, both read in a zone. */
function wallShift(fromUtc, to, zone) {
  return asUtc(wallTime(to, zone)) - asUtc(wallTime(new Date(fromUtc), zone));
}

function asUtc(localDate) {
  return Date.parse(`${localDate}Z`);
}

function shiftWall(localDate, ms) {
  return new Date(asUtc(localDate) + ms).toISOString().slice(0, 19);
}

function firstSchedule() {
  const name = h('input', { name: 'name', required: true, value: 'My calendar' });
  const zone = h('input', { name: 'timeZone', required: true, value: viewerZone });
  const capacity = h('input', { type: 'number', name: 'capacity', min: 1, value: 1 });
  return h('form', { class: 'panel', onsubmit: async e => {
    e.preventDefault();
    const created = await attempt(() => api('POST', '/calendar/v3/schedules',
      { schedule: { name: name.value, timeZone: zone.value, defaultCapacity: Number(capacity.value) }, idempotencyKey: crypto.randomUUID() }));
    if (created) {
      remembered.schedule = created.schedule.id;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  } },
  h('h2', {}, 'Create your first schedule'),
  h('p', { class: 'hint' }, 'A schedule holds the events of a person, a room or a service.'),
  h('div', { class: 'row' }, field('Name', name), field('Time zone (IANA)', zone), field('Default capacity', capacity)),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create schedule')));
}
