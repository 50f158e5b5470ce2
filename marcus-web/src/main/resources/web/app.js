// Marcus dashboard: vanilla JS, no external assets. Every piece of stored text is inserted with textContent,
// never as HTML, so whatever agents or people typed stays inert.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const COLUMN_LIMIT = 300;   // cards drawn per column; the rest are counted
  const GRAPH_LIMIT = 400;    // the graph is drawn for projects up to this many tasks
  const state = { projects: [], projectId: null, board: null, selected: null, lastEventId: 0, refreshTimer: null };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  async function api(method, path, body) {
    const opts = { method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(path, opts);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || ('HTTP ' + res.status));
    return json;
  }

  // ---- projects ----------------------------------------------------------------------------------------
  async function loadProjects() {
    const r = await api('GET', '/api/projects');
    state.projects = r.projects;
    const sel = $('project-select');
    sel.replaceChildren();
    for (const p of r.projects) {
      const o = el('option', null, p.name + ' (' + p.completion_percentage + '%)');
      o.value = p.id;
      sel.appendChild(o);
    }
    const fromHash = decodeURIComponent(location.hash.slice(1));
    const active = r.projects.find(p => p.id === fromHash) || r.projects.find(p => p.active) || r.projects[r.projects.length - 1];
    $('empty').hidden = r.projects.length > 0;
    $('create-details').open = r.projects.length === 0;
    if (active) { sel.value = active.id; await selectProject(active.id); } else { showProject(false); }
  }
  function showProject(on) {
    for (const id of ['overview', 'board-section', 'graph-section', 'feed-section', 'charts-section']) $(id).hidden = !on;
    if (!on) $('detail').hidden = true;
  }
  async function selectProject(id) {
    state.projectId = id;
    state.selected = null;
    $('detail').hidden = true;
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    showProject(true);
    await refreshBoard();
    await loadFeed();
  }

  // ---- board -------------------------------------------------------------------------------------------
  async function refreshBoard() {
    if (!state.projectId) return;
    const b = await api('GET', '/api/projects/' + encodeURIComponent(state.projectId) + '/board');
    state.board = b;
    state.clockSkew = Date.parse(b.server_time) - Date.now();
    renderCards(b);
    renderBoard(b);
    renderDeps(b);
    renderThroughput(b);
    if (state.selected) loadDetail(state.selected);
    document.body.dataset.rendered = String(b.tasks.length);
    document.dispatchEvent(new CustomEvent('marcus:board', { detail: b })); // edit.js listens
  }
  function renderCards(b) {
    $('c-agents').textContent = b.active_agents + ' / ' + b.agents.length;
    $('c-todo').textContent = b.counts.todo;
    $('c-progress').textContent = b.counts.in_progress;
    $('c-blocked').textContent = b.counts.blocked;
    $('c-done').textContent = b.counts.done;
    $('c-completion').textContent = b.counts.completion_percentage + '%';
    $('c-decisions').textContent = b.decisions;
    $('c-artifacts').textContent = b.artifacts;
  }
  function renderBoard(b) {
    const crit = new Set(b.critical_path);
    const byStatus = { todo: [], in_progress: [], blocked: [], done: [] };
    for (const t of b.tasks) (byStatus[t.status] || byStatus.todo).push(t);
    for (const col of document.querySelectorAll('#board .column')) {
      const list = byStatus[col.dataset.status];
      col.querySelector('small').textContent = list.length;
      const ol = col.querySelector('ol');
      const frag = document.createDocumentFragment();
      for (const t of list.slice(0, COLUMN_LIMIT)) frag.appendChild(taskCard(t, crit.has(t.id)));
      if (list.length > COLUMN_LIMIT) frag.appendChild(el('li', 'more', '+ ' + (list.length - COLUMN_LIMIT) + ' more'));
      ol.replaceChildren(frag);
    }
    const deps = $('dep-select');
    deps.replaceChildren();
    for (const t of b.tasks.slice(0, 2000)) {
      if (t.status === 'done') continue;
      const o = el('option', null, t.name); o.value = t.id; deps.appendChild(o);
    }
  }
  function taskCard(t, critical) {
    const li = el('li', 'task ' + t.status + (critical ? ' critical' : ''));
    li.dataset.taskId = t.id;
    li.dataset.status = t.status;
    li.appendChild(el('div', 'name', t.name));
    const meta = el('div', 'meta');
    meta.appendChild(el('span', 'prio-' + t.priority, t.priority));
    if (t.assigned_to) meta.appendChild(el('span', 'who', '@' + t.assigned_to));
    if (t.lease_expires_at && t.status === 'in_progress') {
      const lease = el('span', 'lease'); lease.dataset.expires = t.lease_expires_at; meta.appendChild(lease);
    }
    if (t.status === 'in_progress' || t.progress > 0) meta.appendChild(el('span', null, t.progress + '%'));
    li.appendChild(meta);
    if (t.status === 'in_progress') {
      const bar = el('div', 'bar'); const fill = el('i'); fill.style.width = Math.max(0, Math.min(100, t.progress)) + '%';
      bar.appendChild(fill); li.appendChild(bar);
    }
    li.addEventListener('click', () => loadDetail(t.id));
    return li;
  }
  function tickLeases() {
    const now = Date.now() + (state.clockSkew || 0);
    for (const e of document.querySelectorAll('.lease')) {
      const s = Math.round((Date.parse(e.dataset.expires) - now) / 1000);
      e.textContent = s > 0 ? 'lease ' + (s >= 60 ? Math.floor(s / 60) + 'm ' : '') + (s % 60) + 's' : 'lease expired';
    }
  }

  // ---- task detail -------------------------------------------------------------------------------------
  async function loadDetail(taskId) {
    state.selected = taskId;
    let d;
    try { d = await api('GET', '/api/tasks/' + encodeURIComponent(taskId)); } catch (e) { return; }
    const t = d.task;
    $('detail').hidden = false;
    $('detail-name').textContent = t.name;
    $('detail-meta').textContent = [t.status, t.priority, t.assigned_to ? '@' + t.assigned_to : 'unassigned',
      t.progress + '%', t.id].join(' · ');
    $('detail-description').textContent = t.description || '';
    $('detail-unassign').disabled = t.status !== 'in_progress';
    $('detail-resolve').disabled = t.status !== 'blocked';
    fill('detail-blockers', d.blockers, b => '[' + b.severity + '] ' + b.description + (b.resolved_at ? ' (resolved)' : ''));
    fill('detail-decisions', d.decisions, x => x.decision);
    fill('detail-artifacts', d.artifacts, a => a.filename + ' — ' + a.artifact_type + (a.location ? ' — ' + a.location : ''));
    document.dispatchEvent(new CustomEvent('marcus:detail', { detail: d })); // edit.js listens
  }
  function fill(id, items, text) {
    const ul = $(id);
    ul.replaceChildren();
    if (!items.length) { ul.appendChild(el('li', 'meta', 'none')); return; }
    for (const i of items) ul.appendChild(el('li', null, text(i)));
  }
  async function act(path) {
    try { await api('POST', path); await refreshBoard(); } catch (e) { alert(e.message); }
  }

  // ---- dependency graph ----------------------------------------------------------------------------------
  function renderDeps(b) {
    const g = $('graph');
    g.replaceChildren();
    $('cp-hours').textContent = b.critical_path.length
      ? '(critical path ' + b.critical_path.length + ' tasks, ' + b.critical_path_hours + ' h left)' : '';
    const tasks = b.tasks.filter(t => !t.parent_task_id);
    if (tasks.length > GRAPH_LIMIT || tasks.length === 0) {
      g.setAttribute('width', 600); g.setAttribute('height', 30);
      const msg = svg('text', { x: 10, y: 20 });
      msg.textContent = tasks.length ? tasks.length + ' tasks: too many to draw; the board and critical path above still apply.' : 'No tasks.';
      g.appendChild(msg);
      return;
    }
    const byId = new Map(tasks.map(t => [t.id, t]));
    const level = new Map();
    const depth = (t, seen) => {
      if (level.has(t.id)) return level.get(t.id);
      if (seen.has(t.id)) return 0;
      seen.add(t.id);
      let l = 0;
      for (const d of t.dependencies) if (byId.has(d)) l = Math.max(l, depth(byId.get(d), seen) + 1);
      level.set(t.id, l);
      return l;
    };
    tasks.forEach(t => depth(t, new Set()));
    const columns = [];
    for (const t of tasks) (columns[level.get(t.id)] = columns[level.get(t.id)] || []).push(t);
    const W = 170, H = 34, GX = 60, GY = 14, pos = new Map();
    columns.forEach((col, x) => col.forEach((t, y) => pos.set(t.id, { x: 10 + x * (W + GX), y: 10 + y * (H + GY) })));
    const width = 20 + columns.length * (W + GX), height = 20 + Math.max(...columns.map(c => c.length)) * (H + GY);
    g.setAttribute('width', width); g.setAttribute('height', height); g.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const crit = new Set(b.critical_path), necks = new Set(b.bottlenecks);
    for (const t of tasks) for (const d of t.dependencies) {
      if (!pos.has(d)) continue;
      const a = pos.get(d), z = pos.get(t.id);
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = z.x, y2 = z.y + H / 2;
      g.appendChild(svg('path', { d: `M${x1},${y1} C${x1 + GX / 2},${y1} ${x2 - GX / 2},${y2} ${x2},${y2}`,
        class: 'edge' + (crit.has(d) && crit.has(t.id) ? ' crit' : '') }));
    }
    for (const t of tasks) {
      const p = pos.get(t.id);
      const node = svg('g', { class: 'node ' + t.status + (crit.has(t.id) ? ' crit' : '') + (necks.has(t.id) ? ' neck' : ''),
        transform: `translate(${p.x},${p.y})`, 'data-task-id': t.id });
      node.appendChild(svg('rect', { width: W, height: H }));
      const label = svg('text', { x: 8, y: 21 });
      label.textContent = t.name.length > 26 ? t.name.slice(0, 25) + '…' : t.name;
      const title = svg('title', {}); title.textContent = t.name + ' (' + t.status + ')';
      node.appendChild(label); node.appendChild(title);
      node.addEventListener('click', () => loadDetail(t.id));
      g.appendChild(node);
    }
  }

  // ---- throughput chart --------------------------------------------------------------------------------
  function renderThroughput(b) {
    const c = $('throughput');
    c.replaceChildren();
    const now = Date.now(), hours = new Array(24).fill(0);
    for (const t of b.tasks) {
      if (!t.completed_at) continue;
      const h = Math.floor((now - Date.parse(t.completed_at)) / 3600000);
      if (h >= 0 && h < 24) hours[23 - h]++;
    }
    const max = Math.max(1, ...hours);
    hours.forEach((n, i) => {
      const h = Math.round(n / max * 90);
      const r = svg('rect', { x: 10 + i * 19, y: 100 - h, width: 15, height: h });
      const tt = svg('title', {}); tt.textContent = n + ' completed, ' + (23 - i) + ' h ago'; r.appendChild(tt);
      c.appendChild(r);
    });
    const lbl = svg('text', { x: 10, y: 114 }); lbl.textContent = '24 h ago'; c.appendChild(lbl);
    const lbl2 = svg('text', { x: 430, y: 114 }); lbl2.textContent = 'now · max ' + max; c.appendChild(lbl2);
  }

  // ---- event feed --------------------------------------------------------------------------------------
  function filters() {
    const f = new FormData($('feed-filter'));
    const out = {};
    for (const [k, v] of f.entries()) if (String(v).trim()) out[k] = String(v).trim();
    return out;
  }
  async function loadFeed() {
    const f = filters();
    const after = Math.max(0, (state.board ? state.board.last_event_id : 0) - 5000);
    const qs = new URLSearchParams(Object.assign({ after_id: after, limit: 500 }, f));
    const r = await api('GET', '/api/projects/' + encodeURIComponent(state.projectId) + '/events?' + qs);
    const feed = $('feed');
    feed.replaceChildren();
    r.events.slice(-200).forEach(addEvent);
  }
  function matches(e, f) {
    if (f.agent_id && e.agent_id !== f.agent_id) return false;
    if (f.task_id && e.task_id !== f.task_id) return false;
    if (f.type && e.type !== f.type) return false;
    if (f.q) {
      const hay = (e.type + ' ' + Object.values(e.data || {}).join(' ')).toLowerCase();
      if (!hay.includes(f.q.toLowerCase())) return false;
    }
    return true;
  }
  function addEvent(e) {
    const li = el('li');
    li.appendChild(el('span', 't', new Date(e.at).toLocaleTimeString()));
    li.appendChild(el('span', 'k', e.type));
    const parts = [];
    if (e.agent_id) parts.push('@' + e.agent_id);
    const d = e.data || {};
    for (const k of ['name', 'message', 'progress', 'description', 'decision', 'filename', 'reason']) if (d[k]) parts.push(k + ': ' + d[k]);
    if (e.task_id) parts.push(e.task_id);
    li.appendChild(el('span', null, parts.join(' · ')));
    const feed = $('feed');
    feed.insertBefore(li, feed.firstChild);
    while (feed.childElementCount > 300) feed.removeChild(feed.lastChild);
  }

  // ---- live updates ------------------------------------------------------------------------------------
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.onopen = () => { $('live').textContent = 'live'; $('live').className = 'live on'; };
    ws.onclose = () => { $('live').textContent = 'reconnecting'; $('live').className = 'live off'; setTimeout(connect, 1500); };
    ws.onmessage = (m) => {
      let msg; try { msg = JSON.parse(m.data); } catch (e) { return; }
      if (msg.kind !== 'event') return;
      const e = msg.event;
      if (e.type === 'project_created' || e.type === 'project_selected' || !state.projectId) { loadProjects(); return; }
      if (e.project_id !== state.projectId) return;
      if (matches(e, filters())) addEvent(e);
      scheduleRefresh();
    };
  }
  function scheduleRefresh() {
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(() => { state.refreshTimer = null; refreshBoard(); }, 150);
  }

  // ---- forms -------------------------------------------------------------------------------------------
  function wire() {
    $('project-select').addEventListener('change', (e) => selectProject(e.target.value));
    $('create-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      try {
        const r = await api('POST', '/api/projects', { name: f.get('name'), description: f.get('description') });
        $('create-error').textContent = '';
        location.hash = '#' + encodeURIComponent(r.project.id);
        e.target.reset();
        await loadProjects();
      } catch (err) { $('create-error').textContent = err.message; }
    });
    $('task-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      try {
        await api('POST', '/api/projects/' + encodeURIComponent(state.projectId) + '/tasks',
          { name: f.get('name'), priority: f.get('priority'), dependencies: f.getAll('dependencies') });
        $('task-error').textContent = '';
        e.target.reset();
        await refreshBoard();
      } catch (err) { $('task-error').textContent = err.message; }
    });
    $('feed-filter').addEventListener('submit', (e) => { e.preventDefault(); loadFeed(); });
    $('detail-unassign').addEventListener('click', () => act('/api/tasks/' + encodeURIComponent(state.selected) + '/unassign'));
    $('detail-resolve').addEventListener('click', () => act('/api/tasks/' + encodeURIComponent(state.selected) + '/resolve-blocker'));
    $('mcp-url').textContent = location.origin + '/mcp';
    document.addEventListener('marcus:changed', () => refreshBoard()); // edit.js changed something
  }

  wire();
  api('GET', '/api/session').then(s => { document.body.classList.toggle('readonly', s.role === 'viewer'); document.body.dataset.role = s.role; })
    .catch(() => {});
  loadProjects().catch(err => { document.body.dataset.error = err.message; });
  connect();
  setInterval(tickLeases, 1000);
})();
