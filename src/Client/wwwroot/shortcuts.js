// Page-wide keyboard shortcuts for Blazor pages: keys typed outside form fields go to .NET.
window.liveSession = window.liveSession || {};
window.liveSession.registerShortcuts = (dotnet) => {
  const handler = (e) => {
    const t = e.target;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const handled = ["n", "N", " ", "+", "=", "Enter", "Escape", "?", "ArrowUp", "ArrowDown"].includes(e.key);
    if (!handled) return;
    e.preventDefault();
    dotnet.invokeMethodAsync("OnShortcut", e.key, e.shiftKey);
  };
  document.addEventListener("keydown", handler);
  return { dispose: () => document.removeEventListener("keydown", handler) };
};
