// Marcus dashboard: who is signed in. Loaded before the page's own script. When accounts are on it sends the
// session's CSRF token with every change, returns to the sign-in page when the session ends, and shows who is signed
// in with links to the Admin page and to sign out. When accounts are off it does nothing visible.
(() => {
  'use strict';
  const state = { csrf: null, session: null };
  const plainFetch = window.fetch.bind(window);
  const onLoginPage = location.pathname === '/login.html';

  window.fetch = (input, init) => {
    const opts = Object.assign({}, init || {});
    const method = (opts.method || 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input.url;
    // '//host/…' is another site: never send it the CSRF token
    const sameOrigin = (url.startsWith('/') && !url.startsWith('//')) || url.startsWith(location.origin + '/');
    const change = sameOrigin && !['GET', 'HEAD', 'OPTIONS'].includes(method) && !/\/api\/(login|logout)$/.test(url);
    opts.credentials = opts.credentials || 'same-origin';
    // a change waits for the session's CSRF token (sent too early it would be refused)
    const ready = change ? window.marcusSession : Promise.resolve();
    return ready.then(() => {
      if (change && state.csrf) {
        const headers = new Headers(opts.headers || {});
        headers.set('X-CSRF-Token', state.csrf);
        opts.headers = headers;
      }
      return plainFetch(input, opts);
    }).then((res) => {
      if (res.status === 401 && sameOrigin && !onLoginPage && !/\/api\/(login|session)$/.test(url)) {
        toLogin();
      }
      return res;
    });
  };

  function toLogin() {
    location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
  }

  function userMenu(s) {
    const header = document.querySelector('header.top');
    if (!header || document.getElementById('user-menu')) return;
    const menu = document.createElement('span');
    menu.id = 'user-menu';
    menu.className = 'user-menu';
    const who = document.createElement('span');
    who.textContent = s.user.replace(/^user:/, '') + ' · ' + s.role;
    menu.appendChild(who);
    if (location.pathname !== '/admin.html') {
      const admin = document.createElement('a');
      admin.href = '/admin.html';
      admin.textContent = s.role === 'admin' ? 'Admin' : 'API tokens';
      if (s.role !== 'viewer') menu.appendChild(admin);
    } else {
      const board = document.createElement('a');
      board.href = '/';
      board.textContent = 'Dashboard';
      menu.appendChild(board);
    }
    const out = document.createElement('button');
    out.type = 'button';
    out.id = 'sign-out';
    out.textContent = 'Sign out';
    out.addEventListener('click', () => {
      window.fetch('/api/logout', { method: 'POST' }).finally(() => location.assign('/login.html'));
    });
    menu.appendChild(out);
    header.appendChild(menu);
  }

  window.marcusSession = plainFetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => r.json())
    .then((s) => {
      state.session = s;
      state.csrf = s.csrf_token || null;
      if (s.accounts && !s.authenticated && !onLoginPage) {
        toLogin();
      } else if (s.accounts && s.authenticated) {
        if (document.readyState === 'loading') {
          document.addEventListener('DOMContentLoaded', () => userMenu(s));
        } else {
          userMenu(s);
        }
      }
      return s;
    })
    .catch(() => ({ accounts: false }));
})();
