// Blazor's reconnect state, shown as a small Vietnamese note (#components-reconnect-modal in App.razor).
// A screen on a wall has nobody to press "reload": when the host lost the page's session (restart), reload
// at once; when retries ran out (host down for a while), wait until the host answers again, then reload.
(() => {
  const note = document.getElementById("components-reconnect-modal");
  if (!note) return;
  let waiting = false;
  const reloadWhenUp = async () => {
    if (waiting) return;
    waiting = true;
    for (;;) {
      try {
        const response = await fetch("health", { cache: "no-store" });
        if (response.status < 500 || response.status === 503) { location.reload(); return; }
      } catch { /* still down */ }
      await new Promise(r => setTimeout(r, 3000));
    }
  };
  new MutationObserver(() => {
    if (note.classList.contains("components-reconnect-rejected")) location.reload();
    else if (note.classList.contains("components-reconnect-failed") || note.classList.contains("components-reconnect-resume-failed")) reloadWhenUp();
  }).observe(note, { attributes: true, attributeFilter: ["class"] });
})();
