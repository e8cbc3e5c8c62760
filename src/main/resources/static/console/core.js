// Shared pieces of the console: the API caller, DOM building (text only, never HTML strings), messages, time.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || this.problem.details?.applicationError?.code;
  }
}

function describeProblem(status, p) {
  if (!p) return `The service answered ${status}.`;
  if (p.code === 'REVISION_MISMATCH' || (status === 409 && /revision/i.test(p.detail || ''))) {
    return 'Someone changed this after you opened it, so your change was not saved. Open it again to see the latest version, then repeat your change.';
  }
  const fields = p.details?.validationError?.fieldViolations || p.errors || [];
  const lines = fields.map(f => `${f.field}: ${f.description}`);
  const head = p.detail || p.title || `The service answered ${status}.`;
  return lines.length && !lines.every(l => head.includes(l)) ? `${head}\n${lines.join('\n')}` : head;
}

/** Calls the public API through the console's session (the key never reaches the browser). */
export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { 'X-Horae-Console': '1', Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/console/api' + path, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('horae:signed-out'));
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export async function session(method, body) {
  const init = { method, headers: { 'X-Horae-Console': '1' }, credentials: 'same-origin' };
  if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const response = await fetch('/console/session', init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** h('button', {type: 'button', onclick: f}, 'Save') — attributes, properties and text children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

let fieldSeq = 0;
/** A labelled control: field('Title', h('input', {name: 'title'})). */
export function field(text, control, hint) {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  const label = h('label', { for: id }, text, control);
  if (hint) {
    const hid = `${id}-hint`;
    control.setAttribute('aria-describedby', hid);
    label.append(h('span', { id: hid, class: 'hint' }, hint));
  }
  return label;
}

export function showError(error) {
  const alert = document.getElementById('alert');
  alert.className = 'alert';
  alert.textContent = error instanceof Error ? error.message : String(error);
  alert.hidden = false;
  if (!(error instanceof ApiError)) console.error(error);
}

export function showInfo(text) {
  const alert = document.getElementById('alert');
  alert.className = 'alert info';
  alert.textContent = text;
  alert.hidden = false;
}

export function clearAlert() {
  const alert = document.getElementById('alert');
  alert.hidden = true;
  alert.textContent = '';
}

export function status(text) {
  document.getElementById('status').textContent = text;
}

/** Runs an action, showing its error (if any) instead of throwing; returns its result or undefined. */
export async function attempt(action) {
  try {
    clearAlert();
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

// ---- time ----

const pad = n => String(n).padStart(2, '0');

/** A Date as the value of an <input type="datetime-local"> in the viewer's zone. */
export function toLocalInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function toLocalDateInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The wall time of an instant in an IANA zone, as Calendar V3's localDate ("2026-03-29T10:00:00"). */
export function wallTime(date, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

export function formatDateTime(value) {
  if (!value) return '—';
  const d = value instanceof Date ? value : new Date(value);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ago(value) {
  if (!value) return 'never';
  const seconds = Math.round((Date.now() - new Date(value).getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

// ---- shared lookups ----

/**
 * Every page of a cursor-paged API answer (Wix's pagingMetadata.cursors.next), at most maxPages:
 * fetchPage(cursor) asks for one page (cursor undefined for the first); returns the pages.
 */
export async function allPages(fetchPage, maxPages) {
  const pages = [];
  let cursor;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    pages.push(page);
    cursor = page.pagingMetadata?.cursors?.next;
    if (!page.pagingMetadata?.hasNext || !cursor) break;
  }
  return pages;
}

/** Every active schedule of the tenant (Query Schedules, every page). */
export async function allSchedules() {
  const pages = await allPages(cursor => api('POST', '/calendar/v3/schedules/query',
    { query: { cursorPaging: { limit: 100, ...(cursor ? { cursor } : {}) } } }), 50);
  return pages.flatMap(p => p.schedules || []).filter(s => s.status !== 'CANCELLED');
}

export function scheduleSelect(schedules, selectedId, onchange) {
  const select = h('select', { name: 'schedule', onchange },
    schedules.length ? null : h('option', { value: '' }, 'No schedules yet'),
    schedules.map(s => h('option', { value: s.id, selected: s.id === selectedId }, `${s.name || 'Unnamed'} (${s.timeZone})`)));
  return select;
}

/** The schedule the viewer worked with last, kept across pages of this tab. */
export const remembered = {
  get schedule() { return sessionStorage.getItem('horae.schedule'); },
  set schedule(id) { if (id) sessionStorage.setItem('horae.schedule', id); },
};

/** Replaces an element's children (arrays flattened; null, undefined and false left out). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return el;
}
