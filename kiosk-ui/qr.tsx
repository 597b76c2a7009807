// The ticket's QR code (kiosk only; the status page does not need the library). The library
// (~10 KB gzip) is a chunk of its own, loaded after the kiosk's first screen (./main.tsx), so it
// does not delay that screen.
import { useEffect, useState } from 'preact/hooks';

let library: Promise<typeof import('qrcode')> | null = null;

/** The QR library, fetched once; a failed fetch is tried again at the next use. */
export function loadQrLibrary(): Promise<typeof import('qrcode')> {
  library ??= import('qrcode').catch((e: unknown) => {
    library = null;
    throw e;
  });
  return library;
}

/** A QR code of `url`, drawn as inline SVG (crisp at any size, nothing loaded). */
export function QrCode({ url, testId, label }: { url: string; testId?: string; label?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadQrLibrary()
      .then((QRCode) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }))
      .then((s) => live && setSvg(s))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div class="qr" data-testid={testId} data-url={url} role="img" aria-label={label ?? url}>
      {svg ? <div class="qr-svg" dangerouslySetInnerHTML={{ __html: svg }} /> : <div class="qr-svg qr-empty" />}
    </div>
  );
}
