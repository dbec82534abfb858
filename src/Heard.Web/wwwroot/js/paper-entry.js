// Paper entry: Enter already saves a card from a one-line box (the browser submits the form); inside a comment box
// Enter starts a new line, so Ctrl+Enter (or Cmd+Enter) saves instead. Without this script the button still works.
document.addEventListener('keydown', (event) => {
  const box = event.target
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
  if (!(box instanceof HTMLTextAreaElement) || !box.form || !box.form.hasAttribute('data-paper-card')) return
  event.preventDefault()
  box.form.requestSubmit()
})

// A second Enter while the card is saving would send it twice; the card id stores it once anyway, but the person
// should not see two "saved" messages.
document.addEventListener('submit', (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-paper-card')) return
  if (form.dataset.saving === 'true') {
    event.preventDefault()
    return
  }
  form.dataset.saving = 'true'
})

// Coming back with the Back button can restore the page as it was while saving; let it save again.
window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-paper-card]')) delete form.dataset.saving
})
