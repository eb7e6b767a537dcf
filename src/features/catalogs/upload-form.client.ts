// Runs in the browser (bundled as a file of our own origin: the CSP allows no inline script).
// Enhances the upload form: drop a file on it, refuse an oversized file before sending, send the
// file as the raw request body with progress, then open the revision page that shows the check.

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function enhanceUploadForm(form: HTMLFormElement): void {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = 'yes';
  const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
  const sheet = form.querySelector<HTMLInputElement>('input[name=sheet]');
  const zone = form.querySelector<HTMLElement>('[data-drop-zone]')!;
  const status = form.querySelector<HTMLElement>('[data-upload-status]')!;
  const errorBox = form.querySelector<HTMLElement>('[data-upload-error]')!;
  const progress = form.querySelector<HTMLProgressElement>('[data-upload-progress]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const maxBytes = Number(form.dataset.maxBytes);
  form.querySelector<HTMLElement>('[data-drop-hint]')?.removeAttribute('hidden');

  const showError = (message: string) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
    status.textContent = '';
    progress.hidden = true;
    button.disabled = false;
  };
  const chosen = () => {
    const file = input.files?.[0];
    errorBox.hidden = true;
    status.textContent = file ? `Chosen: ${file.name} (${formatBytes(file.size)})` : '';
  };
  input.addEventListener('change', chosen);
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0) return;
    if (files.length > 1) return showError('Drop one file: a CSV, an XLSX, or a ZIP holding the price list and its images.');
    input.files = files;
    chosen();
  });

  form.addEventListener('submit', (event) => {
    const file = input.files?.[0];
    if (!file) return; // the browser's required check speaks
    event.preventDefault();
    if (file.size === 0) return showError(`"${file.name}" is empty (0 bytes). Choose the price list file again.`);
    if (file.size > maxBytes) return showError(`"${file.name}" is ${formatBytes(file.size)}, larger than the limit of ${formatBytes(maxBytes)}. Split the price list, or send images in a separate ZIP.`);
    button.disabled = true;
    errorBox.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Sending ${file.name}…`;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    if (sheet?.value.trim()) request.setRequestHeader('x-sheet', sheet.value.trim());
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      progress.textContent = `${percent} %`;
      status.textContent = `Sending ${file.name}: ${percent} %`;
    });
    request.addEventListener('load', () => {
      let body: { revisionUrl?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (request.status === 202 && body.revisionUrl) {
        status.textContent = 'Sent. Opening the check…';
        window.location.assign(body.revisionUrl);
      } else {
        showError(body.error?.message ?? `The upload failed (HTTP ${request.status}). Please try again.`);
      }
    });
    request.addEventListener('error', () => showError('The upload was interrupted (the connection dropped). Please try again.'));
    request.send(file);
  });
}
