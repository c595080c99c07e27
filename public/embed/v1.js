// The checkout's embed loader, version 1 (docs/embedding.md). A partner's page includes
//   <script src="https://<checkout origin>/embed/v1.js"></script>
//   <telco-checkout partner="<partner id>"></telco-checkout>
// and the element becomes one cross-origin iframe running the checkout from its own origin, so
// the partner's page needs no 'wasm-unsafe-eval' and its scripts cannot read what the customer
// types. Plain JavaScript: no eval, no innerHTML, no inline style attributes (styles are set
// through the CSSOM, which a strict style-src allows), so a strict host CSP with Trusted Types
// keeps working.
//
// The frame posts typed events ({v, id, seq, ts, type, data}; checkout_core::embed). The loader
// accepts a message only from the checkout's origin and its own frame, sizes the iframe to the
// reported height, and re-dispatches every event on the element as a CustomEvent named
// `telco-checkout:<type>` (bubbles, composed), with the envelope as `detail`. Once the frame is
// ready, it posts the theme set on the element as --telco-* custom properties.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !window.customElements || customElements.get('telco-checkout')) return;
  const ORIGIN = new URL(script.src).origin;
  const TYPES = new Set(['ready', 'step_viewed', 'hold_warning', 'hold_lapsed', 'order_placed', 'error', 'resize']);
  // The theme a partner may set on the element (docs/embedding.md); the frame checks each value.
  const THEME = ['color-primary', 'color-text', 'color-background', 'font-family', 'radius', 'space'];

  class TelcoCheckout extends HTMLElement {
    connectedCallback() {
      if (this.frame) return;
      const src = new URL('/embed', ORIGIN);
      src.searchParams.set('partner', this.getAttribute('partner') || '');
      src.searchParams.set('parent', window.location.origin);
      const frame = document.createElement('iframe');
      frame.src = src.href;
      frame.title = this.getAttribute('label') || 'Checkout';
      frame.style.border = '0';
      frame.style.width = '100%';
      frame.style.height = (Number(this.getAttribute('height')) || 640) + 'px';
      frame.style.display = 'block';
      this.frame = frame;
      this.listener = (event) => this.receive(event);
      window.addEventListener('message', this.listener);
      this.appendChild(frame);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.listener);
      if (this.frame) this.frame.remove();
      this.frame = null;
    }

    postTheme() {
      const style = getComputedStyle(this);
      const data = {};
      for (const name of THEME) {
        const value = style.getPropertyValue('--telco-' + name).trim();
        if (value) data[name] = value;
      }
      if (Object.keys(data).length) this.frame.contentWindow.postMessage({ v: 1, type: 'theme', data }, ORIGIN);
    }

    receive(event) {
      if (event.origin !== ORIGIN || !this.frame || event.source !== this.frame.contentWindow) return;
      const m = event.data;
      if (!m || m.v !== 1 || typeof m.type !== 'string' || !TYPES.has(m.type)) return;
      if (m.type === 'ready') this.postTheme();
      if (m.type === 'resize') {
        const h = m.data && m.data.height;
        if (Number.isFinite(h) && h > 0 && h < 100000) this.frame.style.height = Math.ceil(h) + 'px';
      }
      this.dispatchEvent(new CustomEvent('telco-checkout:' + m.type, { detail: m, bubbles: true, composed: true }));
    }
  }

  customElements.define('telco-checkout', TelcoCheckout);
})();
