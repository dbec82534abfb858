// Runs before the page paints so NHS.UK components style themselves for JavaScript from the start.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
