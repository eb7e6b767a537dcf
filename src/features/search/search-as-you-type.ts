// Search as you type: after a short pause, fetch the same /search page for the form's current
// values and swap in its results region. Without JavaScript the form is a plain GET form.
// Runs in the browser; no inline script (the Content-Security-Policy allows only our files).

const DEBOUNCE_MS = 250;
const REGION = 'search-results';

function urlOf(form: HTMLFormElement): URL {
  const url = new URL(form.action, window.location.href);
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && !(name === 'q' && value.trim() === '')) params.append(name, value);
  }
  url.search = params.toString();
  return url;
}

export function enhanceSearchForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  if (!form || !input || form.dataset.enhanced) return;
  form.dataset.enhanced = 'yes';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let lastQuery = input.value;

  const refresh = async () => {
    const url = urlOf(form);
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const region = document.getElementById(REGION);
    region?.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/html' }, credentials: 'same-origin' });
      if (!response.ok || !response.url.includes(url.pathname)) return; // e.g. signed out: leave the page as it is
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById(REGION);
      const current = document.getElementById(REGION);
      if (!fresh || !current || controller.signal.aborted) return;
      current.replaceWith(document.importNode(fresh, true));
      window.history.replaceState(null, '', url.pathname + url.search);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) console.warn('search as you type failed; press Enter to search', e);
    } finally {
      document.getElementById(REGION)?.removeAttribute('aria-busy');
    }
  };

  input.addEventListener('input', () => {
    if (input.value === lastQuery) return;
    lastQuery = input.value;
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });
}
