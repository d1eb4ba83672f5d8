// The live page: draws each tutorial's topology from /api/topology as a graph, moves a token along
// it for each event of /api/events, and posts the forms.
'use strict';

const TITLES = {
  hello: '1 · Hello World', workqueues: '2 · Work queues', pubsub: '3 · Publish/Subscribe',
  routing: '4 · Routing', topics: '5 · Topics', rpc: '6 · RPC', headers: 'Headers exchange',
  streams: 'Streams · Hello World, offset tracking and the super stream'
};
const ORDER = ['hello', 'workqueues', 'pubsub', 'routing', 'topics', 'rpc', 'headers', 'streams'];
const KINDS = ['published', 'confirmed', 'publish-failed', 'delivered', 'acked', 'failed', 'dead-lettered',
  'rpc-request', 'rpc-reply', 'rpc-timeout'];
const MAX_LOG = 300;
const SVG = 'http://www.w3.org/2000/svg';

// Pace: a token takes TRAVEL_MS along an edge, and an edge starts at most one token every GAP_MS;
// events that come faster ride together on the next token, which shows how many it carries.
const TRAVEL_MS = 700;
const GAP_MS = 120;

// Layout, in SVG user units (pixels): every column is as wide as its longest text, so no name is cut.
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const SMALL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PAD = 10;
const ROW = 46;
const NODE_HEIGHT = 36;
const COLUMN_GAP = 36;

const patterns = document.getElementById('patterns');
const log = document.getElementById('log');
const forms = document.getElementById('forms').content;

// what carried the message: streams have their own protocol and say nothing here
const PROTOCOLS = { 'amqp-0-9-1': 'AMQP 0-9-1', 'amqp-1.0': 'AMQP 1.0' };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

const measure = document.createElement('canvas').getContext('2d');
function textWidth(text, font = FONT) {
  measure.font = font;
  return Math.ceil(measure.measureText(text).width);
}

function exchangeLabel(name) { return name === '' ? '(default)' : name; }

function bindingText(binding) {
  const args = Object.entries(binding.arguments || {});
  if (args.length) return args.map(([k, v]) => `${k}=${v}`).join(' ');
  return binding.key === '' ? '(all)' : binding.key;
}

function queueDetail(queue) {
  const parts = [queue.type];
  if (queue.messages !== undefined) parts.push(`${queue.messages} ${queue.type === 'stream' || queue.type === 'partition' ? 'in it' : 'ready'}`);
  // a single node leads everything: its name says nothing until there are several
  if (queue.members && queue.members.length > 1) parts.push(`leader ${queue.leader}`);
  return parts.join(' · ');
}

// --- the model each section draws: rows of exchange → key → queue → consumers --------------------

// A tutorial's group as the graph draws it. `exchange: null` is a stream the producer writes to
// directly.
function modelOfGroup(group) {
  const exchangeTypes = Object.fromEntries(group.exchanges.map((e) => [e.name, e.type]));
  const rows = group.queues.map((queue) => {
    const bindings = group.bindings.filter((b) => b.queue === queue.name);
    const exchange = bindings.length ? bindings[0].exchange : '';
    return { queue, exchange, bindings, keys: bindings.map(bindingText).join(', ') };
  });
  // the default exchange's queues first: the one the tutorials' producers publish to
  const rank = (row) => (row.exchange === '' ? 0 : 1);
  rows.sort((a, b) => rank(a) - rank(b));
  return {
    id: group.id, rows, reply: group.id === 'rpc', deadLetters: group.deadLetters || [],
    exchangeType: (name) => (name === '' ? 'direct' : exchangeTypes[name])
  };
}

function modelOfStreams(streams) {
  const rows = streams.streams.map((stream) => ({
    queue: { ...stream, type: 'stream' }, exchange: null, bindings: [], keys: ''
  }));
  const superStream = streams.superStream;
  if (superStream && superStream.available) {
    superStream.partitions.forEach((partition, index) => rows.push({
      queue: { ...partition, type: 'partition' }, exchange: superStream.name, keys: `partition ${index}`,
      bindings: [{ exchange: superStream.name, queue: partition.name, key: String(index), arguments: {} }]
    }));
  }
  return {
    id: 'streams', rows, reply: false, deadLetters: [],
    exchangeType: () => 'super stream'
  };
}

// --- drawing ------------------------------------------------------------------------------------

const nodeKey = {
  producer: (section) => `${section}|producer`,
  exchange: (section, name) => `${section}|exchange|${name}`,
  queue: (section, name) => `${section}|queue|${name}`,
  consumer: (section, queue, id) => `${section}|consumer|${queue}|${id}`
};

// the graph's edges by "from>to", so that an event finds the path its token follows
const edges = new Map();
// each queue's and named exchange's section: an event names the queue or exchange, not the tutorial
const sectionOfQueue = new Map();
const sectionOfExchange = new Map();
const models = new Map();

function drawNode(kind, key, x, y, width, title, detail, data = {}) {
  const group = svg('g', { class: `node ${kind}`, 'data-node': key, transform: `translate(${x},${y})`, ...data });
  group.append(svg('rect', { width, height: NODE_HEIGHT, rx: kind === 'consumer' || kind === 'producer' ? 18 : 5 }));
  const name = svg('text', { class: 'name', x: PAD, y: detail ? 15 : 23 });
  name.textContent = title;
  group.append(name);
  if (detail) {
    const small = svg('text', { class: 'detail', x: PAD, y: 29 });
    small.textContent = detail;
    group.append(small);
  }
  return group;
}

function nodeWidth(title, detail) {
  return Math.max(textWidth(title), detail ? textWidth(detail, SMALL_FONT) : 0) + 2 * PAD;
}

function drawGraph(model) {
  const section = model.id;
  for (const key of [...edges.keys()]) if (key.startsWith(section + '|')) edges.delete(key);
  const producerDetail = model.reply ? 'client, awaits the reply' : '';
  const exchanges = [...new Set(model.rows.map((row) => row.exchange).filter((e) => e !== null))];
  const widths = {
    producer: nodeWidth('producer', producerDetail),
    exchange: Math.max(0, ...exchanges.map((e) => nodeWidth(exchangeLabel(e), model.exchangeType(e)))),
    key: Math.max(40, ...model.rows.map((row) => textWidth(row.keys, SMALL_FONT) + 2 * PAD)),
    queue: Math.max(...model.rows.map((row) => nodeWidth(row.queue.name, queueDetail(row.queue)))),
    consumer: Math.max(nodeWidth('no consumer'), ...model.rows.flatMap((row) => row.queue.consumers.map((c) => nodeWidth(c))))
  };
  const x = { producer: 0 };
  x.exchange = widths.producer + COLUMN_GAP;
  x.key = x.exchange + (exchanges.length ? widths.exchange : 0);
  x.queue = x.key + widths.key;
  x.consumer = x.queue + widths.queue + COLUMN_GAP;
  // a dead letter leaves its consumer to the right and runs back under the graph
  const width = x.consumer + widths.consumer + (model.deadLetters.length ? 16 : 2);

  // one row per queue, as tall as its consumers need
  let top = 6;
  const rows = model.rows.map((row) => {
    const slots = Math.max(1, row.queue.consumers.length);
    const placed = { ...row, top, middle: top + (slots * ROW) / 2 };
    top += slots * ROW;
    return placed;
  });
  const height = top + (model.reply || model.deadLetters.length ? 28 : 4);

  const root = svg('svg', { class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${TITLES[section] || section}: producer, exchanges, bindings, queues and consumers` });
  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  const tokenLayer = svg('g', { class: 'tokens' });
  root.append(edgeLayer, nodeLayer, tokenLayer);

  function edge(from, to, d, cls = '') {
    const path = svg('path', { class: `edge ${cls}`, d, 'data-from': from, 'data-to': to });
    edgeLayer.append(path);
    edges.set(`${from}>${to}`, { path, layer: tokenLayer });
  }

  const exchangeY = new Map();
  for (const name of exchanges) {
    const own = rows.filter((row) => row.exchange === name);
    exchangeY.set(name, (own[0].middle + own[own.length - 1].middle) / 2);
  }
  const producerY = rows[0].middle;
  const producer = nodeKey.producer(section);
  nodeLayer.append(drawNode('producer', producer, x.producer, producerY - NODE_HEIGHT / 2, widths.producer,
    'producer', producerDetail));

  // a dead-letter exchange gets its messages from the consumers that give up, not from the producer
  const deadLetterExchanges = new Set(model.deadLetters.map((route) => route.exchange));
  for (const name of exchanges) {
    const key = nodeKey.exchange(section, name);
    const y = exchangeY.get(name);
    if (name) sectionOfExchange.set(name, section);
    nodeLayer.append(drawNode('exchange', key, x.exchange, y - NODE_HEIGHT / 2, widths.exchange,
      exchangeLabel(name), model.exchangeType(name), { 'data-exchange': name }));
    if (!deadLetterExchanges.has(name)) edge(producer, key, curve(x.producer + widths.producer, producerY, x.exchange, y));
  }

  for (const row of rows) {
    const queueKey = nodeKey.queue(section, row.queue.name);
    sectionOfQueue.set(row.queue.name, section);
    nodeLayer.append(drawNode('queue', queueKey, x.queue, row.middle - NODE_HEIGHT / 2, widths.queue,
      row.queue.name, queueDetail(row.queue), { 'data-queue': row.queue.name, 'data-type': row.queue.type }));
    if (row.exchange === null) {
      edge(producer, queueKey, curve(x.producer + widths.producer, producerY, x.queue, row.middle));
    } else {
      const exchangeKey = nodeKey.exchange(section, row.exchange);
      edge(exchangeKey, queueKey, curve(x.exchange + widths.exchange, exchangeY.get(row.exchange), x.key, row.middle)
        + ` L ${x.queue} ${row.middle}`);
    }
    if (row.keys) {
      const label = svg('text', { class: 'key', x: x.key + PAD, y: row.middle - 5, 'data-binding-of': row.queue.name });
      label.textContent = row.keys;
      nodeLayer.append(label);
    }
    row.queue.consumers.forEach((consumer, slot) => {
      const key = nodeKey.consumer(section, row.queue.name, consumer);
      const y = row.top + slot * ROW + ROW / 2;
      nodeLayer.append(drawNode('consumer', key, x.consumer, y - NODE_HEIGHT / 2, widths.consumer, consumer, '',
        { 'data-consumer': consumer }));
      edge(queueKey, key, curve(x.queue + widths.queue, row.middle, x.consumer, y));
      if (model.reply) {
        // the reply goes back to the client by its reply-to address, under the graph
        edge(key, producer, `M ${x.consumer + widths.consumer / 2} ${y + NODE_HEIGHT / 2} `
          + `C ${x.consumer + widths.consumer / 2} ${height}, ${widths.producer / 2} ${height}, `
          + `${widths.producer / 2} ${producerY + NODE_HEIGHT / 2}`, 'reply');
      }
      for (const route of model.deadLetters.filter((r) => r.queue === row.queue.name && exchangeY.has(r.exchange))) {
        const right = x.consumer + widths.consumer;
        const exchangeX = x.exchange + widths.exchange / 2;
        edge(key, nodeKey.exchange(section, route.exchange), `M ${right} ${y} H ${right + 10} V ${height - 10} `
          + `H ${exchangeX} V ${exchangeY.get(route.exchange) + NODE_HEIGHT / 2}`, 'dead-letter');
      }
    });
    if (!row.queue.consumers.length) {
      const idle = drawNode('consumer', '', x.consumer, row.middle - NODE_HEIGHT / 2, widths.consumer, 'no consumer');
      idle.classList.add('idle');
      nodeLayer.append(idle);
    }
  }
  root.dataset.section = section;
  return root;
}

function curve(x1, y1, x2, y2) {
  const bend = (x2 - x1) / 2;
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

// what the graph's shape depends on: a change in it (a consumer moving to another partition, a
// new server-named queue after a reconnect) redraws the graph; a change of depth only relabels
function shapeOf(model) {
  return JSON.stringify(model.rows.map((row) => [row.queue.name, row.exchange, row.keys, row.queue.consumers]));
}

// --- sections -----------------------------------------------------------------------------------

function sectionFor(id) {
  let section = document.getElementById('pattern-' + id);
  if (section) return section;
  section = el('section', { class: 'pattern', id: 'pattern-' + id, 'data-pattern': id, 'aria-labelledby': 'title-' + id },
    el('h2', { id: 'title-' + id }, TITLES[id] || id));
  const form = forms.querySelector(`form[data-pattern="${id}"]`);
  if (form) section.append(prepareForm(form.cloneNode(true)));
  const next = [...patterns.children].find((other) => ORDER.indexOf(other.dataset.pattern) > ORDER.indexOf(id));
  patterns.insertBefore(section, next || null);
  return section;
}

function show(model) {
  models.set(model.id, model);
  const section = sectionFor(model.id);
  let holder = section.querySelector('.graph-holder');
  if (!holder) {
    holder = el('div', { class: 'graph-holder' });
    section.append(holder);
  }
  const shape = shapeOf(model);
  if (holder.dataset.shape !== shape) {
    holder.dataset.shape = shape;
    holder.replaceChildren(drawGraph(model));
    return;
  }
  for (const row of model.rows) {
    const detail = holder.querySelector(`[data-node="${CSS.escape(nodeKey.queue(model.id, row.queue.name))}"] .detail`);
    if (detail) detail.textContent = queueDetail(row.queue);
  }
}

// the streams' section says why there are none here (the embedded broker, no rabbitmq_stream plugin)
function showStreams(streams) {
  const section = sectionFor('streams');
  if (!streams.available) {
    if (!section.querySelector('.unavailable')) {
      section.querySelector('form')?.remove();
      section.append(el('p', { class: 'unavailable', role: 'status' }, 'Unavailable: ' + streams.unavailable));
    }
    return;
  }
  const superStream = streams.superStream;
  if (superStream && !document.getElementById('super-stream')) {
    const part = el('div', { class: 'super-stream', id: 'super-stream' });
    if (superStream.available) {
      part.append(prepareForm(forms.querySelector('form[data-pattern="super-stream"]').cloneNode(true)),
        el('p', { class: 'note' }, `Super stream ${superStream.name}: each key hashes to one partition; one consumer `
          + `of the group ${superStream.consumerGroup} is active on each partition (another instance's where none of ours is).`));
    } else {
      part.append(el('p', { class: 'unavailable', role: 'status' }, 'Unavailable: ' + superStream.unavailable));
    }
    section.append(part);
  }
  show(modelOfStreams(streams));
}

async function refreshTopology() {
  try {
    const topology = await (await fetch('api/topology')).json();
    for (const group of topology.groups) show(modelOfGroup(group));
    if (topology.streams) showStreams(topology.streams);
    patterns.querySelector('.loading')?.remove();
  } catch (e) { /* the next refresh tries again */ }
}

// --- tokens -------------------------------------------------------------------------------------

// what the page has done with the events, for whoever measures it: `legs` an event asked to move,
// `tokens` drawn, `coalesced` legs that rode on another's token
const stats = { events: 0, legs: 0, tokens: 0, coalesced: 0 };
const statsLine = el('p', { id: 'graph-stats', class: 'stats', 'aria-live': 'off' });
document.getElementById('log').before(statsLine);
function showStats() {
  for (const [key, value] of Object.entries(stats)) statsLine.dataset[key] = value;
  statsLine.textContent = `${stats.events} events · ${stats.tokens} tokens · ${stats.coalesced} merged into counted tokens`;
}

// one lane per edge: a token now if the lane is free, else the waiting legs leave together
const lanes = new Map();
const moving = new Set();

function travel(edgeKey, event) {
  const edge = edges.get(edgeKey);
  if (!edge) return Promise.resolve();
  stats.legs++;
  let lane = lanes.get(edgeKey);
  if (!lane) {
    lane = { last: 0, waiting: null };
    lanes.set(edgeKey, lane);
  }
  return new Promise((arrived) => {
    if (lane.waiting) {
      lane.waiting.events.push(event);
      lane.waiting.done.push(arrived);
      stats.coalesced++;
      return;
    }
    lane.waiting = { events: [event], done: [arrived] };
    setTimeout(() => {
      const { events, done } = lane.waiting;
      lane.waiting = null;
      lane.last = performance.now();
      launch(edgeKey, events).then(() => done.forEach((resolve) => resolve()));
    }, Math.max(0, lane.last + GAP_MS - performance.now()));
  });
}

function launch(edgeKey, events) {
  const edge = edges.get(edgeKey);
  if (!edge || !edge.path.isConnected) return Promise.resolve();
  const last = events[events.length - 1];
  const token = svg('g', { class: 'token', 'data-protocol': last.protocol || 'stream', 'data-kind': last.kind,
    'data-message-id': last.messageId || '', 'data-count': events.length, 'data-to': edge.path.dataset.to });
  const title = svg('title');
  title.textContent = `${events.length > 1 ? events.length + ' messages, the last ' : ''}'${last.body || ''}'`
    + (PROTOCOLS[last.protocol] ? ` over ${PROTOCOLS[last.protocol]}` : '');
  // AMQP 1.0 a diamond, AMQP 0-9-1 a circle, a stream's message a square: told apart without colour too
  const shape = last.protocol === 'amqp-1.0' ? svg('rect', { x: -6, y: -6, width: 12, height: 12, transform: 'rotate(45)' })
    : last.protocol === 'amqp-0-9-1' ? svg('circle', { r: 7 })
      : svg('rect', { x: -6, y: -6, width: 12, height: 12, rx: 2 });
  token.append(title, shape);
  if (events.length > 1) {
    const count = svg('text', { class: 'count', x: 10, y: -8 });
    count.textContent = `×${events.length}`;
    token.append(count);
  }
  edge.layer.append(token);
  stats.tokens++;
  showStats();
  return new Promise((arrived) => {
    moving.add({ token, path: edge.path, length: edge.path.getTotalLength(), start: performance.now(), arrived, last });
    if (moving.size === 1) requestAnimationFrame(animate);
  });
}

function animate(now) {
  for (const move of moving) {
    const progress = Math.min(1, (now - move.start) / TRAVEL_MS);
    const point = move.path.getPointAtLength(move.length * progress);
    move.token.setAttribute('transform', `translate(${point.x},${point.y})`);
    if (progress === 1 || !move.path.isConnected) {
      moving.delete(move);
      move.token.remove();
      reach(move.path.dataset.to, move.last);
      move.arrived();
    }
  }
  if (moving.size) requestAnimationFrame(animate);
}

// a node the token reached: it lights up and keeps the id of the last message that reached it
function reach(key, event) {
  const node = document.querySelector(`[data-node="${CSS.escape(key)}"]`);
  if (!node) return;
  if (event.messageId) node.dataset.lastMessageId = event.messageId;
  node.dataset.reached = String(Number(node.dataset.reached || 0) + 1);
  flash(node, event.kind === 'dead-lettered' ? 'failed' : 'hot');
}

function flash(node, cls = 'hot') {
  if (!node) return;
  node.classList.remove(cls);
  void node.getBoundingClientRect(); // restart the transition
  node.classList.add(cls);
  setTimeout(() => node.classList.remove(cls), 900);
}

function flashNode(key, cls) { flash(document.querySelector(`[data-node="${CSS.escape(key)}"]`), cls); }

// a topic binding key: * is one word, # is zero or more
function topicMatches(pattern, key) {
  const words = key.split('.');
  const match = (p, k) => {
    if (p === pattern.length) return k === words.length;
    if (pattern[p] === '#') return match(p + 1, k) || (k < words.length && match(p, k + 1));
    return k < words.length && (pattern[p] === '*' || pattern[p] === words[k]) && match(p + 1, k + 1);
  };
  pattern = pattern.split('.');
  return match(0, 0);
}

// a headers binding: x-match all (the default) or any of its other arguments, each a header of the
// same value; the broker ignores arguments that start with x- when it matches
function headersMatch(args, headers = {}) {
  const pairs = Object.entries(args).filter(([key]) => !key.startsWith('x-'));
  const has = ([key, value]) => Object.hasOwn(headers, key) && String(headers[key]) === String(value);
  return String(args['x-match'] || 'all').startsWith('any') ? pairs.some(has) : pairs.every(has);
}

// the queues the exchange routed the message to, as the broker decides it
function routedTo(model, event) {
  const type = model.exchangeType(event.exchange);
  return model.rows.filter((row) => row.exchange === event.exchange && row.bindings.some((binding) =>
    type === 'fanout' || (type === 'direct' && binding.key === event.routingKey)
    || (type === 'topic' && topicMatches(binding.key, event.routingKey))
    || (type === 'headers' && headersMatch(binding.arguments || {}, event.headers))))
    .map((row) => row.queue.name);
}

function sectionOf(event) {
  if (event.queue && sectionOfQueue.has(event.queue)) return sectionOfQueue.get(event.queue);
  if (event.exchange) return sectionOfExchange.get(event.exchange);
  return sectionOfQueue.get(event.routingKey);
}

// messages published to the super stream: the page learns their partition from their delivery
const toSuperStream = new Set();
const MAX_REMEMBERED = 1000;

// the legs an event moves along, in order: each starts when the one before has arrived. A message
// published to a stream names the stream as its queue, and no exchange.
function legsOf(event) {
  const section = sectionOf(event);
  const model = models.get(section);
  if (!model) return [];
  const toStream = event.exchange === undefined;
  const exchange = nodeKey.exchange(section, event.exchange || '');
  const queue = (name) => nodeKey.queue(section, name);
  const consumer = nodeKey.consumer(section, event.queue, event.consumer);
  switch (event.kind) {
    case 'published':
      if (toStream) return [`${nodeKey.producer(section)}>${queue(event.queue)}`];
      if (section === 'streams') remember(toSuperStream, event.messageId);
      return [`${nodeKey.producer(section)}>${exchange}`];
    case 'rpc-request': return [`${nodeKey.producer(section)}>${exchange}`, `${exchange}>${queue(event.queue)}`];
    case 'confirmed':
      if (event.routed === false) { flashNode(exchange, 'failed'); return []; }
      // a stream's confirm names no partition: the message waits at the super stream for its delivery
      if (section === 'streams') { flashNode(toStream ? queue(event.queue) : exchange, 'acked'); return []; }
      return routedTo(model, event).map((name) => `${exchange}>${queue(name)}`);
    case 'delivered': {
      const row = model.rows.find((r) => r.queue.name === event.queue);
      const viaSuperStream = section === 'streams' && row && row.exchange !== null && toSuperStream.delete(event.messageId);
      return [...(viaSuperStream ? [`${nodeKey.exchange(section, row.exchange)}>${queue(event.queue)}`] : []),
        `${queue(event.queue)}>${consumer}`];
    }
    case 'dead-lettered': {
      // the consumer gives up and publishes it to the dead-letter exchange ("to task_queue.dlq")
      flashNode(consumer, 'failed');
      const row = model.rows.find((r) => `to ${r.queue.name}` === event.detail);
      if (!row || row.exchange === null) return [];
      const deadLetterExchange = nodeKey.exchange(section, row.exchange);
      return [`${consumer}>${deadLetterExchange}`, `${deadLetterExchange}>${queue(row.queue.name)}`];
    }
    case 'rpc-reply': {
      const row = model.rows.find((r) => r.queue.name === event.queue);
      return row ? row.queue.consumers.map((id) => `${nodeKey.consumer(section, event.queue, id)}>${nodeKey.producer(section)}`) : [];
    }
    case 'acked': flashNode(consumer, 'acked'); return [];
    case 'failed': flashNode(consumer, 'failed'); return [];
    case 'publish-failed': flashNode(toStream ? queue(event.queue) : exchange, 'failed'); return [];
    case 'rpc-timeout': flashNode(nodeKey.producer(section), 'failed'); return [];
    default: return [];
  }
}

function remember(set, value) {
  if (!value) return;
  set.add(value);
  if (set.size > MAX_REMEMBERED) set.delete(set.values().next().value);
}

// a message's legs follow each other: its confirm leaves the exchange once its publish got there
const journeys = new Map();

function move(event) {
  stats.events++;
  const legs = legsOf(event);
  const key = event.messageId || null;
  const before = (key && journeys.get(key)) || Promise.resolve();
  // a confirm's legs leave the exchange together, one to each queue the message was routed to
  const after = before.then(() => (event.kind === 'confirmed'
    ? Promise.all(legs.map((leg) => travel(leg, event)))
    : legs.reduce((previous, leg) => previous.then(() => travel(leg, event)), Promise.resolve())));
  if (key) {
    journeys.set(key, after);
    after.then(() => { if (journeys.get(key) === after) journeys.delete(key); });
  }
  showStats();
}

// --- the event log ------------------------------------------------------------------------------

function describe(event) {
  switch (event.kind) {
    case 'published': return (event.exchange === undefined ? `to stream ${event.queue}` : `to ${exchangeLabel(event.exchange)}`)
      + (event.routingKey ? ` key ${event.routingKey}` : '')
      + (event.headers ? ' ' + Object.entries(event.headers).map(([key, value]) => `${key}=${value}`).join(' ') : '');
    case 'delivered': return `${event.consumer} ← ${exchangeLabel(event.exchange)} ${event.routingKey}` + (event.redelivered ? ' (redelivered)' : '');
    case 'confirmed': return 'by the broker' + (event.routed === false ? ': no queue took it, dropped' : '');
    case 'publish-failed': return `to ${event.exchange === undefined ? 'stream ' + event.queue : exchangeLabel(event.exchange)}: the broker could not take it`;
    case 'acked': return `${event.consumer} acknowledged`;
    case 'failed': return `${event.consumer} failed: ${event.detail}`;
    case 'dead-lettered': return `${event.consumer} gave up, dead-lettered ${event.detail}`;
    case 'rpc-request': return `fib(${event.body}) → ${event.queue}`;
    case 'rpc-reply': return `got ${event.body} in ${event.millis} ms`;
    case 'rpc-timeout': return `no reply to fib(${event.body}) in ${event.millis} ms`;
    default: return event.kind;
  }
}

function append(event) {
  const item = el('li', { 'data-kind': event.kind, 'data-consumer': event.consumer || '', 'data-pattern': event.pattern || '',
      'data-protocol': event.protocol || '', 'data-message-id': event.messageId || '' },
    el('span', { class: 'kind' }, event.kind), ' ',
    el('span', { class: 'protocol' }, PROTOCOLS[event.protocol] || ''), ' ', describe(event), ' ',
    el('span', { class: 'body' }, event.kind === 'rpc-reply' ? '' : `'${event.body || ''}'`));
  log.prepend(item);
  while (log.children.length > MAX_LOG) log.lastElementChild.remove();
}

// a click on a message, in the log or on the graph, asks for its journey; the journey panel listens
function openJourney(click) {
  const target = click.target.closest('[data-message-id]');
  if (!target || !target.dataset.messageId) return;
  document.dispatchEvent(new CustomEvent('open-journey', { detail: { messageId: target.dataset.messageId } }));
}
log.addEventListener('click', openJourney);
patterns.addEventListener('click', (click) => { if (click.target.closest('.token')) openJourney(click); });

function follow() {
  const status = document.getElementById('connection');
  const source = new EventSource('api/events');
  source.onopen = () => { status.textContent = 'live'; status.className = 'connection up'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'connection down'; };
  for (const kind of KINDS) {
    source.addEventListener(kind, (message) => {
      const event = JSON.parse(message.data);
      append(event);
      move(event);
    });
  }
}

// --- forms --------------------------------------------------------------------------------------

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

async function showBroker() {
  try {
    const health = await (await fetch('actuator/health')).json();
    const broker = health.components && health.components.broker;
    if (broker) document.getElementById('broker').textContent =
      `broker: ${broker.details.mode} ${broker.details.product || ''} at ${broker.details.addresses}`;
  } catch (e) { /* optional */ }
}

document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
showStats();
refreshTopology().then(follow);
showBroker();
// the depths change as messages wait; the service reads them from the broker at most once a second
setInterval(refreshTopology, 1000);
