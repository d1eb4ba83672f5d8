// A message's journey: opens on the 'open-journey' event ({detail: {messageId}}), which the graph and
// the event log send when a message is clicked, and reads GET /api/messages/{messageId}.
'use strict';

(() => {
  const panel = document.getElementById('journey');
  const PROTOCOL_NAMES = { 'amqp-0-9-1': 'AMQP 0-9-1', 'amqp-1.0': 'AMQP 1.0' };
  // a journey goes on while the panel is open (a retry, a replay): it is read again this often
  const REFRESH_MS = 1000;
  let shown = null;
  let shownText = null;
  let timer = null;

  function node(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    element.append(...children);
    return element;
  }

  function exchangeName(name) { return name === '' ? '(default)' : name; }

  function stepText(step) {
    switch (step.kind) {
      case 'published': return step.exchange === undefined ? `to stream ${step.queue}`
        : `to ${exchangeName(step.exchange)}, routing key ${step.routingKey}`;
      case 'confirmed': return step.routed === false ? 'by the broker, but no queue took it' : 'by the broker';
      case 'publish-failed': return 'the broker did not take it';
      case 'delivered': return `from ${step.queue} to ${step.consumer}` + (step.redelivered ? ' (redelivered)' : '');
      case 'failed': return `${step.consumer} failed: ${step.detail}`;
      case 'acked': return `${step.consumer} acknowledged it`;
      case 'dead-lettered': return `${step.consumer} gave up, ${step.detail}`;
      case 'rpc-request': return `request to ${step.queue}`;
      case 'rpc-reply': return `reply after ${step.millis} ms`;
      case 'rpc-timeout': return `no reply within ${step.millis} ms`;
      default: return '';
    }
  }

  function facts(journey) {
    const toStream = journey.steps.find((step) => step.kind === 'published' && step.exchange === undefined);
    const rows = [
      ['Outcome', journey.outcome],
      ['Tutorial', journey.pattern],
      ['Protocol', PROTOCOL_NAMES[journey.protocol] || journey.protocol],
      ['Sent to', journey.exchange !== undefined ? `${exchangeName(journey.exchange)}, routing key ${journey.routingKey}`
        : toStream && `stream ${toStream.queue}`],
      ['Headers', journey.headers && Object.entries(journey.headers).map(([key, value]) => `${key}=${value}`).join(', ')],
      ['Published', journey.publishedAt && new Date(journey.publishedAt).toLocaleTimeString()],
      ['Queues', journey.queues.join(', ')],
      ['Consumers', journey.consumers.join(', ')],
      ['Failed tries', journey.failedAttempts || undefined],
      ['RPC reply', journey.reply],
      ['Trace id', journey.traceId],
      ['Body', journey.body]
    ];
    const list = node('dl', { class: 'facts' });
    for (const [name, value] of rows) {
      if (value === undefined || value === null || value === '') continue;
      list.append(node('dt', {}, name), node('dd', { 'data-fact': name.toLowerCase() }, String(value)));
    }
    return list;
  }

  function steps(journey) {
    const list = node('ol', { class: 'steps' });
    for (const step of journey.steps) {
      list.append(node('li', { 'data-kind': step.kind },
        node('span', { class: 'after' }, `+${step.afterMillis} ms`), ' ',
        node('span', { class: 'kind' }, step.kind), ' ',
        node('span', { class: 'protocol' }, PROTOCOL_NAMES[step.protocol] || ''), ' ',
        stepText(step)));
    }
    if (journey.stepsLeftOut) list.append(node('li', { class: 'left-out' }, `${journey.stepsLeftOut} more steps, not kept`));
    return list;
  }

  function render(messageId, content) {
    const close = node('button', { type: 'button', class: 'close', 'aria-label': 'Close the journey' }, '×');
    close.addEventListener('click', hide);
    panel.replaceChildren(
      node('h2', { id: 'journey-title' }, 'Journey of ', node('code', {}, messageId)), close, ...content);
    panel.hidden = false;
  }

  async function load(messageId) {
    try {
      const response = await fetch('api/messages/' + encodeURIComponent(messageId));
      const body = await response.json();
      const text = JSON.stringify(body);
      if (shown !== messageId) return;
      // drawn again only when it changed, so that a reader's selection and scroll stay put
      if (text !== shownText) {
        shownText = text;
        if (response.ok) render(messageId, [facts(body), steps(body)]);
        else render(messageId, [node('p', { class: 'error', role: 'status' }, body.detail || `${response.status}`)]);
      }
    } catch (e) {
      shownText = null;
      render(messageId, [node('p', { class: 'error', role: 'status' }, 'the service did not answer')]);
    }
    if (shown === messageId) timer = setTimeout(() => load(messageId), REFRESH_MS);
  }

  function show(messageId) {
    clearTimeout(timer);
    shown = messageId;
    shownText = null;
    render(messageId, [node('p', { role: 'status' }, 'Reading its journey…')]);
    load(messageId);
  }

  function hide() {
    clearTimeout(timer);
    shown = null;
    panel.hidden = true;
  }

  document.addEventListener('open-journey', (event) => {
    if (event.detail && event.detail.messageId) show(event.detail.messageId);
  });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && shown) hide(); });
})();
