// Notifications: the log of participant and customer messages (who, what, status, attempts), and one message as it was written.
import { api, h, attempt, formatDateTime, fill } from './core.js';

export async function notificationsPage(main) {
  const log = h('section');
  const detail = h('section', { 'aria-live': 'polite' });
  main.append(log, detail);
  await page(log, detail);
}

async function page(host, detail, cursor) {
  const q = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) });
  const answer = await api('GET', `/v1/notifications?${q}`);
  const rows = answer.notifications.map(n => h('tr', {},
    h('td', {}, formatDateTime(n.createdDate)),
    h('td', {}, `${n.recipient.name ?? ''} <${n.recipient.email}>`),
    h('td', {}, n.subject),
    h('td', {}, `${n.method} · seq ${n.icalSequence}`),
    h('td', {}, h('span', { class: `badge ${n.status === 'SENT' ? 'ok' : n.status === 'QUEUED' ? '' : 'bad'}` }, n.status),
      n.statusReason ? ` ${n.statusReason}` : ''),
    h('td', {}, String(n.attempts)),
    h('td', {}, h('button', { type: 'button', class: 'quiet', 'aria-label': `Show the message to ${n.recipient.email}: ${n.subject}`,
      onclick: () => attempt(() => show(detail, n.id)) }, 'Show'))));
  fill(host, h('div', { class: 'panel' }, h('h2', {}, 'Notification log (newest first)'),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Notifications' },
      h('thead', {}, h('tr', {}, ['Created', 'To', 'Subject', 'iCalendar', 'Status', 'Attempts', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))) : h('p', { class: 'hint' }, 'No messages yet. A change sent with participantNotification.notifyParticipants writes them.'),
    answer.nextCursor ? h('button', { type: 'button', class: 'quiet', onclick: () => attempt(() => page(host, detail, answer.nextCursor)) }, 'Older') : null));
}

async function show(host, id) {
  const { notification: n } = await api('GET', `/v1/notifications/${id}`);
  fill(host, h('article', { class: 'panel', 'aria-label': `Message ${n.messageId}` },
    h('h2', {}, n.subject),
    h('dl', { class: 'facts' },
      h('dt', {}, 'To'), h('dd', {}, n.recipient.email),
      h('dt', {}, 'Message-ID'), h('dd', {}, n.messageId),
      h('dt', {}, 'Entry'), h('dd', {}, `${n.icalUid} (SEQUENCE ${n.icalSequence}, METHOD ${n.method})`),
      h('dt', {}, 'Sent'), h('dd', {}, n.sentDate ? formatDateTime(n.sentDate) : '—'),
      h('dt', {}, 'Last error'), h('dd', {}, n.lastError ?? '—')),
    h('h3', {}, 'Text part'), h('pre', { class: 'message' }, n.bodyText)));
}
