// Page-wide keyboard shortcuts for Blazor pages: the given keys, typed outside form fields, go to .NET.
window.liveSession = window.liveSession || {};
window.liveSession.registerShortcuts = (dotnet, keys) => {
  const listened = new Set(keys);
  const handler = (e) => {
    const t = e.target;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) {
      if (e.key === "Escape") t.blur();
      return;
    }
    // A focused button or link keeps its Enter (Space stays the timer: a clicked button keeps focus).
    if (t && ["BUTTON", "A"].includes(t.tagName) && e.key === "Enter") return;
    if (e.ctrlKey || e.altKey || e.metaKey || !listened.has(e.key)) return;
    e.preventDefault();
    dotnet.invokeMethodAsync("OnShortcut", e.key, e.shiftKey);
  };
  document.addEventListener("keydown", handler);
  return { dispose: () => document.removeEventListener("keydown", handler) };
};
