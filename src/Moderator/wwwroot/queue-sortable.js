// Drag-and-drop reordering of the speaker queue. Sortable moves the element; we put it back at once
// and tell .NET, so that Blazor's render of the new state stays the only one touching the list.
import Sortable from "../../lib/sortablejs/sortable.esm.js";

export function attach(list, dotnet) {
  const sortable = Sortable.create(list, {
    handle: "[data-drag-handle]",
    draggable: "[data-speaker-id]",
    animation: 120,
    forceFallback: true,
    onEnd(e) {
      if (e.oldIndex === e.newIndex) return;
      e.from.removeChild(e.item);
      e.from.insertBefore(e.item, e.from.children[e.oldIndex] ?? null);
      dotnet.invokeMethodAsync("OnDropped", e.item.dataset.speakerId, e.newIndex, Number(list.dataset.version));
    },
  });
  return { dispose: () => sortable.destroy() };
}
