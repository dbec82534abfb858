// Kiosk and tablet mode for the patient survey (?kiosk=1).
//
// - A start screen; its button asks for full screen.
// - After a spell with no touch or key press, "Are you still there?", then a fresh form for the next person; after a
//   response, the thank-you screen for a few seconds, then a fresh form. The fresh form replaces this page in the
//   history, so Back never brings anyone's answers back.
// - Answers are queued on the device (localStorage) under an id made here, and sent to the public endpoint; each one
//   leaves the queue only when the server has it (201, or 200/409 for one it already held). Network drops are retried
//   when the browser comes back online and every 30 seconds. The person sees the thank-you screen at once either way.
(function () {
  'use strict';

  var root = document.getElementById('survey-kiosk');
  if (!root) return;

  var QUEUE_KEY = 'heard-kiosk-queue';
  var RETRY_MS = 30000;
  var freshUrl = root.getAttribute('data-fresh-url');
  var inactivityMs = Number(root.getAttribute('data-inactivity')) * 1000;
  var warningMs = Number(root.getAttribute('data-warning')) * 1000;
  var thanksMs = Number(root.getAttribute('data-thanks')) * 1000;
  var onThanksPage = root.getAttribute('data-on-thanks') === 'true';

  var form = document.getElementById('survey-form');
  var formArea = document.getElementById('survey-form-area');
  var start = document.getElementById('survey-kiosk-start');
  var thanks = document.getElementById('survey-kiosk-thanks');
  var dialog = document.getElementById('survey-still-there');
  var dialogBody = document.getElementById('survey-still-there-body');

  // ---------------------------------------------------------------- the queue

  var memoryQueue = [];

  function readQueue() {
    try {
      var stored = window.localStorage.getItem(QUEUE_KEY);
      return stored ? JSON.parse(stored) : [];
    } catch (e) {
      return memoryQueue.slice();
    }
  }

  function writeQueue(queue) {
    memoryQueue = queue.slice();
    try {
      window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    } catch (e) {
      // Private browsing or a full store: the queue lives in memory until this page goes.
    }
  }

  function enqueue(item) {
    var queue = readQueue();
    queue.push(item);
    writeQueue(queue);
  }

  function remove(id) {
    writeQueue(readQueue().filter(function (item) { return item.body.id !== id; }));
  }

  var sending = false;

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      var queue = readQueue();
      for (var i = 0; i < queue.length; i++) {
        var item = queue[i];
        var response;
        try {
          response = await fetch(item.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
            body: JSON.stringify(item.body),
            credentials: 'omit',
            cache: 'no-store'
          });
        } catch (e) {
          return; // Offline or the server cannot be reached: try again later, in the same order.
        }
        if (response.status === 200 || response.status === 201 || response.status === 409) {
          remove(item.body.id);
        } else if (response.status === 400 || response.status === 404 || response.status === 410 || response.status === 413) {
          // The server will never take this one (the survey ended, or it fails a check made since); keeping it would retry forever.
          if (window.console) console.warn('Heard kiosk: response ' + item.body.id + ' refused with ' + response.status);
          remove(item.body.id);
        } else {
          return; // Busy (429) or failing (5xx): try again later.
        }
      }
    } finally {
      sending = false;
    }
  }

  window.addEventListener('online', flush);
  window.setInterval(flush, RETRY_MS);
  flush();

  // ---------------------------------------------------------------- resetting for the next person

  var warnTimer = null;
  var resetTimer = null;
  var countdownTimer = null;
  var engaged = false;
  var showingThanks = onThanksPage;
  var focusBeforeDialog = null;

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    // randomUUID needs a secure context; a ward tablet on plain http still gets a random version 4 id.
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function clearTimers() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(resetTimer);
    window.clearInterval(countdownTimer);
  }

  function clearForm() {
    if (!form) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === 'radio' || el.type === 'checkbox') {
        el.checked = false;
        el.defaultChecked = false;
      } else if (el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button' && 'value' in el) {
        el.value = '';
        el.defaultValue = '';
      }
    });
    clearProblems();
  }

  // A fresh page from the server when it can be reached; when the network is down, the same page emptied in place.
  function reset() {
    clearTimers();
    clearForm();
    fetch(freshUrl, { method: 'HEAD', cache: 'no-store', credentials: 'omit' })
      .then(function (r) {
        if (r.ok) window.location.replace(freshUrl);
        else resetInPlace();
      })
      .catch(resetInPlace);
  }

  function resetInPlace() {
    hideDialog();
    showingThanks = false;
    if (thanks) thanks.hidden = true;
    if (form) {
      var submission = form.querySelector('input[name=submission]');
      if (submission) submission.value = uuid();
      if (start) {
        start.hidden = false;
        formArea.hidden = true;
        engaged = false;
      } else {
        formArea.hidden = false;
        engaged = true;
        restartTimers();
      }
      window.scrollTo(0, 0);
    } else {
      window.location.replace(freshUrl);
    }
  }

  function restartTimers() {
    clearTimers();
    if (!engaged) return;
    warnTimer = window.setTimeout(showDialog, Math.max(0, inactivityMs - warningMs));
    resetTimer = window.setTimeout(reset, inactivityMs);
  }

  function showDialog() {
    if (!dialog) return;
    focusBeforeDialog = document.activeElement;
    var left = Math.round(warningMs / 1000);
    var template = dialogBody.getAttribute('data-template');
    var tick = function () {
      dialogBody.textContent = template.replace('{seconds}', String(Math.max(left, 0)));
      left--;
    };
    tick();
    countdownTimer = window.setInterval(tick, 1000);
    dialog.hidden = false;
    var button = dialog.querySelector('[data-kiosk-continue]');
    if (button) button.focus();
  }

  function hideDialog() {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    window.clearInterval(countdownTimer);
    if (focusBeforeDialog && focusBeforeDialog.focus) focusBeforeDialog.focus();
  }

  function activity() {
    if (showingThanks) return;
    hideDialog();
    restartTimers();
  }

  ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true, capture: true });
  });

  // ---------------------------------------------------------------- start screen

  if (start && formArea) {
    start.hidden = false;
    formArea.hidden = true;
    start.querySelector('[data-kiosk-start]').addEventListener('click', function () {
      var el = document.documentElement;
      if (el.requestFullscreen && !document.fullscreenElement) {
        el.requestFullscreen().catch(function () { /* refused: carry on in the window */ });
      }
      start.hidden = true;
      formArea.hidden = false;
      engaged = true;
      restartTimers();
      var heading = formArea.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    });
  } else if (!onThanksPage) {
    engaged = true;
    restartTimers();
  }

  // ---------------------------------------------------------------- the thank-you screen

  function afterThanks() {
    showingThanks = true;
    hideDialog();
    clearTimers();
    resetTimer = window.setTimeout(reset, thanksMs);
  }

  document.addEventListener('click', function (e) {
    var restart = e.target.closest && e.target.closest('[data-kiosk-restart]');
    if (restart) {
      e.preventDefault();
      reset();
    }
  });

  if (onThanksPage) afterThanks();

  // ---------------------------------------------------------------- submitting through the queue

  function clearProblems() {
    if (!form) return;
    var summary = document.getElementById('survey-error-summary');
    if (summary) summary.parentNode.removeChild(summary);
    Array.prototype.forEach.call(formArea.querySelectorAll('.nhsuk-error-message'), function (el) { el.parentNode.removeChild(el); });
    Array.prototype.forEach.call(formArea.querySelectorAll('.nhsuk-form-group--error'), function (el) { el.classList.remove('nhsuk-form-group--error'); });
    Array.prototype.forEach.call(formArea.querySelectorAll('.nhsuk-input--error, .nhsuk-textarea--error'), function (el) {
      el.classList.remove('nhsuk-input--error');
      el.classList.remove('nhsuk-textarea--error');
    });
  }

  // A group of radios gives the checked one's value (RadioNodeList), a text box its text.
  function value(name) {
    var el = form.elements[name];
    if (!el) return '';
    if (el.type === 'radio' && !el.checked) return '';
    return (el.value || '').trim();
  }

  // The same rules as the server's, so a queued response is never refused later for something the person could fix now.
  function check() {
    var problems = [];
    Array.prototype.forEach.call(form.querySelectorAll('[data-question][data-required=true]'), function (group) {
      var key = group.getAttribute('data-question');
      if (!value(key)) problems.push({ field: key, message: group.getAttribute('data-required-message') });
    });
    var contact = document.getElementById('conditional-contact');
    if (contact && value('consent_to_contact') === 'yes') {
      var email = value('contact_email');
      var phone = value('contact_phone');
      if (!email && !phone) problems.push({ field: 'contact_email', message: contact.getAttribute('data-message-contact-missing') });
      var at = email.indexOf('@');
      if (email && !(at > 0 && at === email.lastIndexOf('@') && email.indexOf('.', at) > at + 1 && email.slice(-1) !== '.' && !/\s/.test(email))) {
        problems.push({ field: 'contact_email', message: contact.getAttribute('data-message-email') });
      }
      var digits = phone.replace(/\D/g, '').length;
      if (phone && !(digits >= 10 && digits <= 15 && /^[0-9 +\-()]+$/.test(phone))) {
        problems.push({ field: 'contact_phone', message: contact.getAttribute('data-message-phone') });
      }
    }
    return problems;
  }

  function showProblems(problems) {
    clearProblems();
    var prefix = form.getAttribute('data-error-prefix');
    var summary = document.createElement('div');
    summary.className = 'nhsuk-error-summary';
    summary.id = 'survey-error-summary';
    summary.setAttribute('tabindex', '-1');
    var alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    var heading = document.createElement('h2');
    heading.className = 'nhsuk-error-summary__heading';
    heading.textContent = form.getAttribute('data-problem-title');
    var body = document.createElement('div');
    body.className = 'nhsuk-error-summary__body';
    var list = document.createElement('ul');
    list.className = 'nhsuk-list nhsuk-error-summary__list';
    problems.forEach(function (p) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + p.field;
      a.textContent = p.message;
      li.appendChild(a);
      list.appendChild(li);

      var input = document.getElementById(p.field);
      var group = input && input.closest('.nhsuk-form-group');
      if (group) {
        group.classList.add('nhsuk-form-group--error');
        var message = document.createElement('span');
        message.className = 'nhsuk-error-message';
        message.id = p.field + '-error';
        var hidden = document.createElement('span');
        hidden.className = 'nhsuk-u-visually-hidden';
        hidden.textContent = prefix + ' ';
        message.appendChild(hidden);
        message.appendChild(document.createTextNode(p.message));
        var fieldset = group.querySelector('fieldset');
        var anchor = group.querySelector('.nhsuk-radios, textarea, input:not([type=radio])');
        if (fieldset) anchor = fieldset.querySelector('.nhsuk-radios');
        anchor.parentNode.insertBefore(message, anchor);
        var described = (fieldset || input);
        var ids = (described.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== message.id; });
        ids.push(message.id);
        described.setAttribute('aria-describedby', ids.join(' '));
      }
    });
    body.appendChild(list);
    alert.appendChild(heading);
    alert.appendChild(body);
    summary.appendChild(alert);
    formArea.insertBefore(summary, formArea.firstChild);
    summary.focus();
  }

  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var problems = check();
      if (problems.length > 0) {
        showProblems(problems);
        return;
      }
      var answers = {};
      Array.prototype.forEach.call(form.querySelectorAll('[data-question]'), function (group) {
        var key = group.getAttribute('data-question');
        var v = value(key);
        if (v) answers[key] = v;
      });
      var body = {
        id: uuid(),
        answers: answers,
        website: value('website'),
        lang: form.getAttribute('data-lang'),
        format: form.getAttribute('data-format'),
        version: Number(form.getAttribute('data-version'))
      };
      if (answers.consent_to_contact === 'yes') {
        body.contact = { name: value('contact_name'), email: value('contact_email'), phone: value('contact_phone') };
      }
      enqueue({ url: form.getAttribute('data-endpoint'), body: body, queuedAt: new Date().toISOString() });

      // The answers leave the screen now: the next person sees only the thank-you, then a fresh form.
      clearForm();
      formArea.hidden = true;
      if (thanks) {
        thanks.hidden = false;
        thanks.focus();
      }
      window.scrollTo(0, 0);
      afterThanks();
      flush();
    });
  }
})();
