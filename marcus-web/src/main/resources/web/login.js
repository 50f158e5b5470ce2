// Sign-in page: posts the form to /api/login, then goes back where the person came from (same site only).
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  function next() {
    const n = new URLSearchParams(location.search).get('next') || '/';
    return n.startsWith('/') && !n.startsWith('//') ? n : '/';
  }
  window.marcusSession.then((s) => {
    if (!s.accounts || s.authenticated) location.replace(next());
    if (s.setup) { $('login-setup').textContent = s.setup; $('login-setup').hidden = false; }
  });
  // the button stays disabled until this handler is in place: a native submit would post the form to the page
  $('login-submit').disabled = false;
  $('login').dataset.ready = '1';
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    $('login-submit').disabled = true;
    try {
      const res = await fetch('/api/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: $('email').value, password: $('password').value }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
      location.assign(next());
    } catch (err) {
      $('login-error').textContent = err.message;
      $('password').value = '';
    } finally {
      $('login-submit').disabled = false;
    }
  });
})();
