// The tutorials without a drawn topology of their own: tutorial 7's publisher confirms, run and
// charted, and the work queue's dead letters, listed and replayed.
'use strict';

(() => {
  const container = document.getElementById('panels');
  const PROTOCOL_NAMES = { 'amqp-0-9-1': 'AMQP 0-9-1', 'amqp-1.0': 'AMQP 1.0' };
  const SVG = 'http://www.w3.org/2000/svg';
  const MAX_RUNS = 8;
  const runs = [];

  function node(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    element.append(...children);
    return element;
  }

  function svg(tag, attributes = {}, text) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (text !== undefined) element.textContent = text;
    return element;
  }

  async function call(method, path) {
    const response = await fetch(path, { method });
    return { ok: response.ok, status: response.status, body: await response.json() };
  }

  function select(name, values) {
    return node('select', { name }, ...values.map((value) => node('option', { value }, PROTOCOL_NAMES[value] || value)));
  }

  // one horizontal bar per run, newest at the bottom, scaled to the fastest shown
  function chart() {
    const rowHeight = 22;
    const labelWidth = 190;
    const barSpace = 300;
    const height = Math.max(1, runs.length) * rowHeight + 4;
    const drawing = svg('svg', { id: 'confirms-chart', class: 'chart', role: 'img', width: labelWidth + barSpace + 90,
      height, 'aria-label': 'Messages confirmed per second, one bar per run' });
    const fastest = Math.max(1, ...runs.map((run) => run.perSecond));
    runs.forEach((run, index) => {
      const y = index * rowHeight + 2;
      const width = Math.max(1, Math.round(barSpace * run.perSecond / fastest));
      const label = `${run.strategy} · ${PROTOCOL_NAMES[run.protocol]} · ${run.count}`;
      const row = svg('g', { class: 'run', 'data-strategy': run.strategy, 'data-protocol': run.protocol });
      row.append(svg('text', { x: 0, y: y + 15 }, label),
        svg('rect', { x: labelWidth, y, width, height: rowHeight - 6, class: 'bar ' + run.strategy }),
        svg('text', { x: labelWidth + width + 6, y: y + 15, class: 'value' }, `${run.perSecond}/s`));
      drawing.append(row);
    });
    return drawing;
  }

  function confirmsPanel() {
    const output = node('output', { role: 'status' });
    const figure = node('div', { class: 'chart-box' }, chart());
    const form = node('form', { 'aria-label': 'Run tutorial 7' },
      node('label', {}, 'Strategy', select('strategy', ['individual', 'batch', 'async'])),
      node('label', {}, 'Messages', node('input', { name: 'count', value: '1000', type: 'number', min: '1', max: '50000' })),
      node('label', {}, 'Protocol', select('protocol', ['amqp-0-9-1', 'amqp-1.0'])),
      node('button', {}, 'Run'), output);
    form.addEventListener('submit', async (submit) => {
      submit.preventDefault();
      const button = form.querySelector('button');
      const query = new URLSearchParams(new FormData(form));
      button.disabled = true;
      output.className = '';
      output.textContent = 'running…';
      try {
        const answer = await call('POST', 'api/confirms/run?' + query);
        if (answer.ok) {
          const run = answer.body;
          output.textContent = `${run.acked} acked, ${run.nacked} nacked` +
            (run.unconfirmed ? `, ${run.unconfirmed} unconfirmed` : '') + ` in ${run.millis} ms: ${run.perSecond}/s`;
          runs.push(run);
          if (runs.length > MAX_RUNS) runs.shift();
          figure.replaceChildren(chart());
        } else {
          output.className = 'error';
          output.textContent = `${answer.status}: ${answer.body.detail}`;
        }
      } catch (e) {
        output.className = 'error';
        output.textContent = 'the service did not answer';
      } finally {
        button.disabled = false;
      }
    });
    return node('section', { class: 'pattern panel', id: 'panel-confirms', 'aria-labelledby': 'title-confirms' },
      node('h2', { id: 'title-confirms' }, '7 · Publisher confirms'),
      node('p', { class: 'hint' }, 'The tutorial\'s three ways to wait for the broker\'s confirms, compared in messages per second.'),
      form, figure);
  }

  function deadLettersPanel() {
    const summary = node('p', { role: 'status', class: 'summary' });
    const list = node('ol', { class: 'dead-letters' });
    const output = node('output', { role: 'status' });
    const refresh = node('button', { type: 'button' }, 'List');
    const replay = node('button', { type: 'button' }, 'Replay all');

    async function listThem() {
      try {
        const answer = await call('GET', 'api/dead-letters?limit=20');
        if (!answer.ok) { summary.textContent = `${answer.status}: ${answer.body.detail}`; return; }
        const listing = answer.body;
        summary.textContent = `${listing.queue}: ${listing.messages} message${listing.messages === 1 ? '' : 's'}` +
          (listing.messages > listing.shown.length ? `, the first ${listing.shown.length} shown` : '');
        list.replaceChildren(...listing.shown.map((letter) => {
          const open = node('button', { type: 'button', class: 'link', title: 'Open its journey' }, letter.messageId || '(no id)');
          open.disabled = !letter.messageId;
          open.addEventListener('click', () => document.dispatchEvent(
            new CustomEvent('open-journey', { detail: { messageId: letter.messageId } })));
          return node('li', { 'data-message-id': letter.messageId || '' }, open, ' ',
            node('span', { class: 'body' }, `'${letter.body}'`), ' ',
            node('span', { class: 'reason' }, `${letter.attempts ?? '?'} tries: ${letter.reason || 'no reason given'}`));
        }));
      } catch (e) {
        summary.textContent = 'the service did not answer';
      }
    }

    refresh.addEventListener('click', listThem);
    replay.addEventListener('click', async () => {
      replay.disabled = true;
      try {
        const answer = await call('POST', 'api/dead-letters/replay');
        output.className = answer.ok ? '' : 'error';
        output.textContent = answer.ok ? `replayed ${answer.body.replayed}, ${answer.body.left} left`
          : `${answer.status}: ${answer.body.detail}`;
      } catch (e) {
        output.className = 'error';
        output.textContent = 'the service did not answer';
      } finally {
        replay.disabled = false;
      }
      listThem();
    });
    listThem();
    return node('section', { class: 'pattern panel', id: 'panel-dead-letters', 'aria-labelledby': 'title-dead-letters' },
      node('h2', { id: 'title-dead-letters' }, 'Dead letters · task_queue.dlq'),
      node('p', { class: 'hint' }, 'Tasks the workers gave up on (a task with "poison" in it): replay sends them back to task_queue.'),
      node('div', { class: 'actions' }, refresh, replay, output), summary, list);
  }

  container.append(confirmsPanel(), deadLettersPanel());
})();
