// Marcus dashboard: vanilla JS, no external assets. Every piece of stored text is inserted with textContent,
// never as HTML, so whatever agents or people typed stays inert.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const COLUMN_LIMIT = 300;   // cards drawn per column at first; "show more" adds as many again
  const GRAPH_LIMIT = 400;    // the graph is drawn for projects up to this many tasks
  const INSIGHTS_EVERY = 1500; // charts and health are re-read at most this often (ms) while events arrive
  const state = { projects: [], projectId: null, board: null, selected: null, lastEventId: 0, refreshTimer: null,
    limits: {}, timeline: null, health: null, insightsTimer: null, insightsAt: 0, feedTimer: null };

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
    for (const id of ['overview', 'board-section', 'graph-section', 'feed-section', 'charts-section', 'health-section']) $(id).hidden = !on;
    if (!on) $('detail').hidden = true;
  }
  async function selectProject(id) {
    state.projectId = id;
    state.selected = null;
    state.limits = {};
    state.timeline = null;
    state.health = null;
    state.healthOpen = false;
    $('detail').hidden = true;
    $('feed-filter').reset();
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    showProject(true);
    await refreshBoard();
    refreshInsights();
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
    if (!document.body.dataset.firstRenderMs) {
      document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
      requestAnimationFrame(() => setTimeout(() => { document.body.dataset.paintedMs = String(Math.round(performance.now())); }, 0));
    }
    document.body.dataset.rendered = String(b.tasks.length);
    renderDeps(b);
    renderFilterOptions(b);
    if (state.selected) loadDetail(state.selected);
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
    const crit = new Set(b.critical_path), necks = new Set(b.bottlenecks);
    const byStatus = { todo: [], in_progress: [], blocked: [], done: [] };
    for (const t of b.tasks) (byStatus[t.status] || byStatus.todo).push(t);
    byStatus.done.reverse(); // the most recently created first; done work is the least interesting
    for (const col of document.querySelectorAll('#board .column')) {
      const status = col.dataset.status, list = byStatus[status];
      const limit = state.limits[status] || COLUMN_LIMIT;
      col.querySelector('small').textContent = list.length;
      const ol = col.querySelector('ol');
      const frag = document.createDocumentFragment();
      for (const t of list.slice(0, limit)) frag.appendChild(taskCard(t, crit.has(t.id), necks.has(t.id)));
      if (list.length > limit) {
        const li = el('li', 'more');
        const btn = el('button', 'link', 'show ' + Math.min(COLUMN_LIMIT, list.length - limit) + ' more of '
          + (list.length - limit));
        btn.type = 'button';
        btn.addEventListener('click', () => { state.limits[status] = limit + COLUMN_LIMIT; renderBoard(state.board); });
        li.appendChild(btn);
        frag.appendChild(li);
      }
      ol.replaceChildren(frag);
    }
    const deps = $('dep-select');
    deps.replaceChildren();
    for (const t of b.tasks.slice(0, 2000)) {
      if (t.status === 'done') continue;
      const o = el('option', null, t.name); o.value = t.id; deps.appendChild(o);
    }
  }
  function taskCard(t, critical, neck) {
    const li = el('li', 'task ' + t.status + (critical ? ' critical' : '') + (neck ? ' neck' : ''));
    li.dataset.taskId = t.id;
    li.dataset.status = t.status;
    li.appendChild(el('div', 'name', t.name));
    const meta = el('div', 'meta');
    meta.appendChild(el('span', 'prio-' + t.priority, t.priority));
    if (t.assigned_to) meta.appendChild(el('span', 'who', '@' + t.assigned_to));
    if (neck) meta.appendChild(el('span', 'tag-neck', 'bottleneck'));
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
    loadLinks(taskId);
  }
  // pull requests linked by the GitHub webhook (the task id in their branch name or title)
  async function loadLinks(taskId) {
    const ul = $('detail-links');
    let r;
    try { r = await api('GET', '/api/tasks/' + encodeURIComponent(taskId) + '/links'); } catch (e) { r = { links: [] }; }
    if (state.selected !== taskId) return;
    ul.replaceChildren();
    if (!r.links.length) { ul.appendChild(el('li', 'meta', 'none')); return; }
    for (const l of r.links) {
      const li = el('li', null, '');
      const a = document.createElement('a');
      if (/^https?:\/\//.test(l.url)) a.href = l.url;
      a.rel = 'noopener noreferrer';
      a.textContent = '#' + l.number + ' ' + l.title;
      li.appendChild(a);
      li.appendChild(el('span', 'meta', ' — ' + l.state));
      ul.appendChild(li);
    }
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
    // the server's critical path is one chain, in order: an edge is on it when it links two neighbours of the chain
    const critNext = new Map(b.critical_path.slice(1).map((id, i) => [b.critical_path[i], id]));
    for (const t of tasks) for (const d of t.dependencies) {
      if (!pos.has(d)) continue;
      const a = pos.get(d), z = pos.get(t.id);
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = z.x, y2 = z.y + H / 2;
      g.appendChild(svg('path', { d: `M${x1},${y1} C${x1 + GX / 2},${y1} ${x2 - GX / 2},${y2} ${x2},${y2}`,
        class: 'edge' + (critNext.get(d) === t.id ? ' crit' : '') }));
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

  // ---- charts and health (server-computed by the core's analytics) --------------------------------------------
  function scheduleInsights() {
    if (state.insightsTimer) return;
    const wait = Math.max(150, INSIGHTS_EVERY - (Date.now() - state.insightsAt));
    state.insightsTimer = setTimeout(() => { state.insightsTimer = null; refreshInsights(); }, wait);
  }
  async function refreshInsights() {
    const id = state.projectId;
    if (!id) return;
    state.insightsAt = Date.now();
    const base = '/api/projects/' + encodeURIComponent(id);
    const [timeline, health] = await Promise.all([
      api('GET', base + '/timeline?window=24h').catch(e => ({ error: e.message })),
      api('GET', base + '/health').catch(e => ({ error: e.message }))]);
    if (id !== state.projectId) return;
    state.timeline = timeline;
    state.health = health;
    drawInsights();
    document.body.dataset.insights = String((Number(document.body.dataset.insights) || 0) + 1);
  }
  function drawInsights() {
    if (state.timeline) {
      if (state.timeline.error) { $('lanes-span').textContent = '(' + state.timeline.error + ')'; }
      else { renderLanes(state.timeline); renderThroughput(state.timeline); renderCycle(state.timeline); renderBurndown(state.timeline); }
    }
    if (state.health) renderHealth(state.health);
  }
  function widthOf(svgEl, min) {
    const w = svgEl.parentElement ? svgEl.parentElement.clientWidth : 0;
    return Math.max(min || 260, Math.floor(w || 480));
  }
  function setSize(c, w, h) {
    c.replaceChildren();
    c.setAttribute('width', w); c.setAttribute('height', h); c.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  }
  function text(c, x, y, s, cls, anchor) {
    const t = svg('text', { x, y, class: cls || '' });
    if (anchor) t.setAttribute('text-anchor', anchor);
    t.textContent = s;
    c.appendChild(t);
    return t;
  }
  function tip(node, s) { const t = svg('title', {}); t.textContent = s; node.appendChild(t); return node; }
  function hhmm(ms, span) {
    const d = new Date(ms);
    const hm = String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
    if (span < 120000) return hm + ':' + String(d.getSeconds()).padStart(2, '0');
    return span > 36 * 3600000 ? d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' }) + ' ' + hm : hm;
  }
  function duration(hours) {
    if (hours === null || hours === undefined) return '–';
    const s = hours * 3600;
    if (s < 90) return Math.round(s) + ' s';
    if (s < 5400) return Math.round(s / 60) + ' min';
    return (Math.round(hours * 10) / 10) + ' h';
  }
  function when(iso) {
    if (!iso) return 'unknown';
    const d = new Date(iso), days = (d - Date.now()) / 86400000;
    return days > 6 ? d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
      : d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }
  function axis(c, x0, x1, y, t0, t1, ticks) {
    c.appendChild(svg('line', { x1: x0, x2: x1, y1: y, y2: y, class: 'axis' }));
    const span = t1 - t0;
    for (let i = 0; i <= ticks; i++) {
      const x = x0 + (x1 - x0) * i / ticks;
      c.appendChild(svg('line', { x1: x, x2: x, y1: y, y2: y + 4, class: 'axis' }));
      text(c, x, y + 15, hhmm(t0 + span * i / ticks, span), 'tick', i === 0 ? 'start' : i === ticks ? 'end' : 'middle');
    }
  }

  // one lane per agent, one bar per stretch of work on a task, coloured by how it ended
  function renderLanes(t) {
    const c = $('lanes');
    const lanes = t.lanes || [];
    const now = Date.parse(t.to);
    let t0 = now;
    for (const l of lanes) for (const b of l.bars) t0 = Math.min(t0, Date.parse(b.start));
    const span = Math.max(60000, now - t0);
    t0 = now - span * 1.02;
    const W = widthOf(c, 300), LABEL = W < 500 ? 78 : 120, LANE = 24, TOP = 6;
    const H = TOP + Math.max(1, lanes.length) * LANE + 26;
    setSize(c, W, H);
    $('lanes-span').textContent = lanes.length ? '(' + lanes.length + ' agent' + (lanes.length === 1 ? '' : 's')
      + ', since ' + hhmm(t0, now - t0) + (t.bars_left_out ? ', ' + t.bars_left_out + ' older bars left out' : '') + ')' : '';
    if (!lanes.length) {
      text(c, 10, TOP + 16, 'No agent has joined this project yet: bars appear when agents take tasks.', 'note');
      return;
    }
    const x = (ms) => LABEL + (W - LABEL - 8) * (ms - t0) / (now - t0);
    lanes.forEach((l, i) => {
      const y = TOP + i * LANE;
      const g = svg('g', { class: 'lane', 'data-agent-id': l.agent_id });
      g.appendChild(svg('rect', { x: 0, y, width: W, height: LANE, class: 'lane-bg' + (i % 2 ? ' odd' : '') }));
      const name = l.name && l.name !== l.agent_id ? l.name + ' (' + l.agent_id + ')' : l.agent_id;
      const short = l.name || l.agent_id, fits = Math.floor(LABEL / 6.5);
      const label = text(g, 4, y + LANE / 2 + 4, short.length > fits ? short.slice(0, fits - 1) + '…' : short, 'lane-label');
      tip(label, name + ': ' + l.bars.length + ' task' + (l.bars.length === 1 ? '' : 's'));
      for (const b of l.bars) {
        const s = Date.parse(b.start), e = b.end ? Date.parse(b.end) : now;
        const bx = Math.max(LABEL, x(s)), bw = Math.max(3, x(e) - bx);
        const r = svg('rect', { x: bx, y: y + 4, width: bw, height: LANE - 8, rx: 3,
          class: 'bar o-' + b.outcome, 'data-task-id': b.task_id, 'data-outcome': b.outcome });
        tip(r, (b.task_name || b.task_id) + ' — ' + b.outcome + ', ' + duration((e - s) / 3600000)
          + ' (' + hhmm(s, 0) + (b.end ? '–' + hhmm(e, 0) : ', still working') + ')');
        r.addEventListener('click', () => loadDetail(b.task_id));
        g.appendChild(r);
      }
      c.appendChild(g);
    });
    axis(c, LABEL, W - 8, TOP + lanes.length * LANE + 2, t0, now, W < 500 ? 3 : 6);
  }

  function renderThroughput(t) {
    const c = $('throughput');
    const hours = t.throughput_per_hour || [];
    const W = widthOf(c), H = 150, L = 26, B = 22, top = 10;
    setSize(c, W, H);
    const max = Math.max(1, ...hours.map(h => h.completed));
    const total = hours.reduce((a, h) => a + h.completed, 0);
    $('throughput-note').textContent = '(' + total + ' in ' + t.time_window + ', ' + ((t.pace && t.pace.per_hour) || 0) + '/h)';
    c.appendChild(svg('line', { x1: L, x2: W - 4, y1: H - B, y2: H - B, class: 'axis' }));
    text(c, L - 4, top + 8, String(max), 'tick', 'end');
    text(c, L - 4, H - B, '0', 'tick', 'end');
    const slot = (W - L - 4) / Math.max(1, hours.length);
    hours.forEach((h, i) => {
      const bh = Math.round(h.completed / max * (H - B - top));
      const r = svg('rect', { x: L + i * slot + 1, y: H - B - bh, width: Math.max(1, slot - 2), height: bh, class: 'tp' });
      tip(r, h.completed + ' completed in the hour from ' + hhmm(Date.parse(h.hour), 0));
      c.appendChild(r);
    });
    if (hours.length) {
      const span = Date.parse(hours[hours.length - 1].hour) - Date.parse(hours[0].hour);
      text(c, L, H - 6, hhmm(Date.parse(hours[0].hour), span), 'tick');
      text(c, W - 4, H - 6, 'now', 'tick', 'end');
    }
  }

  // cycle time (first assignment to completion) of the latest completed tasks, with the median and p90 lines
  function renderCycle(t) {
    const c = $('cycle');
    const ct = t.cycle_time || { tasks: [] };
    const tasks = ct.tasks.slice(-60);
    const W = widthOf(c), H = 150, L = 40, B = 22, top = 10;
    setSize(c, W, H);
    $('cycle-note').textContent = ct.count ? '(median ' + duration(ct.median_hours) + ', p90 ' + duration(ct.p90_hours)
      + ', ' + ct.count + ' tasks)' : '';
    if (!tasks.length) { text(c, 10, 24, 'No task completed in the last ' + t.time_window + '.', 'note'); return; }
    const max = Math.max(...tasks.map(x => x.cycle_hours), ct.p90_hours || 0) || 1 / 60;
    const y = (h) => H - B - (H - B - top) * h / max;
    c.appendChild(svg('line', { x1: L, x2: W - 4, y1: H - B, y2: H - B, class: 'axis' }));
    text(c, L - 4, top + 8, duration(max), 'tick', 'end');
    text(c, L - 4, H - B, '0', 'tick', 'end');
    const slot = (W - L - 4) / tasks.length;
    tasks.forEach((x, i) => {
      const r = svg('rect', { x: L + i * slot + 1, y: y(x.cycle_hours), width: Math.max(1, slot - 2),
        height: H - B - y(x.cycle_hours), class: 'ct', 'data-task-id': x.task_id });
      tip(r, (x.task_name || x.task_id) + ': ' + duration(x.cycle_hours) + ' from first assignment to done'
        + (x.agent_id ? ' (@' + x.agent_id + ')' : '') + (x.estimated_hours ? ', estimate ' + x.estimated_hours + ' h' : ''));
      r.addEventListener('click', () => loadDetail(x.task_id));
      c.appendChild(r);
    });
    for (const [v, cls, name, left] of [[ct.median_hours, 'median', 'median', true], [ct.p90_hours, 'p90', 'p90', false]]) {
      if (v === null || v === undefined) continue;
      c.appendChild(svg('line', { x1: L, x2: W - 4, y1: y(v), y2: y(v), class: 'ref ' + cls }));
      text(c, left ? L + 3 : W - 6, y(v) - 3, name + ' ' + duration(v), 'tick ' + cls, left ? 'start' : 'end');
    }
    text(c, L, H - 6, 'older', 'tick');
    text(c, W - 4, H - 6, 'latest', 'tick', 'end');
  }

  // remaining tasks over time; dashed: the core's forecast (estimates × measured pace of similar work,
  // shared among the registered agents); dotted: the recent completion pace continued
  function renderBurndown(t) {
    const c = $('burndown');
    const pts = (t.burndown || []).map(p => [Date.parse(p.at), p.remaining]);
    const W = widthOf(c), H = 150, L = 34, R = 8, B = 22, top = 10;
    setSize(c, W, H);
    const f = t.forecast || {};
    const now = Date.parse(t.to), remaining = t.remaining_tasks;
    const fEnd = remaining > 0 && f.predicted_completion ? Date.parse(f.predicted_completion) : null;
    const pEnd = remaining > 0 && t.pace && t.pace.completion ? Date.parse(t.pace.completion) : null;
    const fc = $('forecast');
    fc.replaceChildren();
    if (remaining === 0 && pts.length) fc.textContent = 'All tasks are done.';
    else {
      fc.appendChild(el('span', 'fc-est', 'Forecast: ' + when(f.predicted_completion)));
      fc.appendChild(document.createTextNode(' (' + duration(f.predicted_hours) + ' of work left for ' + (f.workers || 1)
        + ' agent' + (f.workers === 1 ? '' : 's') + (f.samples ? ', estimates × ' + f.estimate_ratio + ' from ' + f.samples
        + ' finished tasks' : ', by estimates') + ')'));
      fc.appendChild(document.createTextNode(' · at the last ' + t.time_window + '’s pace: '
        + (pEnd ? when(t.pace.completion) : 'no completions yet')));
    }
    fc.dataset.forecast = f.predicted_completion || '';
    $('burn-note').textContent = pts.length ? '(' + remaining + ' of ' + Math.max(...pts.map(p => p[1]), remaining) + ' left)' : '';
    if (!pts.length) { text(c, 10, 24, 'No tasks yet.', 'note'); return; }
    const t0 = pts[0][0];
    const history = Math.max(60000, now - t0);
    // the future shown is at most twice the past, so that the past stays readable; lines run off the edge
    const t1 = Math.max(now + history * 0.1, Math.min(Math.max(fEnd || 0, pEnd || 0), now + history * 2));
    const max = Math.max(1, ...pts.map(p => p[1]));
    const x = (ms) => L + (W - L - R) * (ms - t0) / (t1 - t0), y = (n) => H - B - (H - B - top) * n / max;
    text(c, L - 4, top + 8, String(max), 'tick', 'end');
    text(c, L - 4, H - B, '0', 'tick', 'end');
    axis(c, L, W - R, H - B, t0, t1, W < 400 ? 2 : 4);
    c.appendChild(svg('line', { x1: x(now), x2: x(now), y1: top, y2: H - B, class: 'now' }));
    let d = '';
    pts.forEach((p, i) => { d += (i ? ' H' + x(p[0]).toFixed(1) + ' V' : 'M' + x(p[0]).toFixed(1) + ',') + y(p[1]).toFixed(1); });
    c.appendChild(svg('path', { d, class: 'burn' }));
    const line = (end, cls, label) => {
      // a forecast of "now" (the work left is estimated at next to nothing) is still drawn: a drop at the now line
      if (!end || end < now) return;
      const span = end - now;
      const xe = Math.min(end, t1), ye = span > 0 ? remaining * (1 - (xe - now) / span) : 0;
      const l = svg('line', { x1: x(now), y1: y(remaining), x2: x(xe), y2: y(ye), class: cls });
      tip(l, label + ': ' + when(new Date(end).toISOString()));
      c.appendChild(l);
    };
    line(fEnd, 'forecast', 'forecast');
    line(pEnd, 'pace', 'at the recent pace');
  }

  function renderHealth(h) {
    const g = $('health-gauge');
    g.replaceChildren();
    if (h.error) { $('health-summary').textContent = h.error; return; }
    const score = h.health_score, R = 40, C = 2 * Math.PI * R;
    g.appendChild(svg('circle', { cx: 48, cy: 48, r: R, class: 'ring' }));
    const arc = svg('circle', { cx: 48, cy: 48, r: R, class: 'arc ' + h.status,
      'stroke-dasharray': (C * score / 100).toFixed(1) + ' ' + C.toFixed(1), transform: 'rotate(-90 48 48)' });
    g.appendChild(arc);
    text(g, 48, 53, String(score), 'score', 'middle');
    g.dataset.score = score;
    const d = h.diagnosis || {}, a = h.assignments || {};
    $('health-summary').textContent = h.status + ' · ' + h.issue_count + ' issue' + (h.issue_count === 1 ? '' : 's')
      + ' · ' + (d.ready_tasks || 0) + ' ready, ' + (d.in_progress_tasks || 0) + ' in progress, '
      + (d.not_assignable_count || 0) + ' waiting · ' + (d.registered_agents || 0) + ' agents ('
      + (d.available_agents || 0) + ' free)' + (a.problems && a.problems.length ? ' · ' + a.problems.length + ' lease problem(s)' : '');
    $('health-checked').textContent = h.checked_at ? '(checked ' + hhmm(Date.parse(h.checked_at), 0) + ')' : '';
    const ul = $('health-issues');
    ul.replaceChildren();
    const issues = (h.issues || []).concat((a.problems || []).map(p => Object.assign({ severity: 'high' }, p,
      { task_ids: p.task_id ? [p.task_id] : [] })));
    if (!issues.length) ul.appendChild(el('li', 'meta', 'No issues found.'));
    // at most two lines per kind of issue at first; the rest behind "show more"
    const shown = {}, hiddenByType = {};
    for (const i of issues) {
      const li = el('li', 'issue sev-' + i.severity);
      shown[i.type] = (shown[i.type] || 0) + 1;
      if (shown[i.type] > 2 && !state.healthOpen) { li.hidden = true; hiddenByType[i.type] = (hiddenByType[i.type] || 0) + 1; }
      li.dataset.type = i.type;
      li.appendChild(el('span', 'sev', i.severity));
      li.appendChild(el('span', 'itype', i.type.replace(/_/g, ' ')));
      li.appendChild(el('span', null, i.description));
      if (i.task_ids && i.task_ids.length) {
        li.classList.add('clickable');
        li.addEventListener('click', () => loadDetail(i.task_ids[0]));
      }
      ul.appendChild(li);
    }
    const more = Object.entries(hiddenByType).map(([t, n]) => n + ' more ' + t.replace(/_/g, ' '));
    if (more.length) {
      const li = el('li', 'more-issues');
      const btn = el('button', 'link', 'show ' + more.join(', '));
      btn.type = 'button';
      btn.addEventListener('click', () => { state.healthOpen = true; renderHealth(state.health); });
      li.appendChild(btn);
      ul.appendChild(li);
    }
    fill('health-advice', d.recommendations || [], r => r);
  }

  // ---- event feed --------------------------------------------------------------------------------------
  function filters() {
    const f = new FormData($('feed-filter'));
    const out = {};
    for (const [k, v] of f.entries()) if (String(v).trim()) out[k] = String(v).trim();
    return out;
  }
  // the newest 200 matching events of the recent log; the server filters, pages forward from a cursor
  async function loadFeed() {
    const f = filters(), seq = (state.feedSeq = (state.feedSeq || 0) + 1);
    let after = Math.max(0, (state.board ? state.board.last_event_id : 0) - 5000), events = [];
    for (let page = 0; page < 12; page++) {
      const qs = new URLSearchParams(Object.assign({ after_id: after, limit: 500 }, f));
      let r;
      try { r = await api('GET', '/api/projects/' + encodeURIComponent(state.projectId) + '/events?' + qs); }
      catch (e) { if (seq === state.feedSeq) $('feed-count').textContent = e.message; return; }
      events = events.concat(r.events).slice(-200);
      after = r.next_after_id;
      if (!r.has_more) break;
    }
    if (seq !== state.feedSeq) return; // a newer filter won
    $('feed').replaceChildren();
    events.forEach(addEvent);
    countFeed();
  }
  function countFeed() {
    const n = $('feed').childElementCount, f = Object.keys(filters()).length;
    $('feed-count').textContent = n + (n === 1 ? ' event' : ' events') + (f ? ' match' + (n === 1 ? 'es' : '') : '');
    $('feed').dataset.count = n;
  }
  function scheduleFeed() {
    clearTimeout(state.feedTimer);
    state.feedTimer = setTimeout(loadFeed, 250);
  }
  function renderFilterOptions(b) {
    const sel = $('filter-agent'), keep = sel.value;
    const opts = [el('option', null, 'any agent')];
    opts[0].value = '';
    for (const a of b.agents) {
      const o = el('option', null, a.name && a.name !== a.agent_id ? a.name + ' (' + a.agent_id + ')' : a.agent_id);
      o.value = a.agent_id;
      opts.push(o);
    }
    sel.replaceChildren(...opts);
    sel.value = keep;
    if (sel.value !== keep) { const o = el('option', null, keep); o.value = keep; sel.appendChild(o); sel.value = keep; }
    const list = $('task-options');
    if (list.dataset.count === String(b.tasks.length)) return; // task names change rarely; ids never
    const frag = document.createDocumentFragment();
    for (const t of b.tasks.slice(-1000)) { const o = el('option', null, t.name); o.value = t.id; frag.appendChild(o); }
    list.replaceChildren(frag);
    list.dataset.count = String(b.tasks.length);
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
    li.dataset.type = e.type;
    if (e.agent_id) li.dataset.agentId = e.agent_id;
    if (e.task_id) { li.dataset.taskId = e.task_id; li.classList.add('clickable'); li.addEventListener('click', () => loadDetail(e.task_id)); }
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
      if (matches(e, filters())) { addEvent(e); countFeed(); }
      scheduleRefresh();
      scheduleInsights();
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
    const feedForm = $('feed-filter');
    feedForm.addEventListener('submit', (e) => { e.preventDefault(); loadFeed(); });
    feedForm.addEventListener('input', scheduleFeed);
    feedForm.addEventListener('change', scheduleFeed);
    feedForm.addEventListener('reset', () => setTimeout(loadFeed, 0));
    let resizeTimer = null;
    window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawInsights, 200); });
    $('detail-unassign').addEventListener('click', () => act('/api/tasks/' + encodeURIComponent(state.selected) + '/unassign'));
    $('detail-resolve').addEventListener('click', () => act('/api/tasks/' + encodeURIComponent(state.selected) + '/resolve-blocker'));
    $('mcp-url').textContent = location.origin + '/mcp';
    $('mcp-add').textContent = 'claude mcp add --transport http marcus ' + location.origin + '/mcp';
    document.addEventListener('marcus:changed', () => refreshBoard()); // edit.js changed something
  }

  wire();
  api('GET', '/api/session').then(s => { document.body.classList.toggle('readonly', s.role === 'viewer'); document.body.dataset.role = s.role; })
    .catch(() => {});
  loadProjects().catch(err => { document.body.dataset.error = err.message; });
  connect();
  setInterval(tickLeases, 1000);
})();
