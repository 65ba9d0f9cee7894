/*
 * The tecko web UI: one page, hash routes, plain DOM, no build step and no external resources.
 * It talks only to the REST API of docs/api.md (same origin), with the bearer token kept in sessionStorage.
 *
 * Routes: #/login, #/jobs, #/jobs/<id>, #/new, #/secrets, #/system.
 * Stable hooks for the browser test are data-testid attributes (see WebUiIT).
 */
'use strict';

(() => {
  // ---------------------------------------------------------------------------------------------------------------
  // constants

  const TOKEN_KEY = 'tecko.token';
  const JOB_STATUSES = ['active', 'paused', 'triggering', 'completed', 'completed_with_failures', 'failed',
    'trigger_failed', 'cancelled'];
  const SECRET_TYPES = ['openai', 'keboola', 'webhook'];
  const JOBS_PAGE = 50;
  const JOBS_REFRESH_MS = 2000;
  const JOB_REFRESH_MS = 2000;
  const SYSTEM_REFRESH_MS = 5000;

  // tagged jobs: the create form's tag fields, the search on the job page, the Seal action (batch-search.js)
  const tagSearch = window.TeckoBatchSearch({ h, badge, timeBoth, plural, field });

  /**
   * Which statuses allow which action (mirrors the processor's state machine); delete is always allowed. An action
   * with applies(job) is shown only for such jobs, one with ready(job) is enabled only then.
   */
  const ACTIONS = [
    {
      name: 'pause', label: 'Pause', allowed: ['active'],
      title: 'Pause this job?',
      message: (job) => `Job “${job.name}” stops being polled until it is resumed. Finished batches wait for the resume.`,
    },
    {
      name: 'resume', label: 'Resume', allowed: ['paused'],
      title: 'Resume this job?',
      message: (job) => `Job “${job.name}” is polled again; if all its batches are already finished, its target is triggered.`,
    },
    {
      name: 'cancel', label: 'Cancel job', allowed: ['active', 'paused', 'failed', 'trigger_failed'], danger: true,
      title: 'Cancel this job?',
      message: (job) => `Job “${job.name}” is cancelled and nothing will be triggered. This cannot be undone.`,
    },
    {
      name: 'retrigger', label: 'Retrigger', allowed: ['completed', 'completed_with_failures', 'failed', 'trigger_failed'],
      title: 'Trigger the target again?',
      message: (job) => `Job “${job.name}” opens generation ${(job.generation || 0) + 1} and sends its target `
        + `(${targetLabel(job.target)}) a new request with the current batch outcome.`,
    },
    tagSearch.sealAction,
    {
      name: 'delete', label: 'Delete', allowed: null, danger: true,
      title: 'Delete this job?',
      message: (job) => `Job “${job.name}” (${job.jobId}) is removed. Its events stay on the job-events topic.`,
    },
  ];

  // ---------------------------------------------------------------------------------------------------------------
  // small DOM helpers

  /**
   * Creates an element. attrs: plain attributes, plus `class`, `text`, `dataset`, `on<Event>` handlers and boolean
   * properties (hidden, disabled, checked, selected, required). Children may be nodes, strings, arrays, null.
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
      else if (['hidden', 'disabled', 'checked', 'selected', 'required', 'multiple'].includes(key)) el[key] = Boolean(value);
      else if (key === 'value') el.value = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function $(selector, root = document) {
    return root.querySelector(selector);
  }

  function testid(id) {
    return `[data-testid="${CSS.escape(id)}"]`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // formatting

  function relativeTime(iso, now = Date.now()) {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return String(iso);
    const diff = Math.round((t - now) / 1000);
    const abs = Math.abs(diff);
    let text;
    if (abs < 5) return diff <= 0 ? 'just now' : 'in a moment';
    if (abs < 60) text = `${abs} s`;
    else if (abs < 3600) text = `${Math.floor(abs / 60)} min`;
    else if (abs < 86400) text = `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`;
    else if (abs < 86400 * 30) text = `${Math.floor(abs / 86400)} d`;
    else return new Date(t).toISOString().slice(0, 10);
    return diff < 0 ? `${text} ago` : `in ${text}`;
  }

  /** A <time> whose text is relative ("12 s ago") and whose title is the ISO instant; kept fresh by the ticker. */
  function timeEl(iso, attrs = {}) {
    if (!iso) return h('span', { class: 'muted', ...attrs }, '—');
    return h('time', { class: 'rel', datetime: iso, title: iso, ...attrs }, relativeTime(iso));
  }

  /** The relative time and, beside it, the absolute one in UTC ("12 s ago 2026-12-05 10:00:03 UTC"). */
  function timeBoth(iso) {
    if (!iso) return h('span', { class: 'muted' }, '—');
    const d = new Date(iso);
    const abs = Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    return h('span', {}, timeEl(iso), h('span', { class: 'abs-time' }, abs));
  }

  function refreshRelativeTimes() {
    const now = Date.now();
    for (const el of document.querySelectorAll('time.rel')) {
      const text = relativeTime(el.getAttribute('datetime'), now);
      if (el.textContent !== text) el.textContent = text;
    }
  }

  function badge(status, attrs = {}) {
    return h('span', { class: `badge status-${status || 'unknown'}`, dataset: { status: status || '' }, ...attrs },
      status || 'unknown');
  }

  function targetLabel(target) {
    if (!target) return 'no target';
    if (target.type === 'webhook') return `webhook ${target.url || ''}`.trim();
    return `Keboola ${target.componentId || ''} / ${target.configId || ''}`.trim();
  }

  function safeHref(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : (many || one + 's')}`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // API access

  let loginMessage = null;
  let flash = null; // {text, kind} shown once by the next view

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  class Unauthorized extends Error {}

  /**
   * Calls the API. Resolves with {status, ok, body, headers} for every HTTP answer except 401, which logs out and
   * goes to the login view (unless opts.login). Rejects on network errors.
   */
  async function api(method, path, body, opts = {}) {
    const headers = { Accept: 'application/json' };
    const tok = opts.token !== undefined ? opts.token : token();
    if (tok) headers.Authorization = `Bearer ${tok}`;
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path.replace(/^\//, ''), init);
    let parsed = null;
    const text = await response.text();
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        parsed = { detail: text.slice(0, 500) };
      }
    }
    if (response.status === 401 && !opts.login) {
      sessionStorage.removeItem(TOKEN_KEY);
      loginMessage = 'Your token was not accepted (401). Log in again.';
      if (currentRoute().name !== 'login') {
        returnTo = location.hash && !location.hash.startsWith('#/login') ? location.hash : null;
        location.hash = '#/login';
      }
      throw new Unauthorized('401');
    }
    return { status: response.status, ok: response.ok, body: parsed, headers: response.headers };
  }

  function problemText(result) {
    const b = result.body || {};
    const parts = [b.title, b.detail].filter(Boolean);
    if (!parts.length) parts.push(`The server answered ${result.status}.`);
    return `${parts.join(': ')}`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // routing and view lifecycle

  let returnTo = null;
  let viewGeneration = 0;

  function currentRoute() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [path] = hash.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'jobs' && parts.length > 1) return { name: 'job', id: parts.slice(1).join('/') };
    return { name: parts[0] || 'jobs' };
  }

  /** A view's context: knows whether the view is still the shown one, and runs its refresh loop while it is. */
  function viewContext() {
    const generation = ++viewGeneration;
    const ctx = {
      alive: () => generation === viewGeneration,
      /** Runs fn now and then every ms while this view is shown and the page is visible; no overlapping runs. */
      every(ms, fn) {
        let timer = null;
        let running = false;
        let again = false;
        const run = async () => {
          if (!ctx.alive()) return;
          if (running) {
            again = true; // asked while a run is under way: run once more right after it
            return;
          }
          clearTimeout(timer);
          if (!document.hidden) {
            running = true;
            try {
              await fn();
              connectionLost(false);
            } catch (e) {
              if (!(e instanceof Unauthorized)) {
                console.warn('refresh failed', e);
                connectionLost(true, e);
              }
            } finally {
              running = false;
            }
          }
          if (!ctx.alive()) return;
          if (again) {
            again = false;
            timer = setTimeout(run, 0);
          } else {
            timer = setTimeout(run, ms);
          }
        };
        ctx.refreshNow = run;
        run();
      },
      refreshNow: () => {},
    };
    return ctx;
  }

  function connectionLost(lost, error) {
    const banner = $('#connection');
    if (!banner) return;
    banner.hidden = !lost;
    if (lost) banner.textContent = `Cannot reach the API (${error && error.message ? error.message : 'network error'}); retrying…`;
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && activeContext) activeContext.refreshNow();
  });

  let activeContext = null;

  function render() {
    const route = currentRoute();
    if (route.name !== 'login' && !token()) {
      returnTo = location.hash || null;
      location.hash = '#/login';
      return;
    }
    const nav = $('#nav');
    nav.hidden = route.name === 'login';
    for (const link of nav.querySelectorAll('a[data-route]')) {
      const current = link.dataset.route === route.name || (route.name === 'job' && link.dataset.route === 'jobs');
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const main = $('#view');
    const ctx = viewContext();
    activeContext = ctx;
    main.replaceChildren();
    const views = { login: loginView, jobs: jobsView, job: jobView, new: newJobView, secrets: secretsView, system: systemView };
    const view = views[route.name] || notFoundView;
    view(main, ctx, route);
    const heading = $('h1', main);
    document.title = heading ? `${heading.textContent} · tecko` : 'tecko';
    const autofocus = $('[autofocus]', main);
    (autofocus || main).focus({ preventScroll: true });
  }

  function flashArea() {
    const area = h('div', { class: 'flash-area', role: 'status', 'data-testid': 'flash' });
    if (flash) {
      area.append(h('p', { class: `notice ${flash.kind || ''}` }, flash.text));
      flash = null;
    }
    return area;
  }

  function notFoundView(main) {
    append(main, [h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/jobs' }, 'Go to the jobs'))]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // confirmation dialog (a real <dialog>, so a browser test can click it)

  function confirmDialog({ title, message, ok = 'OK', danger = false }) {
    const dialog = $('#confirm-dialog');
    $('#confirm-title').textContent = title;
    $('#confirm-message').textContent = message;
    const okButton = $('#confirm-ok');
    okButton.textContent = ok;
    okButton.classList.toggle('danger', danger);
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
      (danger ? $('#confirm-cancel') : okButton).focus();
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // login

  function loginView(main) {
    const message = loginMessage;
    loginMessage = null;
    const input = h('input', {
      id: 'login-token', name: 'token', type: 'password', autocomplete: 'current-password', required: true,
      'data-testid': 'login-token', 'aria-describedby': 'login-hint', autofocus: true,
    });
    const error = h('p', { class: 'alert', id: 'login-error', role: 'alert', 'data-testid': 'login-error', hidden: !message },
      message || '');
    const submit = h('button', { type: 'submit', id: 'login-submit', 'data-testid': 'login-submit' }, 'Log in');
    const form = h('form', { class: 'card login-card', novalidate: true },
      h('h1', {}, 'Log in'),
      error,
      h('div', { class: 'field' },
        h('label', { for: 'login-token' }, 'API token'),
        input,
        h('p', { class: 'hint', id: 'login-hint' },
          'The value of TECKO_API_TOKEN (tecko up prints where it keeps it). It stays in this browser tab only.')),
      h('div', { class: 'buttons' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        error.textContent = 'Enter the API token.';
        error.hidden = false;
        input.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Checking…';
      try {
        const result = await api('GET', '/api/stats', undefined, { token: value, login: true });
        if (result.status === 401) {
          error.textContent = 'That token was not accepted.';
          error.hidden = false;
          input.select();
          input.focus();
          return;
        }
        sessionStorage.setItem(TOKEN_KEY, value);
        const target = returnTo && returnTo !== '#/login' ? returnTo : '#/jobs';
        returnTo = null;
        location.hash = target;
      } catch (e) {
        error.textContent = `Cannot reach the API: ${e.message}`;
        error.hidden = false;
      } finally {
        submit.disabled = false;
        submit.textContent = 'Log in';
      }
    });
    main.append(h('div', { class: 'login-wrap' }, form));
  }

  $('#logout').addEventListener('click', (event) => {
    event.preventDefault();
    sessionStorage.removeItem(TOKEN_KEY);
    loginMessage = 'You are logged out.';
    returnTo = null;
    if (location.hash === '#/login') render();
    else location.hash = '#/login';
  });

  // ---------------------------------------------------------------------------------------------------------------
  // jobs list

  const jobsState = { status: '', q: '', loaded: 0 };

  function jobsView(main, ctx) {
    const statusSelect = h('select', { id: 'jobs-filter-status', 'data-testid': 'jobs-filter-status' },
      h('option', { value: '' }, 'All statuses'),
      h('option', { value: 'active,paused,triggering' }, 'Open (active, paused, triggering)'),
      JOB_STATUSES.map((s) => h('option', { value: s }, s)));
    statusSelect.value = jobsState.status;
    const search = h('input', {
      id: 'jobs-search', type: 'search', 'data-testid': 'jobs-search', value: jobsState.q,
      placeholder: 'job id, name or batch id', autocomplete: 'off',
    });
    const total = h('span', { class: 'total', id: 'jobs-total', 'data-testid': 'jobs-total', 'aria-live': 'polite' }, '');
    const tbody = h('tbody', { id: 'jobs-tbody' });
    const table = h('table', { class: 'data jobs', id: 'jobs-table', 'data-testid': 'jobs-table' },
      h('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Job id'),
        h('th', { scope: 'col' }, 'Batches'), h('th', { scope: 'col' }, 'Target'),
        h('th', { scope: 'col' }, 'Keboola job'), h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Updated'))),
      tbody);
    const more = h('button', { type: 'button', class: 'secondary', id: 'jobs-more', 'data-testid': 'jobs-more', hidden: true },
      'More');
    const problem = h('p', { class: 'alert', role: 'alert', 'data-testid': 'jobs-error', hidden: true });

    append(main, [
      h('div', { class: 'page-head' },
        h('h1', {}, 'Jobs'),
        h('a', { class: 'button', href: '#/new', 'data-testid': 'jobs-new' }, 'New job')),
      flashArea(),
      h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
        h('div', { class: 'field inline' }, h('label', { for: 'jobs-filter-status' }, 'Status'), statusSelect),
        h('div', { class: 'field inline grow' }, h('label', { for: 'jobs-search' }, 'Search'), search),
        total),
      problem,
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'buttons center' }, more),
    ]);

    let rows = [];
    let nextCursor = null;
    const rowCache = new Map(); // jobId -> {sig, tr}

    function query(extra) {
      const params = new URLSearchParams();
      if (jobsState.status) params.set('status', jobsState.status);
      if (jobsState.q) params.set('q', jobsState.q);
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      return `/api/jobs?${params}`;
    }

    async function load(reset) {
      const limit = reset ? JOBS_PAGE : Math.min(500, Math.max(JOBS_PAGE, Math.ceil(rows.length / JOBS_PAGE) * JOBS_PAGE));
      const filterAtStart = `${jobsState.status}|${jobsState.q}`;
      const answer = await api('GET', query({ limit }));
      if (!ctx.alive() || filterAtStart !== `${jobsState.status}|${jobsState.q}`) return;
      if (!answer.ok) {
        problem.textContent = problemText(answer);
        problem.hidden = false;
        return;
      }
      problem.hidden = true;
      rows = answer.body.jobs || [];
      nextCursor = answer.body.nextCursor || null;
      show(answer.body.total);
    }

    async function loadMore() {
      if (!nextCursor) return;
      more.disabled = true;
      try {
        const answer = await api('GET', query({ limit: JOBS_PAGE, cursor: nextCursor }));
        if (!ctx.alive()) return;
        if (!answer.ok) {
          problem.textContent = problemText(answer);
          problem.hidden = false;
          return;
        }
        const seen = new Set(rows.map((j) => j.jobId));
        rows = rows.concat((answer.body.jobs || []).filter((j) => !seen.has(j.jobId)));
        nextCursor = answer.body.nextCursor || null;
        show(answer.body.total);
      } finally {
        more.disabled = false;
      }
    }

    function show(totalCount) {
      jobsState.loaded = rows.length;
      total.textContent = totalCount === undefined ? '' : `${rows.length} of ${plural(totalCount, 'job')}`;
      more.hidden = !nextCursor;
      if (!rows.length) {
        rowCache.clear();
        const filtered = jobsState.status || jobsState.q;
        tbody.replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: 7 },
          filtered ? 'No jobs match the filter.' : 'No jobs yet. ',
          filtered ? null : h('a', { href: '#/new' }, 'Create one.'))));
        return;
      }
      const wanted = new Set();
      rows.forEach((job, index) => {
        wanted.add(job.jobId);
        const sig = JSON.stringify(job);
        let cached = rowCache.get(job.jobId);
        if (!cached || cached.sig !== sig) {
          const tr = jobRow(job);
          if (cached) cached.tr.replaceWith(tr);
          cached = { sig, tr };
          rowCache.set(job.jobId, cached);
        }
        const at = tbody.children[index];
        if (at !== cached.tr) tbody.insertBefore(cached.tr, at || null);
      });
      for (const [id, cached] of rowCache) {
        if (!wanted.has(id)) {
          cached.tr.remove();
          rowCache.delete(id);
        }
      }
      for (const tr of [...tbody.children]) {
        if (!tr.dataset.jobId) tr.remove();
      }
    }

    let debounce = null;
    function filterChanged() {
      jobsState.status = statusSelect.value;
      jobsState.q = search.value.trim();
      rows = [];
      ctx.refreshNow();
    }
    statusSelect.addEventListener('change', filterChanged);
    search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(filterChanged, 300);
    });
    more.addEventListener('click', loadMore);

    ctx.every(JOBS_REFRESH_MS, () => load(rows.length === 0));
  }

  function jobRow(job) {
    const counts = job.counts || { total: 0, completed: 0, failed: 0, open: 0 };
    const href = `#/jobs/${encodeURIComponent(job.jobId)}`;
    return h('tr', { 'data-testid': `job-row-${job.jobId}`, dataset: { jobId: job.jobId, status: job.status } },
      h('td', {}, badge(job.status, { 'data-testid': `job-row-status-${job.jobId}` })),
      h('td', {}, h('a', { href, 'data-testid': `job-link-${job.jobId}` }, job.name || job.jobId)),
      h('td', {}, h('code', {}, job.jobId)),
      h('td', {}, progress(counts), tagSearch.listMark(job)),
      h('td', {}, job.targetType || ''),
      h('td', {}, job.downstreamStatus ? badge(job.downstreamStatus, { 'data-testid': `job-row-downstream-${job.jobId}` })
        : h('span', { class: 'muted' }, '—')),
      h('td', {}, timeEl(job.createdAt)),
      h('td', {}, timeEl(job.updatedAt)));
  }

  /** "2 ✓ 1 ✗ of 3" with a bar; counts = {total, completed, failed, open}. */
  function progress(counts) {
    const total = counts.total || 0;
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' },
      h('span', { class: 'bar-ok' }), h('span', { class: 'bar-failed' }));
    if (total > 0) {
      bar.children[0].style.width = `${(100 * (counts.completed || 0)) / total}%`;
      bar.children[1].style.width = `${(100 * (counts.failed || 0)) / total}%`;
    }
    return h('span', { class: 'progress' }, bar,
      h('span', { class: 'progress-text' },
        `${counts.completed || 0} completed, ${counts.failed || 0} failed, ${counts.open || 0} open of ${total}`));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // job detail

  function jobView(main, ctx, route) {
    const jobId = route.id;
    const actionError = h('div', { class: 'alert', role: 'alert', id: 'action-error', 'data-testid': 'action-error', hidden: true });
    const actionNotice = h('p', { class: 'notice', role: 'status', 'data-testid': 'action-notice', hidden: true });
    const loadProblem = h('p', { class: 'alert', role: 'alert', 'data-testid': 'job-error', hidden: true });
    const title = h('h1', { id: 'job-name', 'data-testid': 'job-name' }, jobId);
    const statusSlot = h('span', { class: 'status-slot', 'aria-live': 'polite' });
    const buttons = {};
    const actionBar = h('div', { class: 'actions', role: 'group', 'aria-label': 'Job actions' },
      ACTIONS.map((action) => {
        const button = h('button', {
          type: 'button', id: `action-${action.name}`, 'data-testid': `action-${action.name}`,
          class: action.danger ? 'danger-outline' : 'secondary', disabled: true, hidden: Boolean(action.applies),
        }, action.label);
        button.addEventListener('click', () => runAction(action));
        buttons[action.name] = button;
        return button;
      }));
    const summary = h('div', { class: 'card summary' });
    const batchesCaption = h('h2', { id: 'batches-heading' }, 'Batches');
    const batchesBody = h('tbody', {});
    const batchesTable = h('table', { class: 'data batches', id: 'batches-table', 'data-testid': 'batches-table', 'aria-labelledby': 'batches-heading' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Batch id'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Completed'), h('th', { scope: 'col', class: 'num' }, 'Failed'),
        h('th', { scope: 'col', class: 'num' }, 'Total'), h('th', { scope: 'col', class: 'num' }, 'Tokens'),
        h('th', { scope: 'col' }, 'Observed'),
        h('th', { scope: 'col' }, 'Poll error / batch errors'))),
      batchesBody);
    const variablesBody = h('tbody', {});
    const variablesSection = h('section', { 'aria-labelledby': 'variables-heading', 'data-testid': 'variables', hidden: true },
      h('h2', { id: 'variables-heading' }, 'Variables sent ', h('span', { class: 'muted small' }, '(the latest trigger)')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data variables' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Value'))), variablesBody)));
    const eventsBody = h('tbody', {});
    // shows only events of one type; the types offered are those the job has
    const eventFilter = h('select', { id: 'event-filter', 'data-testid': 'event-filter' }, h('option', { value: '' }, 'All events'));
    let lastEvents = [];
    eventFilter.addEventListener('change', () => {
      eventsSig = null;
      showEvents(lastEvents);
    });
    const eventsTable = h('table', { class: 'data events', id: 'events-table', 'data-testid': 'events-table', 'aria-labelledby': 'events-heading' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col' }, 'Event'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Message'))),
      eventsBody);

    append(main, [
      h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, '← All jobs')),
      h('div', { class: 'page-head' }, h('div', { class: 'title-line' }, title, statusSlot), actionBar),
      flashArea(),
      actionNotice,
      actionError,
      loadProblem,
      summary,
      h('section', { 'aria-labelledby': 'batches-heading' }, batchesCaption, h('div', { class: 'table-wrap' }, batchesTable)),
      variablesSection,
      h('section', { 'aria-labelledby': 'events-heading' },
        h('h2', { id: 'events-heading' }, 'Event history ', h('span', { class: 'muted small' }, '(newest first)')),
        h('div', { class: 'event-filter' }, h('label', { for: 'event-filter' }, 'Show'), eventFilter),
        h('div', { class: 'table-wrap' }, eventsTable)),
    ]);

    let job = null;
    let busy = false;
    let leaving = false;
    let jobSig = null;
    let eventsSig = null;

    function showJob(next) {
      job = next;
      const sig = JSON.stringify(next);
      updateButtons();
      if (sig === jobSig) return;
      jobSig = sig;
      title.textContent = next.name || next.jobId;
      document.title = `${next.name || next.jobId} · tecko`;
      statusSlot.replaceChildren(badge(next.status, { id: 'job-status', 'data-testid': 'job-status' }));
      summary.replaceChildren(jobSummary(next));
      batchesBody.replaceChildren(...(next.batches || []).map(batchRow));
      if (!(next.batches || []).length) {
        batchesBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 7 }, 'No batches.')));
      }
      const c = next.counts;
      batchesCaption.textContent = c ? `Batches (${c.completed} completed, ${c.failed} failed, ${c.open} open of ${c.total})` : 'Batches';
    }

    function showEvents(events) {
      const sig = JSON.stringify(events);
      if (sig === eventsSig) return;
      eventsSig = sig;
      lastEvents = events;
      const types = [...new Set(events.map((e) => e.type))].sort();
      const chosen = eventFilter.value;
      eventFilter.replaceChildren(h('option', { value: '' }, 'All events'),
        ...types.map((t) => h('option', { value: t, selected: t === chosen }, t)));
      const active = eventFilter.value;
      const shown = active ? events.filter((e) => e.type === active) : events;
      const newestFirst = [...shown].sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0));
      eventsBody.replaceChildren(...newestFirst.map(eventRow));
      if (!newestFirst.length) eventsBody.append(h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'No events yet.')));
    }

    function updateButtons() {
      for (const action of ACTIONS) {
        const applies = Boolean(job) && (!action.applies || action.applies(job));
        const allowed = applies && (action.allowed === null || action.allowed.includes(job.status))
          && (!action.ready || action.ready(job));
        if (action.applies) buttons[action.name].hidden = !applies;
        buttons[action.name].disabled = busy || !allowed;
      }
    }

    async function refresh() {
      const [jobAnswer, eventsAnswer] = await Promise.all([
        api('GET', `/api/jobs/${encodeURIComponent(jobId)}`),
        api('GET', `/api/jobs/${encodeURIComponent(jobId)}/events?limit=100`),
      ]);
      if (!ctx.alive()) return;
      if (jobAnswer.ok) {
        loadProblem.hidden = true;
        showJob(jobAnswer.body);
      } else if (jobAnswer.status === 404) {
        loadProblem.textContent = job
          ? `Job ${jobId} no longer exists.`
          : `Job ${jobId} is not known (yet). This page keeps looking.`;
        loadProblem.hidden = false;
        job = null;
        updateButtons();
      } else {
        loadProblem.textContent = problemText(jobAnswer);
        loadProblem.hidden = false;
      }
      if (eventsAnswer.ok) showEvents(eventsAnswer.body.events || []);
      await showVariables(jobAnswer.ok ? jobAnswer.body : null);
    }

    // what the latest trigger sent, read once per trigger (it does not change)
    let variablesOf = null;
    async function showVariables(current) {
      const triggerId = current && current.lastTrigger ? current.lastTrigger.triggerId : null;
      if (triggerId === variablesOf) return;
      variablesOf = triggerId;
      if (!triggerId) {
        variablesSection.hidden = true;
        return;
      }
      const answer = await api('GET', `/api/jobs/${encodeURIComponent(jobId)}/variables`);
      if (!ctx.alive() || !answer.ok) return;
      variablesBody.replaceChildren(...Object.entries(answer.body.variables || {}).map(([name, value]) =>
        h('tr', { 'data-testid': `variable-${name}` }, h('td', {}, h('code', {}, name)), h('td', {}, h('code', {}, value)))));
      variablesSection.hidden = false;
    }

    async function runAction(action) {
      if (!job || busy) return;
      actionError.hidden = true;
      actionNotice.hidden = true;
      const ok = await confirmDialog({
        title: action.title, message: action.message(job), ok: action.label, danger: Boolean(action.danger),
      });
      if (!ok || !ctx.alive()) return;
      busy = true;
      updateButtons();
      try {
        const path = `/api/jobs/${encodeURIComponent(jobId)}`;
        const answer = action.name === 'delete' ? await api('DELETE', path) : await api('POST', `${path}/${action.name}`);
        if (!ctx.alive()) return;
        if (action.name === 'delete' && (answer.status === 204 || answer.ok)) {
          flash = { text: `Job ${jobId} was deleted.` };
          leaving = true;
          location.hash = '#/jobs';
          return;
        }
        if (answer.status === 202) {
          actionNotice.textContent = `${action.label}: accepted; the processor has not confirmed it yet.`;
          actionNotice.hidden = false;
        } else if (answer.ok) {
          showJob(answer.body);
          actionNotice.textContent = action.done ? action.done(answer.body) : `${action.label}: done.`;
          actionNotice.hidden = false;
        } else {
          actionError.replaceChildren(h('strong', {}, `${action.label} failed: `), problemText(answer));
          actionError.hidden = false;
        }
      } catch (e) {
        if (e instanceof Unauthorized) return;
        actionError.textContent = `${action.label} failed: ${e.message}`;
        actionError.hidden = false;
      } finally {
        busy = false;
        updateButtons();
        if (!leaving) ctx.refreshNow();
      }
    }

    ctx.every(JOB_REFRESH_MS, refresh);
  }

  function jobSummary(job) {
    const t = job.target || {};
    const policy = job.triggerPolicy || { type: 'always' };
    const rows = [
      ['Job id', h('code', { 'data-testid': 'job-id' }, job.jobId)],
      ['Status', h('span', { 'data-testid': 'job-status-text' }, job.status)],
      ['Generation', h('span', { 'data-testid': 'job-generation' }, String(job.generation ?? ''))],
      ['OpenAI secret', job.openaiSecret ? h('code', {}, job.openaiSecret) : h('span', { class: 'muted' }, '—')],
      ['Batches', job.counts ? progress(job.counts) : h('span', { class: 'muted' }, '—'), true],
      ['Trigger policy', (policy.type === 'min_completed_ratio'
        ? `min_completed_ratio ≥ ${policy.minCompletedRatio}` : policy.type)
        + (policy.maxFailedRequestRatio !== undefined ? `; fails above ${policy.maxFailedRequestRatio} of requests failed` : '')],
      ['Requests', job.requestCounts && job.requestCounts.total
        ? h('span', { 'data-testid': 'job-requests' },
          `${job.requestCounts.completed} ok, ${job.requestCounts.failed} failed of ${job.requestCounts.total}`)
        : h('span', { class: 'muted' }, '—')],
      // no usage reported: no numbers, not zeros
      ['Tokens', job.usage ? h('span', { 'data-testid': 'job-tokens', title: tokensTitle(job.usage) }, formatCount(job.usage.totalTokens))
        : h('span', { class: 'muted', 'data-testid': 'job-tokens' }, 'not reported')],
      ['Keboola variables', job.variables === 'extended' ? 'extended' : 'TeckoChecker\'s five'],
      ['Poll interval', pollText(job)],
      ['Target', targetDetails(t), true],
      ['Deadline', job.deadline ? timeBoth(job.deadline) : h('span', { class: 'muted' }, 'none')],
      ['Created', timeBoth(job.createdAt)],
      ['Updated', timeBoth(job.updatedAt)],
      ['Finished', job.finishedAt ? timeBoth(job.finishedAt) : h('span', { class: 'muted' }, 'not yet')],
    ];
    if (job.batchSearch) rows.splice(5, 0, ['Batch search', tagSearch.details(job), true]);
    if (job.lastTrigger) rows.push(['Last trigger', triggerDetails(job.lastTrigger, t), true]);
    if (job.downstream || job.downstreamRetries) rows.push(['Keboola job', downstreamDetails(job), true]);
    return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v, wide]) => h('div', { class: wide ? 'fact wide' : 'fact' }, h('dt', {}, k), h('dd', {}, v))));
  }

  function formatCount(n) {
    return Number(n).toLocaleString('en-US');
  }

  function tokensTitle(u) {
    return `${formatCount(u.inputTokens)} input (${formatCount(u.cachedTokens ?? 0)} cached), `
      + `${formatCount(u.outputTokens)} output (${formatCount(u.reasoningTokens ?? 0)} reasoning)`;
  }

  function pollText(job) {
    let text = job.pollIntervalSeconds ? `every ${job.pollIntervalSeconds} s` : '—';
    if (job.minPollIntervalSeconds || job.maxPollIntervalSeconds) {
      text += ` (adaptive ${job.minPollIntervalSeconds ?? '…'}–${job.maxPollIntervalSeconds ?? '…'} s)`;
    }
    return text;
  }

  function targetDetails(t) {
    if (t.type === 'webhook') {
      return h('span', {}, 'webhook ', h('code', {}, t.url || ''), t.secret ? [' signed with ', h('code', {}, t.secret)] : null);
    }
    return h('span', { class: 'target' },
      'Keboola ', h('code', {}, t.componentId || '?'), ' config ', h('code', {}, t.configId || '?'),
      t.configRowIds && t.configRowIds.length ? [' rows ', h('code', {}, t.configRowIds.join(', '))] : null,
      t.branchId ? [' branch ', h('code', {}, t.branchId)] : null,
      h('br'), h('span', { class: 'muted small' }, `${t.stackUrl || ''}${t.secret ? ` · token ${t.secret}` : ''}`));
  }

  function triggerDetails(tr, target) {
    const href = safeHref(tr.keboolaJobUrl);
    return h('span', {},
      badge(tr.outcome || 'pending'), ' ', h('code', {}, tr.triggerId), ' requested ', timeEl(tr.requestedAt),
      tr.keboolaJobId ? [' · Keboola job ', href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, tr.keboolaJobId)
        : h('code', {}, tr.keboolaJobId)] : null,
      // while the result is awaited: how the delivery is going, once the dispatcher reported a failed attempt or an open circuit
      !tr.outcome && tr.delivery ? deliveryDetails(tr.delivery, target) : null,
      tr.error ? [h('br'), h('span', { class: 'error-text' }, tr.error)] : null);
  }

  /**
   * lastTrigger.delivery: the failed attempts and what the last one met, the next try (relative and in UTC), a badge
   * while the target host's circuit is open, and when the dispatcher said so. Advisory: the result ends it.
   */
  function deliveryDetails(d, target) {
    const host = target && target.type === 'webhook' ? 'webhook' : 'Keboola';
    const met = d.lastHttpStatus && d.lastError ? `${d.lastHttpStatus}: ${d.lastError}`
      : d.lastHttpStatus ? `HTTP ${d.lastHttpStatus}` : (d.lastError || null);
    const attempts = d.attempts ? `attempt ${d.attempts} failed` : 'no attempt yet';
    return h('span', { class: 'delivery', 'data-testid': 'job-delivery' },
      h('span', { class: 'delivery-line' },
        d.breakerOpen ? [h('span', {
          class: 'badge breaker-open', 'data-testid': 'job-delivery-breaker',
          title: `The ${host} host's circuit is open: deliveries to it wait until it recovers.`,
        }, 'circuit open'), ' '] : null,
        h('strong', { 'data-testid': 'job-delivery-attempts', dataset: { attempts: String(d.attempts ?? 0) } }, attempts),
        met ? [': ', h('span', { class: 'error-text', 'data-testid': 'job-delivery-error' }, met)] : null),
      d.nextAttemptAt ? h('span', { class: 'delivery-line', 'data-testid': 'job-delivery-next' }, 'next try ', timeBoth(d.nextAttemptAt))
        : null,
      d.breakerOpen ? h('span', { class: 'delivery-line muted small' },
        `The ${host} host's circuit is open: waiting for it to recover.`) : null,
      h('span', { class: 'delivery-line muted small' }, 'reported ', timeEl(d.updatedAt)));
  }

  /** The Keboola job the trigger created, followed to its end: status, times, Keboola's message, automatic retries. */
  function downstreamDetails(job) {
    const d = job.downstream;
    const retries = job.downstreamRetries
      ? h('span', { class: 'muted small' }, ` · automatic retries used ${job.downstreamRetriesUsed ?? 0} of ${job.downstreamRetries}`)
      : null;
    if (!d) return h('span', {}, h('span', { class: 'muted' }, 'not reported yet'), retries);
    return h('span', {},
      badge(d.status, { 'data-testid': 'job-downstream-status' }), ' ', h('code', {}, d.keboolaJobId),
      d.startedAt ? [' started ', timeEl(d.startedAt)] : null,
      d.finishedAt ? [' finished ', timeEl(d.finishedAt)] : null,
      d.durationSeconds !== undefined ? ` (${d.durationSeconds} s)` : null,
      retries,
      d.message ? [h('br'), h('span', { class: d.status === 'success' || d.status === 'warning' ? 'muted small' : 'error-text' }, d.message)]
        : null);
  }

  function batchRow(b) {
    const rc = b.requestCounts || { total: 0, completed: 0, failed: 0 };
    const problems = [];
    if (b.pollError) {
      problems.push(h('div', { class: 'error-text', 'data-testid': `batch-poll-error-${b.batchId}` },
        `${b.pollError.code}${b.pollError.httpStatus ? ` (HTTP ${b.pollError.httpStatus})` : ''}`
        + `${b.pollError.message ? `: ${b.pollError.message}` : ''}`));
    }
    for (const e of b.errors || []) {
      problems.push(h('div', { class: 'muted small' },
        [e.code, e.line !== undefined ? `line ${e.line}` : null].filter(Boolean).join(', ')
        + (e.message ? `: ${e.message}` : '')));
    }
    return h('tr', { 'data-testid': `batch-row-${b.batchId}`, dataset: { batchId: b.batchId, status: b.status } },
      h('td', {}, h('code', {}, b.batchId)),
      h('td', {}, h('div', { class: 'request-bar' }, badge(b.status, { 'data-testid': `batch-status-${b.batchId}` }), requestBar(b, rc)),
        b.allRequestsFailed ? [' ', h('span', { class: 'error-text small', 'data-testid': `batch-all-failed-${b.batchId}` },
          'every request failed')] : null),
      h('td', { class: 'num', 'data-testid': `batch-completed-${b.batchId}` }, String(rc.completed ?? 0)),
      h('td', { class: 'num', 'data-testid': `batch-failed-${b.batchId}` }, String(rc.failed ?? 0)),
      h('td', { class: 'num', 'data-testid': `batch-total-${b.batchId}` }, String(rc.total ?? 0)),
      h('td', { class: 'num', 'data-testid': `batch-tokens-${b.batchId}`, title: b.usage ? tokensTitle(b.usage) : null },
        b.usage ? formatCount(b.usage.totalTokens) : h('span', { class: 'muted' }, '—')),
      h('td', {}, timeEl(b.observedAt)),
      h('td', {}, problems.length ? problems : h('span', { class: 'muted' }, '—')));
  }

  /** A batch's requests as a bar: completed in green, failed in red, of the total (nothing when the total is not known). */
  function requestBar(b, rc) {
    if (!rc.total) return null;
    const bar = h('span', { class: 'bar', role: 'img', 'data-testid': `batch-bar-${b.batchId}`,
      'aria-label': `${rc.completed} completed, ${rc.failed} failed of ${rc.total} requests` },
    h('span', { class: 'bar-ok' }), h('span', { class: 'bar-failed' }));
    bar.children[0].style.width = `${(100 * (rc.completed || 0)) / rc.total}%`;
    bar.children[1].style.width = `${(100 * (rc.failed || 0)) / rc.total}%`;
    return bar;
  }

  function eventRow(e) {
    const detail = [];
    if (e.batchId) {
      detail.push(h('code', {}, e.batchId), ' ',
        e.previousBatchStatus ? [badge(e.previousBatchStatus), ' → '] : null,
        e.batchStatus ? badge(e.batchStatus) : null,
        e.requestCounts ? h('span', { class: 'muted small', 'data-testid': `event-counts-${e.sequence}` },
          ` requests ${e.requestCounts.completed} ok, ${e.requestCounts.failed} failed of ${e.requestCounts.total}`
          + (e.allRequestsFailed ? ' (every request failed)' : '')) : null,
        e.message ? ' ' : null);
    }
    if (e.message) detail.push(e.message);
    if (e.triggerId && !e.batchId) detail.push(h('span', { class: 'muted small' }, ` (trigger ${e.triggerId})`));
    return h('tr', { 'data-testid': `event-${e.sequence}`, dataset: { type: e.type } },
      h('td', {}, timeEl(e.at)),
      h('td', {}, h('span', { class: `event-type event-${e.type}` }, e.type)),
      h('td', {}, e.status ? badge(e.status) : h('span', { class: 'muted' }, '—')),
      h('td', {}, detail.length ? detail : h('span', { class: 'muted' }, '—')));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // form helpers: labelled fields with an error slot named after the API's field name

  /**
   * A labelled field. key is the API field name its errors are reported under; the error slot is
   * [data-testid="field-error-<key>"].
   */
  function field({ key, id, label, control, hint, errorPrefix = 'field-error-', className = '' }) {
    const errorId = `${errorPrefix}${key}`;
    const hintId = hint ? `${id}-hint` : null;
    control.id = id;
    const describedBy = [hintId, errorId].filter(Boolean).join(' ');
    control.setAttribute('aria-describedby', describedBy);
    return h('div', { class: `field ${className}`, dataset: { field: key } },
      h('label', { for: id }, label),
      control,
      hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
      h('ul', { class: 'field-error', id: errorId, 'data-testid': errorId, hidden: true }));
  }

  /** Clears all error slots of a form and its summary. */
  function clearErrors(form, summary) {
    for (const slot of form.querySelectorAll('.field-error')) {
      slot.replaceChildren();
      slot.hidden = true;
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    summary.replaceChildren();
    summary.hidden = true;
  }

  /**
   * Shows a problem document: each of its errors next to the field it names (when that field is on the form and
   * visible), the others and the detail in the summary. Messages are the API's own. Returns the first invalid control.
   */
  function showProblem(form, summary, result, aliases = {}, errorPrefix = 'field-error-') {
    const body = result.body || {};
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const unplaced = [];
    let first = null;
    for (const err of errors) {
      const fieldName = String(err.field || '');
      const slot = findSlot(form, fieldName, aliases, errorPrefix);
      const message = String(err.message || 'is invalid');
      if (slot) {
        const indexed = /\[(\d+)\]/.exec(fieldName);
        slot.append(h('li', {}, indexed ? `${fieldName}: ${message}` : message));
        slot.hidden = false;
        const control = slot.parentElement.querySelector('input, select, textarea');
        if (control) {
          control.setAttribute('aria-invalid', 'true');
          if (!first) first = control;
        }
      } else {
        unplaced.push(fieldName ? `${fieldName}: ${message}` : message);
      }
    }
    const head = h('p', {}, h('strong', {}, body.title || `Request failed (${result.status})`),
      body.detail ? ` — ${body.detail}` : null);
    summary.replaceChildren(head);
    if (unplaced.length) summary.append(h('ul', {}, unplaced.map((m) => h('li', {}, m))));
    if (errors.length > unplaced.length) summary.append(h('p', {}, 'The fields at fault are marked below.'));
    if (Array.isArray(body.jobs) && body.jobs.length) {
      summary.append(h('p', {}, 'Jobs using it: ',
        body.jobs.map((id, i) => [i ? ', ' : '', h('a', { href: `#/jobs/${encodeURIComponent(id)}` }, id)])));
    }
    summary.hidden = false;
    return first;
  }

  function findSlot(form, fieldName, aliases, errorPrefix) {
    if (!fieldName) return null;
    const candidates = [fieldName, fieldName.replace(/\[\d+\]/g, '')];
    const dot = fieldName.lastIndexOf('.');
    if (dot >= 0) candidates.push(fieldName.slice(dot + 1).replace(/\[\d+\]/g, ''), fieldName.slice(0, fieldName.indexOf('.')));
    for (const candidate of candidates) {
      const key = aliases[candidate] || candidate;
      const slot = form.querySelector(testid(`${errorPrefix}${key}`));
      if (slot && !slot.closest('[hidden]:not(.field-error)')) return slot;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // create job

  /** TeckoChecker's snake_case names, and nested names, onto the form's fields. */
  const JOB_FIELD_ALIASES = {
    batch_ids: 'batchIds', batch_id: 'batchIds', openai_secret_id: 'openaiSecret', keboola_secret_id: 'keboolaSecret',
    keboola_stack_url: 'keboolaStackUrl', keboola_component_id: 'keboolaComponentId',
    keboola_configuration_id: 'keboolaConfigId', poll_interval_seconds: 'pollIntervalSeconds',
    'triggerPolicy.minCompletedRatio': 'minCompletedRatio', minCompletedRatio: 'minCompletedRatio',
    'triggerPolicy.type': 'triggerPolicy',
  };

  function newJobView(main, ctx) {
    const summary = h('div', { class: 'alert', role: 'alert', id: 'create-errors', 'data-testid': 'create-errors', hidden: true,
      tabindex: '-1' });
    const input = (testId, attrs = {}) => h('input', { type: 'text', 'data-testid': testId, autocomplete: 'off', ...attrs });
    const name = input('new-job-name', { maxlength: 255, required: true, autofocus: true });
    const jobIdInput = input('new-job-id', { placeholder: 'generated when empty' });
    const batchIds = h('textarea', { 'data-testid': 'new-job-batch-ids', rows: 4, required: true, spellcheck: 'false',
      placeholder: 'batch_abc\nbatch_def' });
    const secretSelect = (testId) => h('select', { 'data-testid': testId }, h('option', { value: '' }, 'Loading secrets…'));
    const openaiSecret = secretSelect('new-job-openai-secret');
    const keboolaSecret = secretSelect('new-job-keboola-secret');
    const webhookSecret = secretSelect('new-job-webhook-secret');
    const radio = (value, label) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'targetType', value, 'data-testid': `new-job-target-${value}`,
        id: `new-job-target-${value}`, checked: value === 'keboola' }), ' ', label);
    const stackUrl = input('new-job-keboola-stack-url', { type: 'url', placeholder: 'https://connection.keboola.com' });
    const componentId = input('new-job-keboola-component-id', { placeholder: 'keboola.orchestrator' });
    const configId = input('new-job-keboola-config-id');
    const branchId = input('new-job-keboola-branch-id', { placeholder: 'optional' });
    const configRowIds = input('new-job-keboola-config-row-ids', { placeholder: 'optional, comma-separated' });
    const webhookUrl = input('new-job-webhook-url', { type: 'url', placeholder: 'https://hooks.example.com/…' });
    const pollInterval = input('new-job-poll-interval', { inputmode: 'numeric', placeholder: '120' });
    const minPoll = input('new-job-min-poll', { inputmode: 'numeric', placeholder: 'optional' });
    const maxPoll = input('new-job-max-poll', { inputmode: 'numeric', placeholder: 'optional' });
    const policy = h('select', { 'data-testid': 'new-job-trigger-policy' },
      h('option', { value: 'always' }, 'always — trigger whatever the outcome'),
      h('option', { value: 'all_completed' }, 'all_completed — fail the job if any batch failed'),
      h('option', { value: 'min_completed_ratio' }, 'min_completed_ratio — trigger if enough batches completed'));
    const ratio = input('new-job-min-ratio', { inputmode: 'decimal', placeholder: '0.8' });
    const deadline = h('input', { type: 'datetime-local', 'data-testid': 'new-job-deadline', step: 60 });
    const startPaused = h('input', { type: 'checkbox', 'data-testid': 'new-job-start-paused', id: 'new-job-start-paused' });
    const submit = h('button', { type: 'submit', id: 'create-submit', 'data-testid': 'create-submit' }, 'Create job');

    const keboolaFields = h('div', { class: 'target-fields', id: 'keboola-fields' },
      field({ key: 'keboolaSecret', id: 'new-job-keboola-secret', label: 'Keboola token secret', control: keboolaSecret }),
      field({ key: 'keboolaStackUrl', id: 'new-job-keboola-stack-url', label: 'Stack URL', control: stackUrl }),
      h('div', { class: 'row' },
        field({ key: 'keboolaComponentId', id: 'new-job-keboola-component-id', label: 'Component id', control: componentId }),
        field({ key: 'keboolaConfigId', id: 'new-job-keboola-config-id', label: 'Configuration id', control: configId })),
      h('div', { class: 'row' },
        field({ key: 'keboolaBranchId', id: 'new-job-keboola-branch-id', label: 'Branch id', control: branchId }),
        field({ key: 'keboolaConfigRowIds', id: 'new-job-keboola-config-row-ids', label: 'Configuration row ids',
          control: configRowIds })));
    const webhookFields = h('div', { class: 'target-fields', id: 'webhook-fields', hidden: true },
      field({ key: 'webhookUrl', id: 'new-job-webhook-url', label: 'Webhook URL', control: webhookUrl }),
      field({ key: 'webhookSecret', id: 'new-job-webhook-secret', label: 'Signing secret', control: webhookSecret }));
    const ratioField = field({ key: 'minCompletedRatio', id: 'new-job-min-ratio', label: 'Minimum completed ratio (0–1)',
      control: ratio, className: 'ratio-field' });
    ratioField.hidden = true;

    const tagSection = tagSearch.formSection(batchIds);
    const form = h('form', { class: 'card form', id: 'new-job-form', novalidate: true },
      summary,
      h('fieldset', {}, h('legend', {}, 'Job'),
        field({ key: 'name', id: 'new-job-name', label: 'Name', control: name }),
        field({ key: 'batchIds', id: 'new-job-batch-ids', label: 'Batch ids', control: batchIds,
          hint: 'One per line or comma-separated; optional with a batch tag.' }),
        field({ key: 'openaiSecret', id: 'new-job-openai-secret', label: 'OpenAI secret', control: openaiSecret }),
        field({ key: 'jobId', id: 'new-job-id', label: 'Job id (optional)', control: jobIdInput })),
      tagSection.fieldset,
      h('fieldset', { id: 'target-fieldset' }, h('legend', {}, 'Target'),
        h('div', { class: 'radios', role: 'radiogroup', 'aria-label': 'Target type' },
          radio('keboola', 'Keboola job'), radio('webhook', 'Webhook')),
        h('ul', { class: 'field-error', id: 'field-error-target', 'data-testid': 'field-error-target', hidden: true }),
        keboolaFields, webhookFields),
      h('fieldset', {}, h('legend', {}, 'Polling and trigger'),
        h('div', { class: 'row three' },
          field({ key: 'pollIntervalSeconds', id: 'new-job-poll-interval', label: 'Poll interval (s)', control: pollInterval,
            hint: '10 to 86400; default 120.' }),
          field({ key: 'minPollIntervalSeconds', id: 'new-job-min-poll', label: 'Min interval (s)', control: minPoll }),
          field({ key: 'maxPollIntervalSeconds', id: 'new-job-max-poll', label: 'Max interval (s)', control: maxPoll })),
        h('div', { class: 'row' },
          field({ key: 'triggerPolicy', id: 'new-job-trigger-policy', label: 'Trigger policy', control: policy }),
          ratioField),
        field({ key: 'deadline', id: 'new-job-deadline', label: 'Deadline (optional)', control: deadline,
          hint: `Your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone || 'local'}); sent as UTC.` }),
        h('div', { class: 'field checkbox', dataset: { field: 'startPaused' } },
          h('label', { for: 'new-job-start-paused' }, startPaused, ' Start paused'),
          h('ul', { class: 'field-error', id: 'field-error-startPaused', 'data-testid': 'field-error-startPaused', hidden: true }))),
      h('div', { class: 'buttons' }, submit, h('a', { href: '#/jobs', class: 'button secondary' }, 'Cancel')));

    append(main, [h('div', { class: 'page-head' }, h('h1', {}, 'New job')), flashArea(), form]);

    for (const r of form.querySelectorAll('input[name="targetType"]')) {
      r.addEventListener('change', () => {
        const webhook = form.querySelector('input[name="targetType"]:checked').value === 'webhook';
        keboolaFields.hidden = webhook;
        webhookFields.hidden = !webhook;
      });
    }
    policy.addEventListener('change', () => { ratioField.hidden = policy.value !== 'min_completed_ratio'; });

    // secrets for the selects
    api('GET', '/api/secrets').then((answer) => {
      if (!ctx.alive()) return;
      const secrets = answer.ok ? (answer.body.secrets || []) : [];
      for (const [select, type] of [[openaiSecret, 'openai'], [keboolaSecret, 'keboola'], [webhookSecret, 'webhook']]) {
        const ofType = secrets.filter((s) => s.type === type);
        const previous = select.value;
        select.replaceChildren(
          h('option', { value: '' }, ofType.length ? '— choose —' : `— no secrets of type ${type} —`),
          ...ofType.map((s) => h('option', { value: s.name }, s.baseUrl ? `${s.name} (${s.baseUrl})` : s.name)));
        if (previous) select.value = previous;
        if (!select.value && ofType.length === 1) select.value = ofType[0].name;
      }
      if (!answer.ok) {
        summary.replaceChildren(h('p', {}, `Cannot list the secrets: ${problemText(answer)}`));
        summary.hidden = false;
      }
    }).catch((e) => {
      if (!(e instanceof Unauthorized)) console.warn(e);
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, summary);
      const body = jobRequest();
      submit.disabled = true;
      submit.textContent = 'Creating…';
      try {
        const answer = await api('POST', '/api/jobs', body);
        if (!ctx.alive()) return;
        if (answer.status === 201 || answer.status === 200) {
          flash = { text: `Job ${answer.body.jobId} created.` };
          location.hash = `#/jobs/${encodeURIComponent(answer.body.jobId)}`;
        } else if (answer.status === 202) {
          flash = { text: `Job ${answer.body.jobId} accepted; the processor has not confirmed it yet.` };
          location.hash = `#/jobs/${encodeURIComponent(answer.body.jobId)}`;
        } else {
          const first = showProblem(form, summary, answer, JOB_FIELD_ALIASES);
          (first || summary).focus();
        }
      } catch (e) {
        if (e instanceof Unauthorized) return;
        summary.replaceChildren(h('p', {}, `Cannot reach the API: ${e.message}`));
        summary.hidden = false;
      } finally {
        submit.disabled = false;
        submit.textContent = 'Create job';
      }
    });

    /** The POST /api/jobs body: empty optional fields are left out, numbers are sent as numbers when they are ones. */
    function jobRequest() {
      const body = { name: name.value.trim() };
      const ids = batchIds.value.split(/[\r\n,]+/).map((s) => s.trim()).filter(Boolean);
      // a tagged job may name none: its batches are found
      if (ids.length || !tagSection.tagged()) body.batchIds = ids;
      tagSection.addTo(body);
      if (openaiSecret.value) body.openaiSecret = openaiSecret.value;
      if (jobIdInput.value.trim()) body.jobId = jobIdInput.value.trim();
      const webhook = form.querySelector('input[name="targetType"]:checked').value === 'webhook';
      if (webhook) {
        if (webhookUrl.value.trim()) body.webhookUrl = webhookUrl.value.trim();
        if (webhookSecret.value) body.webhookSecret = webhookSecret.value;
      } else {
        if (keboolaSecret.value) body.keboolaSecret = keboolaSecret.value;
        if (stackUrl.value.trim()) body.keboolaStackUrl = stackUrl.value.trim();
        if (componentId.value.trim()) body.keboolaComponentId = componentId.value.trim();
        if (configId.value.trim()) body.keboolaConfigId = configId.value.trim();
        if (branchId.value.trim()) body.keboolaBranchId = branchId.value.trim();
        const rows = configRowIds.value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
        if (rows.length) body.keboolaConfigRowIds = rows;
      }
      const number = (el) => {
        const raw = el.value.trim();
        if (!raw) return undefined;
        return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      };
      const interval = number(pollInterval);
      if (interval !== undefined) body.pollIntervalSeconds = interval;
      const min = number(minPoll);
      if (min !== undefined) body.minPollIntervalSeconds = min;
      const max = number(maxPoll);
      if (max !== undefined) body.maxPollIntervalSeconds = max;
      body.triggerPolicy = { type: policy.value };
      if (policy.value === 'min_completed_ratio') {
        const r = number(ratio);
        if (r !== undefined) body.triggerPolicy.minCompletedRatio = r;
      }
      if (deadline.value) body.deadline = tagSearch.localToUtc(deadline.value);
      if (startPaused.checked) body.startPaused = true;
      return body;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // secrets

  function secretsView(main, ctx) {
    const listProblem = h('div', { class: 'alert', role: 'alert', id: 'secrets-error', 'data-testid': 'secrets-error', hidden: true });
    const count = h('span', { class: 'total', 'data-testid': 'secrets-total' });
    const tbody = h('tbody', {});
    const table = h('table', { class: 'data', id: 'secrets-table', 'data-testid': 'secrets-table', 'aria-labelledby': 'secrets-heading' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'),
        h('th', { scope: 'col' }, 'Base URL'), h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      tbody);

    const summary = h('div', { class: 'alert', role: 'alert', 'data-testid': 'secret-form-errors', hidden: true, tabindex: '-1' });
    const nameInput = h('input', { type: 'text', 'data-testid': 'secret-name', autocomplete: 'off', required: true,
      pattern: '[A-Za-z0-9_.:\\-]{1,255}' });
    const typeSelect = h('select', { 'data-testid': 'secret-type' }, SECRET_TYPES.map((t) => h('option', { value: t }, t)));
    const valueInput = h('input', { type: 'password', 'data-testid': 'secret-value', autocomplete: 'new-password', required: true });
    const baseUrl = h('input', { type: 'url', 'data-testid': 'secret-base-url', autocomplete: 'off', placeholder: 'optional' });
    const submit = h('button', { type: 'submit', 'data-testid': 'secret-submit', id: 'secret-submit' }, 'Add secret');
    const prefix = 'secret-error-';
    const form = h('form', { class: 'card form', id: 'secret-form', novalidate: true, 'aria-labelledby': 'secret-form-heading' },
      h('h2', { id: 'secret-form-heading' }, 'Add a secret'),
      summary,
      field({ key: 'name', id: 'secret-name', label: 'Name', control: nameInput, errorPrefix: prefix,
        hint: 'Letters, digits and _ . : - (up to 255).' }),
      field({ key: 'type', id: 'secret-type', label: 'Type', control: typeSelect, errorPrefix: prefix }),
      field({ key: 'value', id: 'secret-value', label: 'Value', control: valueInput, errorPrefix: prefix,
        hint: 'Encrypted with the master key; never shown again.' }),
      field({ key: 'baseUrl', id: 'secret-base-url', label: 'Base URL', control: baseUrl, errorPrefix: prefix,
        hint: 'Optional: an OpenAI-compatible server, or a Keboola stack.' }),
      h('div', { class: 'buttons' }, submit));

    append(main, [
      h('div', { class: 'page-head' }, h('h1', {}, 'Secrets')),
      flashArea(),
      h('div', { class: 'two-columns' },
        h('section', { 'aria-labelledby': 'secrets-heading' },
          h('h2', { id: 'secrets-heading' }, 'Stored secrets ', count),
          listProblem,
          h('div', { class: 'table-wrap' }, table)),
        form),
    ]);

    let sig = null;
    async function load() {
      const answer = await api('GET', '/api/secrets');
      if (!ctx.alive()) return;
      if (!answer.ok) {
        listProblem.textContent = problemText(answer);
        listProblem.hidden = false;
        return;
      }
      const secrets = answer.body.secrets || [];
      count.textContent = `(${answer.body.total ?? secrets.length})`;
      const next = JSON.stringify(secrets);
      if (next === sig) return;
      sig = next;
      tbody.replaceChildren(...secrets.map(secretRow));
      if (!secrets.length) tbody.append(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'No secrets yet.')));
    }

    function secretRow(s) {
      const del = h('button', { type: 'button', class: 'danger-outline small', 'data-testid': `secret-delete-${s.name}`,
        'aria-label': `Delete secret ${s.name}` }, 'Delete');
      del.addEventListener('click', async () => {
        listProblem.hidden = true;
        const ok = await confirmDialog({ title: 'Delete this secret?', danger: true, ok: 'Delete',
          message: `Secret “${s.name}” (${s.type}) is removed. Jobs that are still running cannot use a secret that is gone.` });
        if (!ok || !ctx.alive()) return;
        del.disabled = true;
        try {
          const answer = await api('DELETE', `/api/secrets/${encodeURIComponent(s.name)}`);
          if (!ctx.alive()) return;
          if (answer.status === 204 || answer.ok) {
            flash = null;
            sig = null;
            await load();
            listProblem.hidden = true;
          } else {
            const b = answer.body || {};
            listProblem.replaceChildren(h('strong', {}, `Cannot delete ${s.name}: `), problemText(answer));
            if (Array.isArray(b.jobs) && b.jobs.length) {
              listProblem.append(h('p', { 'data-testid': 'secret-in-use-jobs' }, 'Used by: ',
                b.jobs.map((id, i) => [i ? ', ' : '', h('a', { href: `#/jobs/${encodeURIComponent(id)}` }, id)])));
            }
            listProblem.hidden = false;
          }
        } finally {
          del.disabled = false;
        }
      });
      return h('tr', { 'data-testid': `secret-row-${s.name}` },
        h('td', {}, h('code', {}, s.name)),
        h('td', {}, h('span', { class: `tag type-${s.type}` }, s.type)),
        h('td', {}, s.baseUrl ? h('code', {}, s.baseUrl) : h('span', { class: 'muted' }, 'default')),
        h('td', {}, timeEl(s.createdAt)),
        h('td', { class: 'right' }, del));
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, summary);
      const body = { name: nameInput.value.trim(), type: typeSelect.value, value: valueInput.value };
      if (baseUrl.value.trim()) body.baseUrl = baseUrl.value.trim();
      submit.disabled = true;
      try {
        const answer = await api('POST', '/api/secrets', body);
        if (!ctx.alive()) return;
        if (answer.ok) {
          form.reset();
          valueInput.value = '';
          summary.replaceChildren();
          summary.hidden = true;
          const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'secret-added' }, `Secret ${body.name} added.`);
          form.insertBefore(notice, summary);
          setTimeout(() => notice.remove(), 5000);
          sig = null;
          await load();
          nameInput.focus();
        } else {
          const first = showProblem(form, summary, answer, {}, prefix);
          (first || summary).focus();
        }
      } catch (e) {
        if (e instanceof Unauthorized) return;
        summary.replaceChildren(h('p', {}, `Cannot reach the API: ${e.message}`));
        summary.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });

    ctx.every(10000, load);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // system

  function systemView(main, ctx) {
    const healthCards = h('div', { class: 'cards', id: 'system-health', 'data-testid': 'system-health' });
    const statsCards = h('div', { class: 'cards', id: 'system-stats', 'data-testid': 'system-stats' });
    const jobCards = h('div', { class: 'cards small-cards', id: 'system-job-stats', 'data-testid': 'system-job-stats' });
    const problem = h('p', { class: 'alert', role: 'alert', 'data-testid': 'system-error', hidden: true });
    const refreshed = h('p', { class: 'muted small' });
    append(main, [
      h('div', { class: 'page-head' }, h('h1', {}, 'System')),
      flashArea(),
      problem,
      h('section', { 'aria-labelledby': 'health-heading' }, h('h2', { id: 'health-heading' }, 'Health'), healthCards),
      h('section', { 'aria-labelledby': 'stats-heading' }, h('h2', { id: 'stats-heading' }, 'Statistics'), statsCards, jobCards),
      refreshed,
      h('p', { class: 'muted small' }, 'Also served, with the same token: ', h('code', {}, 'GET /metrics'),
        ' (Prometheus) and ', h('code', {}, 'GET /openapi.json'), ' (OpenAPI 3.1).'),
    ]);

    const card = (label, value, cls = '', testId = null) => h('div', { class: `stat ${cls}`, 'data-testid': testId },
      h('div', { class: 'stat-value' }, value === undefined || value === null ? '—' : String(value)),
      h('div', { class: 'stat-label' }, label));

    async function load() {
      const [health, stats] = await Promise.all([
        api('GET', '/api/health').catch((e) => { if (e instanceof Unauthorized) throw e; return { status: 0, body: null, error: e }; }),
        api('GET', '/api/stats'),
      ]);
      if (!ctx.alive()) return;
      const hb = health.body || {};
      const up = hb.status === 'UP';
      healthCards.replaceChildren(
        card('overall', hb.status || (health.error ? 'unreachable' : `HTTP ${health.status}`), up ? 'good' : 'bad', 'health-status'),
        ...Object.entries(hb).filter(([k]) => k !== 'status').map(([k, v]) =>
          card(k, typeof v === 'object' ? JSON.stringify(v) : v,
            ['RUNNING', 'reachable', 'UP'].includes(v) ? 'good' : 'warn', `health-${k}`)));
      if (stats.ok) {
        problem.hidden = true;
        const s = stats.body || {};
        const jobs = s.jobs || {};
        statsCards.replaceChildren(
          card('jobs', jobs.total, '', 'stats-jobs-total'),
          card('batches tracked', s.batchesTracked, '', 'stats-batches-tracked'),
          card('triggers sent', s.triggersSent, '', 'stats-triggers-sent'),
          card('secrets', s.secrets, '', 'stats-secrets'));
        jobCards.replaceChildren(...JOB_STATUSES.map((status) =>
          h('a', { class: 'stat small link', href: '#/jobs', 'data-testid': `stats-jobs-${status}`,
            onclick: () => { jobsState.status = status; jobsState.q = ''; } },
          h('div', { class: 'stat-value' }, String(jobs[status] ?? 0)),
          h('div', { class: 'stat-label' }, badge(status, { title: status })))));
      } else {
        problem.textContent = problemText(stats);
        problem.hidden = false;
      }
      refreshed.replaceChildren('Refreshed ', timeEl(new Date().toISOString()), '; every 5 s.');
    }

    ctx.every(SYSTEM_REFRESH_MS, load);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // start

  window.addEventListener('hashchange', render);
  setInterval(refreshRelativeTimes, 1000);
  if (!location.hash) {
    history.replaceState(null, '', '#/jobs');
  }
  render();
})();
