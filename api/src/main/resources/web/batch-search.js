/*
 * Jobs that find their batches by their tag (docs/api.md, "Batches found by their tag"), for the tecko web UI: the
 * create form's tag fields, the job page's search state and its Seal action. Loaded before app.js, which calls the
 * factory with its DOM and formatting helpers, so this file has no state and no helpers of its own to keep in step.
 */
'use strict';

window.TeckoBatchSearch = ({ h, badge, timeBoth, plural, field }) => {
  /** datetime-local is the reader's local time; the API wants a UTC instant. Unparsable text goes as typed (the API names it). */
  function localToUtc(value) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : at.toISOString().replace(/\.000Z$/, 'Z');
  }

  const SEALED_BY = {
    command: 'the seal command', seal_at: 'its seal time', expected_batches: 'the expected number of batches',
    deadline: 'the deadline',
  };

  /** The job page's "Batch search": tag, window, state, found, listed up to, expected, seal time, sealed at and by. */
  function details(job) {
    const s = job.batchSearch;
    const found = (job.counts && job.counts.total) || (job.batches || []).length;
    const tag = s.tag ? `${s.tag.key}=${s.tag.value}` : '';
    const sealed = s.state === 'sealed';
    return h('span', { class: 'search', 'data-testid': 'job-search' },
      h('span', { class: 'search-line' },
        badge(s.state, { 'data-testid': 'job-search-state' }), ' ',
        h('code', { 'data-testid': 'job-search-tag' }, tag), ' ',
        h('span', { 'data-testid': 'job-search-found' }, `${plural(found, 'batch', 'batches')} found`),
        s.expectedBatches ? h('span', { 'data-testid': 'job-search-expected' }, ` of ${s.expectedBatches} expected`) : null),
      h('span', { class: 'search-line muted small' }, 'created since ', timeBoth(s.since)),
      h('span', { class: 'search-line', 'data-testid': 'job-search-listed' },
        s.listedUpTo ? ['listed up to ', timeBoth(s.listedUpTo)] : h('span', { class: 'muted' }, 'not listed yet')),
      s.state === 'sealing' ? h('span', { class: 'search-line', 'data-testid': 'job-search-sealing' },
        'seal asked ', timeBoth(s.sealRequestedAt), h('span', { class: 'muted small' },
          ' · seals once the provider\'s batches are listed past it')) : null,
      s.sealAt && !sealed ? h('span', { class: 'search-line', 'data-testid': 'job-search-seal-at' }, 'seals at ', timeBoth(s.sealAt))
        : null,
      sealed ? h('span', { class: 'search-line', 'data-testid': 'job-search-sealed' },
        `sealed by ${SEALED_BY[s.sealedBy] || s.sealedBy} `, timeBoth(s.sealedAt)) : null,
      !sealed ? h('span', { class: 'search-line muted small' }, 'The job triggers only once its batch list is sealed.') : null);
  }

  /** " · list open" in the jobs list while more batches may still join a tagged job. */
  function listMark(job) {
    const state = job.batchSearch && job.batchSearch.state;
    return state && state !== 'sealed'
      ? h('span', { class: 'muted small', 'data-testid': `job-row-search-${job.jobId}` }, ` · list ${state}`) : null;
  }

  /**
   * The job page's Seal button: only for a tagged job (hidden otherwise), enabled while its list is open and the job
   * active or paused; a second seal while sealing would only be refused.
   */
  const sealAction = {
    name: 'seal', label: 'Seal', allowed: ['active', 'paused'],
    applies: (job) => Boolean(job.batchSearch),
    ready: (job) => job.batchSearch.state === 'open',
    title: 'Seal the batch list?',
    message: (job) => {
      const s = job.batchSearch;
      const held = (job.counts && job.counts.total) || 0;
      return `No batch tagged ${s.tag.key}=${s.tag.value} created after now joins job “${job.name}”. The list seals once the `
        + `provider's batches have been listed past now, so none created before is missed; the job then triggers when its `
        + `${plural(held, 'batch', 'batches')} (and any found until then) are done`
        + (held === 0 ? '. If it still holds none then, the job fails.' : '.');
    },
    done: (job) => (job && job.batchSearch ? `Seal: asked; the batch list is ${job.batchSearch.state}.` : 'Seal: asked.'),
  };

  /**
   * The create form's tag fields. With a tag, batch ids become optional (both may be given: the named ones are held
   * from the start). addTo(body) writes the fields that are filled.
   */
  function formSection(batchIds) {
    const input = (testId, attrs = {}) => h('input', { type: 'text', 'data-testid': testId, autocomplete: 'off', ...attrs });
    const tag = input('new-job-batch-tag', { placeholder: 'run=nightly-2026-12-04', spellcheck: 'false' });
    const expected = input('new-job-expected-batches', { inputmode: 'numeric', placeholder: 'optional' });
    const sealAt = h('input', { type: 'datetime-local', 'data-testid': 'new-job-seal-at', step: 60 });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
    const fieldset = h('fieldset', { id: 'batch-tag-fieldset' }, h('legend', {}, 'Batches found by their tag (optional)'),
      field({ key: 'batchTag', id: 'new-job-batch-tag', label: 'Batch tag (key=value)', control: tag,
        hint: 'OpenAI batch metadata, openai secrets only. Every batch created with it is added until the list is sealed.' }),
      h('div', { class: 'row' },
        field({ key: 'expectedBatches', id: 'new-job-expected-batches', label: 'Expected batches', control: expected,
          hint: 'Seal as soon as the job holds this many.' }),
        field({ key: 'sealAt', id: 'new-job-seal-at', label: 'Seal at', control: sealAt,
          hint: `Your local time (${zone}); sent as UTC.` })));
    const tagged = () => tag.value.trim() !== '';
    tag.addEventListener('input', () => { batchIds.required = !tagged(); });
    return {
      fieldset,
      tagged,
      addTo(body) {
        if (tagged()) body.batchTag = tag.value.trim();
        const n = expected.value.trim();
        if (n) body.expectedBatches = /^\d+$/.test(n) ? Number(n) : n;
        if (sealAt.value) body.sealAt = localToUtc(sealAt.value);
      },
    };
  }

  return { details, listMark, sealAction, formSection, localToUtc };
};
