// facility-calc iframe parent snippet (EMBEDDING.md): each <iframe data-facility-calc> takes the height its
// widget.html reports. Only messages from that iframe, from the origin its src points to, are used.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'facility-calc:height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe[data-facility-calc]')) {
    if (frame.contentWindow !== event.source) continue;
    if (event.origin !== new URL(frame.src, location.href).origin) return;
    frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), 100), 20000)}px`;
  }
});
