// Patient survey pages. Shows the contact questions only when "Yes, you may contact me" is chosen. NHS.UK frontend's
// radios module would do this, but it marks the radio aria-expanded, which radios may not carry; this keeps
// aria-controls only. Without JavaScript the contact questions simply stay visible.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('input[type=radio][aria-controls]'), function (revealer) {
    var target = document.getElementById(revealer.getAttribute('aria-controls'));
    if (!target || !target.classList.contains('nhsuk-radios__conditional')) return;
    var sync = function () { target.classList.toggle('nhsuk-radios__conditional--hidden', !revealer.checked); };
    Array.prototype.forEach.call(document.querySelectorAll('input[type=radio]'), function (radio) {
      if (radio.name === revealer.name && radio.form === revealer.form) radio.addEventListener('change', sync);
    });
    sync();
  });
})();
