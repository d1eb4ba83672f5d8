// The live page: draws the topology from /api/topology, follows /api/events, and posts the forms.
'use strict';

const TITLES = {
  hello: '1 · Hello World', workqueues: '2 · Work queues', pubsub: '3 · Publish/Subscribe',
  routing: '4 · Routing', topics: '5 · Topics', rpc: '6 · RPC', headers: 'Headers exchange',
  streams: 'Streams · Hello World and offset tracking'
};
const ORDER = ['hello', 'workqueues', 'pubsub', 'routing', 'topics', 'rpc', 'headers'];
const MAX_LOG = 300;

const patterns = document.getElementById('patterns');
const log = document.getElementById('log');
const forms = document.getElementById('forms').content;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function exchangeLabel(name) { return name === '' ? '(default)' : name; }

function bindingText(binding) {
  const args = Object.entries(binding.arguments || {});
  if (args.length) return args.map(([k, v]) => `${k}=${v}`).join(' ');
  return binding.key === '' ? '(all)' : binding.key;
}

function drawGroup(group) {
  const section = el('section', { class: 'pattern', id: 'pattern-' + group.id, 'data-pattern': group.id,
    'aria-labelledby': 'title-' + group.id });
  section.append(el('h2', { id: 'title-' + group.id }, TITLES[group.id] || group.id));
  const form = forms.querySelector(`form[data-pattern="${group.id}"]`);
  if (form) section.append(prepareForm(form.cloneNode(true)));
  for (const queue of group.queues) {
    const bindings = group.bindings.filter((b) => b.queue === queue.name);
    const exchange = bindings.length ? bindings[0].exchange : '';
    const consumers = el('div', { class: 'consumers' });
    for (const id of queue.consumers) consumers.append(el('span', { class: 'consumer', 'data-consumer': id }, id));
    if (!queue.consumers.length) consumers.append(el('span', { class: 'depth' }, 'no consumer'));
    const depth = queue.messages === undefined ? '' : ` · ${queue.messages} ready`;
    section.append(el('div', { class: 'route', 'data-queue': queue.name, 'data-exchange': exchange },
      el('div', { class: 'box exchange', title: 'exchange' }, exchangeLabel(exchange)),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      el('div', { class: 'keys', title: 'binding' }, bindings.map(bindingText).join(', ')),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      el('div', { class: 'box queue', title: queue.name },
        queue.name, el('span', { class: 'depth' }, ` (${queue.type}${depth})`)),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      consumers));
  }
  return section;
}

async function refreshTopology() {
  try {
    const response = await fetch('api/topology');
    const topology = await response.json();
    topology.groups.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
    for (const group of topology.groups) {
      const existing = document.getElementById('pattern-' + group.id);
      if (!existing) { patterns.append(drawGroup(group)); continue; }
      for (const queue of group.queues) {
        const depth = existing.querySelector(`[data-queue="${CSS.escape(queue.name)}"] .queue .depth`);
        if (depth) depth.textContent = ` (${queue.type}${queue.messages === undefined ? '' : ` · ${queue.messages} ready`})`;
      }
    }
    patterns.querySelector('.loading')?.remove();
  } catch (e) { /* the next refresh tries again */ }
}

function flash(node, cls = 'hot') {
  if (!node) return;
  node.classList.remove(cls);
  void node.offsetWidth; // restart the transition
  node.classList.add(cls);
  setTimeout(() => node.classList.remove(cls), 900);
}

function routesFor(event) {
  if (event.queue) return [...document.querySelectorAll(`.route[data-queue="${CSS.escape(event.queue)}"]`)];
  if (event.exchange === '') return [...document.querySelectorAll(`.route[data-queue="${CSS.escape(event.routingKey)}"]`)];
  return [...document.querySelectorAll(`.route[data-exchange="${CSS.escape(event.exchange)}"]`)];
}

function describe(event) {
  switch (event.kind) {
    case 'published': return `to ${exchangeLabel(event.exchange)}` + (event.routingKey ? ` key ${event.routingKey}` : '');
    case 'delivered': return `${event.consumer} ← ${exchangeLabel(event.exchange)} ${event.routingKey}` + (event.redelivered ? ' (redelivered)' : '');
    case 'confirmed': return 'by the broker' + (event.routed === false ? ': no queue took it, dropped' : '');
    case 'publish-failed': return `to ${exchangeLabel(event.exchange)}: the broker could not take it`;
    case 'acked': return `${event.consumer} acknowledged`;
    case 'failed': return `${event.consumer} failed: ${event.detail}`;
    case 'dead-lettered': return `${event.consumer} gave up, dead-lettered ${event.detail}`;
    case 'rpc-request': return `fib(${event.body}) → ${event.queue}`;
    case 'rpc-reply': return `got ${event.body} in ${event.millis} ms`;
    case 'rpc-timeout': return `no reply to fib(${event.body}) in ${event.millis} ms`;
    default: return event.kind;
  }
}

// what carried the message: streams have their own protocol and say nothing here
const PROTOCOLS = { 'amqp-0-9-1': 'AMQP 0-9-1', 'amqp-1.0': 'AMQP 1.0' };

function append(event) {
  const item = el('li', { 'data-kind': event.kind, 'data-consumer': event.consumer || '', 'data-pattern': event.pattern || '',
      'data-protocol': event.protocol || '' },
    el('span', { class: 'kind' }, event.kind), ' ',
    el('span', { class: 'protocol' }, PROTOCOLS[event.protocol] || ''), ' ', describe(event), ' ',
    el('span', { class: 'body' }, event.kind === 'rpc-reply' ? '' : `'${event.body || ''}'`));
  log.prepend(item);
  while (log.children.length > MAX_LOG) log.lastElementChild.remove();
}

function show(event) {
  append(event);
  for (const route of routesFor(event)) {
    if (event.kind === 'published' || event.kind === 'rpc-request') flash(route.querySelector('.exchange'));
    if (event.kind === 'delivered') {
      flash(route.querySelector('.queue'));
      flash(route.querySelector(`[data-consumer="${CSS.escape(event.consumer)}"]`));
    }
    if (event.kind === 'acked') flash(route.querySelector(`[data-consumer="${CSS.escape(event.consumer)}"]`), 'acked');
    if (event.kind === 'failed' || event.kind === 'dead-lettered') flash(route.querySelector(`[data-consumer="${CSS.escape(event.consumer)}"]`), 'failed');
  }
}

function follow() {
  const status = document.getElementById('connection');
  const source = new EventSource('api/events');
  source.onopen = () => { status.textContent = 'live'; status.className = 'connection up'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'connection down'; };
  for (const kind of ['published', 'confirmed', 'publish-failed', 'delivered', 'acked', 'failed', 'dead-lettered', 'rpc-request', 'rpc-reply', 'rpc-timeout']) {
    source.addEventListener(kind, (message) => show(JSON.parse(message.data)));
  }
}

function prepareForm(form) {
  const output = el('output', { role: 'status' });
  form.append(output);
  form.addEventListener('submit', async (submit) => {
    submit.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const path = form.dataset.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(data[name] || ''));
    let request;
    if (form.dataset.method === 'GET') request = fetch(path.slice(1));
    else if (form.dataset.method === 'JSON') {
      const headers = {};
      for (const [key, value] of Object.entries(data)) if (key !== 'message' && value) headers[key] = value;
      request = fetch(path.slice(1), { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ headers, message: data.message }) });
    } else {
      request = fetch(path.slice(1), { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: data.body });
    }
    try {
      const response = await request;
      const body = await response.json();
      output.className = response.ok ? '' : 'error';
      output.textContent = response.ok
        ? (body.value !== undefined ? `fib(${body.n}) = ${body.value.length > 40 ? body.value.slice(0, 40) + '… (' + body.digits + ' digits)' : body.value}` : `${response.status}: sent`)
        : `${response.status}: ${body.detail}`;
    } catch (e) {
      output.className = 'error';
      output.textContent = 'the service did not answer';
    }
  });
  return form;
}

// the streams are not beans of the topology: their section comes from /api/streams, and says why
// they are unavailable here (the embedded broker, no rabbitmq_stream plugin), decided as the service starts
async function showStreams() {
  try {
    const streams = await (await fetch('api/streams')).json();
    const section = el('section', { class: 'pattern', id: 'pattern-streams', 'data-pattern': 'streams',
      'aria-labelledby': 'title-streams' }, el('h2', { id: 'title-streams' }, TITLES.streams));
    if (streams.available) {
      section.append(prepareForm(forms.querySelector('form[data-pattern="streams"]').cloneNode(true)));
      for (const name of streams.streams) {
        section.append(el('div', { class: 'route', 'data-queue': name },
          el('div', { class: 'box queue', title: name }, name, el('span', { class: 'depth' }, ' (stream)')),
          el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
          el('a', { href: `api/streams/${encodeURIComponent(name)}/messages?from=first&limit=20` }, 'read it again')));
      }
      section.append(superStream(streams.superStream));
    } else {
      section.append(el('p', { class: 'unavailable', role: 'status' }, 'Unavailable: ' + streams.unavailable));
    }
    document.getElementById('pattern-streams')?.remove();
    patterns.append(section);
  } catch (e) { setTimeout(showStreams, 2000); }
}

// the super stream's partitions, each with the consumer of this instance that is active on it (a
// single active consumer per partition: another instance's, when none of ours is); the broker moves
// them as instances come and go, so the partitions are read again every two seconds
function superStream(status) {
  const part = el('div', { class: 'super-stream', id: 'super-stream' },
    el('h3', {}, `Super stream ${status.name} · single active consumers of ${status.consumerGroup}`));
  if (!status.available) {
    part.append(el('p', { class: 'unavailable', role: 'status' }, 'Unavailable: ' + status.unavailable));
    return part;
  }
  part.append(prepareForm(forms.querySelector('form[data-pattern="super-stream"]').cloneNode(true)),
    partitions(status));
  setTimeout(refreshPartitions, 2000);
  return part;
}

function partitions(status) {
  const list = el('div', { id: 'super-stream-partitions' });
  for (const partition of status.partitions) {
    list.append(el('div', { class: 'route', 'data-queue': partition.name },
      el('div', { class: 'box queue', title: partition.name }, partition.name, el('span', { class: 'depth' }, ' (partition)')),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      partition.activeHere
        ? el('div', { class: 'box consumer', 'data-consumer': partition.activeHere }, partition.activeHere,
          el('span', { class: 'depth' }, partition.resumedAt === null ? ' from the first' : ` from offset ${partition.resumedAt}`))
        : el('div', { class: 'box consumer idle' }, 'another instance')));
  }
  return list;
}

async function refreshPartitions() {
  try {
    const status = (await (await fetch('api/streams')).json()).superStream;
    if (status.available) document.getElementById('super-stream-partitions')?.replaceWith(partitions(status));
  } catch (e) { /* the next round */ }
  setTimeout(refreshPartitions, 2000);
}

async function showBroker() {
  try {
    const health = await (await fetch('actuator/health')).json();
    const broker = health.components && health.components.broker;
    if (broker) document.getElementById('broker').textContent =
      `broker: ${broker.details.mode} ${broker.details.product || ''} at ${broker.details.addresses}`;
  } catch (e) { /* optional */ }
}

document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
refreshTopology().then(follow).then(showStreams);
showBroker();
setInterval(refreshTopology, 2000);
