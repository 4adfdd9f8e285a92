// Ticks every [data-countdown] element (time remaining) and every [data-elapsed] element (time spoken, "m:ss") in
// the browser. The server renders the value at render; from then on this counts locally, so no timer ticks on the server.
(() => {
  const WARNING_MS = 30000;
  const format = ms => {
    const overtime = ms < 0;
    const total = overtime ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
    const mm = String(Math.floor(total / 60)).padStart(2, "0"), ss = String(total % 60).padStart(2, "0");
    return (overtime ? "+" : "") + mm + ":" + ss;
  };
  const sinceRender = el => {
    const key = el.dataset.ms + "|" + el.dataset.running;
    if (el._key !== key) { el._key = key; el._seenAt = performance.now(); }
    return el.dataset.running === "1" ? performance.now() - el._seenAt : 0;
  };
  const tick = () => {
    for (const el of document.querySelectorAll("[data-elapsed]")) {
      const total = Math.max(0, Math.floor((Number(el.dataset.ms) + sinceRender(el)) / 1000));
      el.textContent = Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0");
    }
    for (const el of document.querySelectorAll("[data-countdown]")) {
      const key = el.dataset.remainingMs + "|" + el.dataset.running;
      if (el._key !== key) { el._key = key; el._seenAt = performance.now(); }
      const remaining = Number(el.dataset.remainingMs) - (el.dataset.running === "1" ? performance.now() - el._seenAt : 0);
      el.textContent = format(remaining);
      el.classList.toggle("countdown-warning", remaining >= 0 && remaining <= WARNING_MS);
      el.classList.toggle("countdown-overtime", remaining < 0);
    }
  };
  setInterval(tick, 200);
  document.addEventListener("DOMContentLoaded", tick);
})();
