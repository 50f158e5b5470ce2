// Marcus dashboard, human actions (issue #6): edit a task, add or remove its dependencies, pause or resume agents.
// Kept apart from app.js: it listens for app.js's 'marcus:board' and 'marcus:detail' events and asks for a refresh
// with 'marcus:changed'. Nothing is shown to viewers. Text goes in with textContent only, never as HTML.
(() => {
  'use strict';
  const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
  const state = { role: null, board: null, detail: null, dirty: false, formTask: null };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  async function api(method, path, body) {
    const opts = { method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(path, opts);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error((json.field ? json.field + ': ' : '') + (json.error || ('HTTP ' + res.status)));
      err.field = json.field;
      throw err;
    }
    return json;
  }
  const canEdit = () => state.role !== null && state.role !== 'viewer';
  const changed = () => document.dispatchEvent(new CustomEvent('marcus:changed'));
  const splitList = (s) => s.split(/[,\n]/).map(x => x.trim()).filter(Boolean);

  // ---- the task editor, inside the task detail ----------------------------------------------------------
  function field(label, input) {
    const l = el('label', null, label + ' ');
    l.appendChild(input);
    return l;
  }
  function buildEditor() {
    const box = el('details', 'editor edit-task');
    box.id = 'edit-task';
    box.appendChild(el('summary', null, 'Edit task'));
    const form = el('form', 'edit-form');
    form.id = 'edit-form';
    const name = el('input'); name.name = 'name'; name.required = true; name.maxLength = 200;
    const description = el('textarea'); description.name = 'description'; description.rows = 4;
    const priority = el('select'); priority.name = 'priority';
    for (const p of PRIORITIES) { const o = el('option', null, p); o.value = p; priority.appendChild(o); }
    const labels = el('input'); labels.name = 'labels'; labels.placeholder = 'comma separated';
    const estimate = el('input'); estimate.name = 'estimated_hours'; estimate.type = 'number'; estimate.min = '0';
    estimate.max = '10000'; estimate.step = '0.25';
    form.append(field('Name', name), field('Description', description), field('Priority', priority),
      field('Labels', labels), field('Estimate (h)', estimate));
    const save = el('button', null, 'Save'); save.type = 'submit';
    const error = el('span', 'form-error'); error.id = 'edit-error';
    form.append(save, error);
    form.addEventListener('input', () => { state.dirty = true; });
    form.addEventListener('submit', (e) => { e.preventDefault(); saveTask(form, error); });
    box.appendChild(form);

    const deps = el('div', 'edit-deps');
    deps.appendChild(el('h3', null, 'Depends on'));
    const list = el('ul'); list.id = 'edit-dep-list';
    const add = el('div', 'actions');
    const pick = el('select'); pick.id = 'edit-dep-pick'; pick.setAttribute('aria-label', 'Task to depend on');
    const addBtn = el('button', null, 'Add dependency'); addBtn.type = 'button'; addBtn.id = 'edit-dep-add';
    const depError = el('span', 'form-error'); depError.id = 'edit-dep-error';
    addBtn.addEventListener('click', () => addDependency(pick.value, depError));
    add.append(pick, addBtn, depError);
    deps.append(list, add);
    box.appendChild(deps);
    return box;
  }
  function editor() {
    let box = document.getElementById('edit-task');
    if (!box) {
      box = buildEditor();
      const actions = document.querySelector('#detail .actions');
      (actions || document.getElementById('detail')).after(box);
    }
    return box;
  }
  function renderEditor() {
    const d = state.detail;
    if (!d || !canEdit()) return;
    const t = d.task;
    const box = editor();
    const form = box.querySelector('form');
    if (state.formTask !== t.id) { state.dirty = false; state.formTask = t.id; box.querySelector('#edit-error').textContent = ''; }
    if (!state.dirty) { // never overwrite what the human is typing when the board refreshes
      form.elements.name.value = t.name;
      form.elements.description.value = t.description || '';
      form.elements.priority.value = t.priority;
      form.elements.labels.value = (t.labels || []).join(', ');
      form.elements.estimated_hours.value = t.estimated_hours === null || t.estimated_hours === undefined ? '' : t.estimated_hours;
    }
    const list = box.querySelector('#edit-dep-list');
    list.replaceChildren();
    if (!d.dependencies.length) list.appendChild(el('li', 'meta', 'none'));
    for (const dep of d.dependencies) {
      const li = el('li', 'dep');
      li.appendChild(el('span', 'dep-name', dep.name));
      li.appendChild(el('span', 'meta', dep.status));
      const rm = el('button', 'small', 'Remove'); rm.type = 'button';
      rm.disabled = t.status === 'done';
      rm.addEventListener('click', () => removeDependency(dep.id, box.querySelector('#edit-dep-error')));
      li.appendChild(rm);
      list.appendChild(li);
    }
    const pick = box.querySelector('#edit-dep-pick');
    const chosen = pick.value;
    pick.replaceChildren();
    const have = new Set(d.dependencies.map(x => x.id));
    for (const other of (state.board ? state.board.tasks : [])) {
      if (other.id === t.id || have.has(other.id)) continue;
      const o = el('option', null, other.name + ' (' + other.status + ')'); o.value = other.id; pick.appendChild(o);
    }
    if (chosen) pick.value = chosen;
    // a task in progress or done cannot be made to wait (the server says why, too)
    const locked = t.status === 'in_progress' || t.status === 'done';
    box.querySelector('#edit-dep-add').disabled = locked || pick.options.length === 0;
    box.querySelector('#edit-dep-add').title = locked ? 'unassign the task first' : '';
  }
  async function saveTask(form, error) {
    const t = state.detail.task;
    const f = form.elements;
    const body = {};
    if (f.name.value.trim() !== t.name) body.name = f.name.value;
    if (f.description.value !== (t.description || '')) body.description = f.description.value;
    if (f.priority.value !== t.priority) body.priority = f.priority.value;
    const labels = splitList(f.labels.value);
    if (labels.join(',') !== (t.labels || []).join(',')) body.labels = labels;
    const hours = f.estimated_hours.value.trim();
    if (hours !== '' && Number(hours) !== t.estimated_hours) body.estimated_hours = Number(hours);
    if (!Object.keys(body).length) { error.textContent = 'nothing changed'; return; }
    try {
      await api('PATCH', '/api/tasks/' + encodeURIComponent(t.id), body);
      error.textContent = '';
      state.dirty = false;
      changed();
    } catch (e) { error.textContent = e.message; }
  }
  async function addDependency(dependsOn, error) {
    if (!dependsOn) return;
    try {
      await api('POST', '/api/tasks/' + encodeURIComponent(state.detail.task.id) + '/dependencies', { depends_on: dependsOn });
      error.textContent = '';
      changed();
    } catch (e) { error.textContent = e.message; }
  }
  async function removeDependency(dependsOn, error) {
    try {
      await api('DELETE', '/api/tasks/' + encodeURIComponent(state.detail.task.id) + '/dependencies/' + encodeURIComponent(dependsOn));
      error.textContent = '';
      changed();
    } catch (e) { error.textContent = e.message; }
  }

  // ---- agents: pause / resume ---------------------------------------------------------------------------
  function agentsPanel() {
    let section = document.getElementById('agents-section');
    if (!section) {
      section = el('section', 'panel editor agents-panel');
      section.id = 'agents-section';
      section.appendChild(el('h2', null, 'Agents'));
      section.appendChild(el('p', 'meta', 'A paused agent keeps the task it holds but is given no new one until resumed.'));
      const ul = el('ul', 'agents'); ul.id = 'agents-list';
      const error = el('span', 'form-error'); error.id = 'agents-error';
      section.append(ul, error);
      const board = document.getElementById('board-section');
      (board || document.getElementById('main')).after(section);
    }
    return section;
  }
  function renderAgents() {
    const b = state.board;
    if (!b || !canEdit()) return;
    const section = agentsPanel();
    section.hidden = document.getElementById('board-section') ? document.getElementById('board-section').hidden : false;
    const ul = section.querySelector('#agents-list');
    ul.replaceChildren();
    if (!b.agents.length) ul.appendChild(el('li', 'meta', 'No agent has registered yet.'));
    const names = new Map(b.tasks.map(t => [t.id, t.name]));
    for (const a of b.agents) {
      const li = el('li', 'agent ' + a.status);
      li.dataset.agentId = a.agent_id;
      li.appendChild(el('span', 'agent-name', a.name + ' (' + a.agent_id + ')'));
      li.appendChild(el('span', 'agent-status', a.paused ? 'paused' + (a.current_task_id ? ', finishing its task' : '') : a.status));
      if (a.current_task_id) li.appendChild(el('span', 'meta', names.get(a.current_task_id) || a.current_task_id));
      const btn = el('button', 'small', a.paused ? 'Resume' : 'Pause'); btn.type = 'button';
      btn.addEventListener('click', () => setPaused(a.agent_id, !a.paused, btn));
      li.appendChild(btn);
      ul.appendChild(li);
    }
  }
  async function setPaused(agentId, pause, btn) {
    const error = document.getElementById('agents-error');
    btn.disabled = true;
    try {
      await api('POST', '/api/agents/' + encodeURIComponent(agentId) + (pause ? '/pause' : '/resume'));
      error.textContent = '';
      changed();
    } catch (e) { error.textContent = e.message; btn.disabled = false; }
  }

  // ---- wiring -------------------------------------------------------------------------------------------
  document.addEventListener('marcus:board', (e) => { state.board = e.detail; renderAgents(); });
  document.addEventListener('marcus:detail', (e) => { state.detail = e.detail; renderEditor(); });
  api('GET', '/api/session').then(s => {
    state.role = s.role;
    renderAgents();
    renderEditor();
  }).catch(() => { state.role = null; });
})();
