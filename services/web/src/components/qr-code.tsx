import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((text) => live && setSvg(text))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div
      className="qr"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      // The SVG comes from the QR encoder, not from user input.
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
