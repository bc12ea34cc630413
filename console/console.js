// fractal's live console: follows GET /events (Server-Sent Events) and draws what it says. The
// leader sends `hello` (image and preview sizes), `rows` (preview rows, base64 RGBA, with the rank
// that computed each row), `status` (GET /status's JSON) and, at the end, `outcome`. Host names come
// from the workers: they are only ever set as text, never as HTML.

const $ = (id) => document.getElementById(id);
const preview = $('preview');
const tint = $('tint');
const strip = $('owners-strip');
const lanes = $('lanes').querySelector('tbody');
/** rank -> { row, rows, at, rate } */
const laneByRank = new Map();
/** (time, rows done) over the last seconds, for the rate and the time left */
const history = [];
let size = null;
let finished = false;

/** One colour per rank, far apart for neighbouring ranks (golden angle); -1 (resumed rows) grey. */
const rankColour = (rank, alpha = 1) => (rank < 0 ? `rgba(128,128,128,${alpha})` : `hsla(${(rank * 137.508) % 360}, 70%, 58%, ${alpha})`);

const formatSeconds = (ms) => {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
};
const formatCount = (n) => n.toLocaleString('en-US');

const decodeBase64 = (text) => {
  const binary = atob(text);
  const bytes = new Uint8ClampedArray(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

const onHello = ({ image, preview: p }) => {
  size = p;
  for (const canvas of [preview, tint]) {
    canvas.width = p.width;
    canvas.height = p.height;
  }
  strip.width = 1;
  strip.height = p.height;
  strip.style.height = `${preview.getBoundingClientRect().height}px`;
  $('preview-size').textContent = `preview ${p.width}×${p.height} of ${formatCount(image.width)}×${formatCount(image.height)}`;
};

const onRows = ({ y, height, owners, rgba }) => {
  if (!size) return;
  preview.getContext('2d').putImageData(new ImageData(decodeBase64(rgba), size.width, height), 0, y);
  const tintContext = tint.getContext('2d');
  const stripContext = strip.getContext('2d');
  owners.forEach((owner, i) => {
    tintContext.clearRect(0, y + i, size.width, 1);
    tintContext.fillStyle = rankColour(owner, 0.2);
    tintContext.fillRect(0, y + i, size.width, 1);
    stripContext.fillStyle = rankColour(owner);
    stripContext.fillRect(0, y + i, 1, 1);
  });
};

const laneFor = (worker) => {
  let lane = laneByRank.get(worker.rank);
  if (!lane) {
    const row = document.createElement('tr');
    row.dataset.rank = String(worker.rank);
    for (const name of ['swatch', 'rank', 'host', 'state', 'units', 'rate', 'inflight', 'rtt', 'heard']) {
      const cell = document.createElement('td');
      cell.className = name;
      row.append(cell);
    }
    const swatch = document.createElement('span');
    swatch.style.background = rankColour(worker.rank);
    row.querySelector('.swatch').append(swatch);
    lane = { row, rows: worker.rows, at: performance.now(), rate: 0 };
    laneByRank.set(worker.rank, lane);
    const after = [...laneByRank.keys()].filter((r) => r > worker.rank).sort((a, b) => a - b)[0];
    lanes.insertBefore(row, after === undefined ? null : laneByRank.get(after).row);
  }
  return lane;
};

const updateLane = (worker, now) => {
  const lane = laneFor(worker);
  const seconds = (now - lane.at) / 1000;
  if (seconds >= 0.5) {
    const rate = (worker.rows - lane.rows) / seconds;
    // smoothed, so that one late batch does not make the figure jump
    lane.rate = lane.rate === 0 ? rate : 0.6 * lane.rate + 0.4 * rate;
    lane.rows = worker.rows;
    lane.at = now;
  }
  if (worker.state !== 'working' && worker.state !== 'joined') lane.rate = 0;
  const cell = (name) => lane.row.querySelector(`.${name}`);
  lane.row.className = worker.state;
  cell('rank').textContent = String(worker.rank);
  cell('host').textContent = worker.host;
  const state = document.createElement('span');
  state.className = `badge ${worker.state}`;
  state.textContent = worker.state;
  cell('state').replaceChildren(state);
  cell('units').textContent = formatCount(worker.units);
  cell('rate').textContent = formatCount(Math.round(lane.rate));
  const bar = document.createElement('span');
  bar.className = 'bar';
  bar.style.width = `${Math.min(60, worker.inFlight * 4)}px`;
  cell('inflight').replaceChildren(bar, document.createTextNode(String(worker.inFlight)));
  cell('rtt').textContent = typeof worker.rttMs === 'number' ? `${worker.rttMs.toFixed(1)} ms` : '–';
  cell('heard').textContent = worker.state === 'lost' || worker.state === 'done' ? '–' : `${(worker.lastSeenMsAgo / 1000).toFixed(1)} s ago`;
};

const timeLeft = (status, now) => {
  history.push({ at: now, done: status.rows.done });
  while (history.length > 2 && now - history[0].at > 10_000) history.shift();
  const first = history[0];
  const rate = (status.rows.done - first.done) / (now - first.at);
  if (status.rows.done >= status.rows.total) return 0;
  return rate > 0 ? (status.rows.total - status.rows.done) / rate : NaN;
};

const onStatus = (status) => {
  const now = performance.now();
  const ratio = status.rows.total > 0 ? status.rows.done / status.rows.total : 0;
  const percent = ratio >= 1 ? '100%' : `${Math.min(99.9, ratio * 100).toFixed(1)}%`;
  $('job').textContent = status.jobId ? `job ${status.jobId}` : '';
  if (!finished) {
    $('state').textContent = status.state;
    $('state').className = `badge ${status.state}`;
  }
  $('progress-bar').style.width = `${(ratio * 100).toFixed(2)}%`;
  $('percent').textContent = percent;
  $('rows-total').textContent = formatCount(status.rows.total);
  $('units').textContent = `${formatCount(status.units.done)} / ${formatCount(status.units.total)}`;
  $('elapsed').textContent = formatSeconds(status.elapsedMs);
  $('eta').textContent = status.state === 'waiting' ? 'waiting for workers' : formatSeconds(timeLeft(status, now));
  const lost = status.workers.filter((w) => w.state === 'lost').length;
  $('workers-count').textContent = `${status.workersJoined} of ${status.workersExpected} joined${lost ? `, ${lost} lost` : ''}`;
  for (const worker of status.workers) updateLane(worker, now);
};

const onOutcome = (outcome) => {
  finished = true;
  $('state').textContent = outcome.state;
  $('state').className = `badge ${outcome.state === 'done' ? 'done' : 'failed'}`;
  $('eta').textContent = outcome.state === 'done' ? '0 s' : '–';
  const box = $('outcome');
  box.hidden = false;
  box.className = outcome.state;
  const title = document.createElement('b');
  title.textContent = outcome.state === 'done' ? 'Done. ' : outcome.state === 'interrupted' ? 'Interrupted. ' : 'Failed. ';
  const parts = [title, document.createTextNode(outcome.message)];
  if (outcome.outfile) {
    const file = document.createElement('code');
    file.textContent = outcome.outfile;
    parts.push(document.createElement('br'), document.createTextNode('PNG: '), file);
  }
  box.replaceChildren(...parts);
};

const handlers = { hello: onHello, rows: onRows, status: onStatus, outcome: onOutcome };
const events = new EventSource('/events');
for (const [name, handler] of Object.entries(handlers)) {
  events.addEventListener(name, (event) => {
    handler(JSON.parse(event.data));
    if (name === 'outcome') {
      events.close();
      $('connection').textContent = 'the run is over; the leader has closed its port';
    }
  });
}
events.addEventListener('open', () => ($('connection').textContent = ''));
events.addEventListener('error', () => {
  if (!finished) $('connection').textContent = 'connection lost; retrying…';
});
$('tint-toggle').addEventListener('change', (event) => tint.classList.toggle('off', !event.target.checked));
window.addEventListener('resize', () => (strip.style.height = `${preview.getBoundingClientRect().height}px`));
