// The ticket's QR code (kiosk only; the status page does not need the library).
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';

/** A QR code of `url`, drawn as inline SVG (crisp at any size, nothing loaded). */
export function QrCode({ url, testId, label }: { url: string; testId?: string; label?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
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
