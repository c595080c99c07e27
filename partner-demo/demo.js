// The demo partner page's own script: log the checkout's events (textContent only, so the
// page's Trusted Types policy 'none' holds) and count any CSP violation, for the e2e tests.
'use strict';
window.demoEvents = [];
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
const log = document.getElementById('events');
for (const type of ['ready', 'step_viewed', 'hold_warning', 'hold_lapsed', 'order_placed', 'error', 'resize']) {
  document.addEventListener('telco-checkout:' + type, (e) => {
    window.demoEvents.push(e.detail);
    if (type === 'resize') return;
    const li = document.createElement('li');
    li.textContent = `${e.detail.type} ${JSON.stringify(e.detail.data || {})}`;
    log.appendChild(li);
  });
}
