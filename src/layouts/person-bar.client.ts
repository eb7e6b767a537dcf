// Prerendered pages are built once for everyone, so their header is the signed-out one. In a
// signed-in browser this asks for the person's part (/account/person-bar.json) and puts it in:
// their main links, their name and sign-out, and the logo leading to their home.

interface PersonBar { home: string; nav: Array<{ href: string; label: string }>; who: string }

export async function fillPersonBar(header: HTMLElement): Promise<void> {
  const response = await fetch('/account/person-bar.json', { credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json' } });
  if (response.status !== 200) return; // signed out: the page is right as it is
  const bar = (await response.json()) as PersonBar;
  header.querySelector<HTMLAnchorElement>('a.brand')?.setAttribute('href', bar.home);
  const links = header.querySelector('nav ul');
  links?.prepend(...bar.nav.map(({ href, label }) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = href;
    link.textContent = label;
    item.append(link);
    return item;
  }));
  const who = header.querySelector('.who');
  if (who) who.outerHTML = bar.who; // our own escaped markup (features/auth/who-bar.ts)
}
