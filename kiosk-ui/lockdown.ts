// Kiosk mode inside the page: no text selection, no context menu, no dragging, no zoom (pinch,
// ctrl+wheel, ctrl +/-), no browser shortcuts that open other pages. The browser itself runs
// full screen (Chromium --kiosk); staff leave through the hidden gesture and the PIN.

const BLOCKED_KEYS = new Set(['+', '-', '=', '_', '0', 'p', 's', 'o', 'u', 'f', 'g', 'h', 'j', 'n', 't', 'w', 'l', 'd']);

export function lockDown(doc: Document = document): () => void {
  const win = doc.defaultView ?? window;
  const prevent = (e: Event) => e.preventDefault();
  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) e.preventDefault();
  };
  const onTouchMove = (e: TouchEvent) => {
    if (e.touches.length > 1) e.preventDefault();
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && BLOCKED_KEYS.has(e.key.toLowerCase())) e.preventDefault();
    if (e.key === 'F1' || e.key === 'F3' || e.key === 'F6' || e.key === 'F7' || e.key === 'F12') e.preventDefault();
  };
  const listeners: Array<[string, EventListener, AddEventListenerOptions]> = [
    ['contextmenu', prevent, { capture: true }],
    ['selectstart', prevent, { capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['gesturestart', prevent, { capture: true }],
    ['wheel', onWheel as EventListener, { capture: true, passive: false }],
    ['touchmove', onTouchMove as EventListener, { capture: true, passive: false }],
    ['keydown', onKey as EventListener, { capture: true }],
  ];
  for (const [type, fn, opts] of listeners) win.addEventListener(type, fn, opts);
  doc.documentElement.classList.add('locked');
  return () => {
    for (const [type, fn, opts] of listeners) win.removeEventListener(type, fn, opts);
    doc.documentElement.classList.remove('locked');
  };
}
