/**
 * Brings an element to the middle of the pane that scrolls it, moving the window only as far as needed to show the
 * pane — scrollIntoView would also scroll the whole page and hide the page's header on every click.
 */
function scrollingBox(el: HTMLElement): HTMLElement | null {
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight) return box;
  }
  return null;
}

export function scrollToCentre(el: Element | null | undefined): void {
  if (!(el instanceof HTMLElement)) return;
  const behavior: ScrollBehavior = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  const box = scrollingBox(el);
  if (!box) {
    el.scrollIntoView({ block: 'center', behavior });
    return;
  }
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  box.scrollTo({ top: box.scrollTop + (r.top - b.top) - (b.height - r.height) / 2, behavior });
  if (b.top < 0 || b.bottom > window.innerHeight) box.scrollIntoView({ block: 'nearest', behavior });
}
