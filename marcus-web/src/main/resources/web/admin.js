// Admin page: API tokens (developers and admins), users and the audit trail (admins). All text is inserted with
// textContent, so stored values stay inert.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { auditBefore: 0, projectNames: {} };

  async function api(method, path, body) {
    const opts = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(path, opts);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || ('HTTP ' + res.status));
    return json;
  }
  function cell(tr, text, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text === null || text === undefined ? '—' : String(text);
    tr.appendChild(td);
    return td;
  }
  function button(label, cls, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (cls) b.className = cls;
    b.addEventListener('click', onClick);
    return b;
  }
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : null);

  async function loadTokens() {
    const r = await api('GET', '/api/tokens');
    const rows = $('token-rows');
    rows.replaceChildren();
    for (const t of r.tokens) {
      const tr = document.createElement('tr');
      cell(tr, t.name); cell(tr, state.projectNames[t.project_id] || t.project_id); cell(tr, t.role); cell(tr, t.hint, 'opt');
      cell(tr, when(t.last_used_at), 'opt'); cell(tr, t.revoked_at ? 'revoked' : 'active');
      const td = cell(tr, '');
      td.textContent = '';
      if (!t.revoked_at) {
        td.appendChild(button('Revoke', 'danger', async () => {
          if (!confirm('Revoke token "' + t.name + '"? Agents using it stop at once.')) return;
          await api('DELETE', '/api/tokens/' + encodeURIComponent(t.id));
          loadTokens();
        }));
      }
      rows.appendChild(tr);
    }
  }

  async function loadProjects() {
    const r = await api('GET', '/api/projects');
    const sel = $('token-project');
    sel.replaceChildren();
    for (const p of r.projects) {
      state.projectNames[p.id] = p.name;
      const o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.name;
      sel.appendChild(o);
    }
  }

  async function loadUsers() {
    const r = await api('GET', '/api/users');
    const rows = $('user-rows');
    rows.replaceChildren();
    for (const u of r.users) {
      const tr = document.createElement('tr');
      cell(tr, u.email);
      const roleTd = cell(tr, '');
      roleTd.textContent = '';
      const sel = document.createElement('select');
      for (const role of ['viewer', 'developer', 'admin']) {
        const o = document.createElement('option');
        o.textContent = role;
        o.selected = role === u.role;
        sel.appendChild(o);
      }
      sel.addEventListener('change', async () => {
        try { await api('PATCH', '/api/users/' + encodeURIComponent(u.id), { role: sel.value }); }
        catch (err) { alert(err.message); }
        loadUsers(); loadAudit(true);
      });
      roleTd.appendChild(sel);
      cell(tr, when(u.last_login_at) || 'never', 'opt');
      const td = cell(tr, '');
      td.textContent = '';
      td.appendChild(button('Remove', 'danger', async () => {
        if (!confirm('Remove ' + u.email + '? Their sessions end and their tokens are revoked.')) return;
        try { await api('DELETE', '/api/users/' + encodeURIComponent(u.id)); } catch (err) { alert(err.message); }
        loadUsers(); loadAudit(true);
      }));
      rows.appendChild(tr);
    }
  }

  async function loadAudit(fresh) {
    if (fresh) { state.auditBefore = 0; $('audit-rows').replaceChildren(); }
    const r = await api('GET', '/api/audit?limit=50' + (state.auditBefore ? '&before=' + state.auditBefore : ''));
    for (const e of r.entries) {
      const tr = document.createElement('tr');
      cell(tr, when(e.at)); cell(tr, e.actor); cell(tr, e.action); cell(tr, e.target, 'wrap');
      cell(tr, e.before, 'wrap opt'); cell(tr, e.after, 'wrap opt');
      $('audit-rows').appendChild(tr);
    }
    state.auditBefore = r.next_before || 0;
    $('audit-more').hidden = !r.next_before;
  }

  $('token-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('token-error').textContent = '';
    try {
      const r = await api('POST', '/api/tokens', { project_id: $('token-project').value, name: $('token-name').value,
        role: $('token-role').value });
      $('token-secret-value').textContent = r.secret;
      $('token-secret').hidden = false;
      $('token-name').value = '';
      loadTokens();
    } catch (err) { $('token-error').textContent = err.message; }
  });
  $('user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('user-error').textContent = '';
    try {
      await api('POST', '/api/users', { email: $('user-email').value, password: $('user-password').value,
        role: $('user-role').value });
      $('user-email').value = ''; $('user-password').value = '';
      loadUsers(); loadAudit(true);
    } catch (err) { $('user-error').textContent = err.message; }
  });
  $('audit-more').addEventListener('click', () => loadAudit(false));

  // ---- background jobs (admins): the recurring jobs, then the failed and dead ones, each with a Retry button
  async function loadJobs() {
    let r;
    try { r = await api('GET', '/api/jobs?limit=200'); } catch (err) {
      $('jobs-note').textContent = err.message;
      return;
    }
    const rows = $('job-rows');
    rows.replaceChildren();
    const shown = r.jobs.filter((j) => j.recurring || j.status === 'failed' || j.status === 'dead' || j.status === 'retrying');
    $('jobs-note').textContent = shown.length ? '' : 'No jobs yet: `marcus serve` registers them when background jobs are on.';
    for (const j of shown) {
      const tr = document.createElement('tr');
      tr.dataset.job = j.id;
      cell(tr, j.id + (j.recurring ? ' (every ' + j.interval_seconds + ' s)' : ''), 'wrap');
      cell(tr, j.status, 'status-' + j.status);
      cell(tr, when(j.last_finished_at), 'opt');
      cell(tr, j.status === 'running' ? 'running now' : when(j.next_run_at));
      cell(tr, j.runs, 'opt');
      cell(tr, j.failures);
      cell(tr, j.last_error, 'wrap');
      const td = document.createElement('td');
      const retry = button('Retry', null, async () => {
        retry.disabled = true;
        try { await api('POST', '/api/jobs/' + encodeURIComponent(j.id) + '/retry'); $('jobs-error').textContent = ''; }
        catch (err) { $('jobs-error').textContent = err.message; }
        setTimeout(loadJobs, 1500);
      });
      retry.disabled = j.status === 'running';
      td.appendChild(retry);
      tr.appendChild(td);
      rows.appendChild(tr);
    }
  }

  window.marcusSession.then((s) => {
    if (!s.accounts || s.role === 'admin') {
      $('jobs').hidden = false;
      loadJobs();
    }
    if (!s.accounts) {
      $('tokens').replaceChildren(Object.assign(document.createElement('p'), {
        textContent: 'Accounts are off on this server (solo on 127.0.0.1): agents need no token.' }));
      return;
    }
    if (!s.authenticated) return;
    loadProjects().then(loadTokens).catch((err) => { $('token-error').textContent = err.message; });
    if (s.role === 'admin') {
      $('users').hidden = false;
      $('audit').hidden = false;
      loadUsers();
      loadAudit(true);
    }
  });
})();
